"""Records cross to the worker processes and back: they must survive pickling whole."""

from __future__ import annotations

import pickle

import pytest

from indexer.records import ItemError, Origin, RawRecord


@pytest.mark.parametrize(
    "origin",
    [Origin("a.txt"), Origin("day.zip", member="2015-07-01.json", record=3), Origin("-", line=7)],
)
def test_origin_and_error_pickle_round_trip(origin: Origin) -> None:
    error = ItemError(origin, "no text")
    assert pickle.loads(pickle.dumps(origin)) == origin
    assert pickle.loads(pickle.dumps(error)) == error
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_raw_record_pickle_round_trip() -> None:
    record = RawRecord(Origin("x.jsonl", line=2), "jsonl", "نص", title="عنوان", url="https://e.x/a")
    assert pickle.loads(pickle.dumps(record)) == record
