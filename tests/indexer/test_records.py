"""Records cross to the worker processes and back: they must survive pickling whole."""

from __future__ import annotations

import os
import pickle

import orjson
import pytest

from indexer.records import ItemError, Origin, RawRecord, Skipped, printable


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


def test_a_file_name_that_is_no_utf8_prints_and_serializes_with_escapes() -> None:
    name = os.fsdecode(b"/data/bad\xffname.txt")  # how Python hands over such a name
    origin = Origin(name, member=os.fsdecode(b"in\xfe.json"), line=2)
    assert str(origin) == "/data/bad\\xffname.txt!in\\xfe.json:2"
    assert orjson.loads(orjson.dumps(origin.to_dict()))["path"] == "/data/bad\\xffname.txt"
    assert str(Skipped(name, "why")) == "/data/bad\\xffname.txt: why"
    assert printable("بلا مشكلة.txt") == "بلا مشكلة.txt"
