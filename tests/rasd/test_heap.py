"""Garbage-collector settings: what each call changes (and the test puts back)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from rasd.heap import collect_young_less_often, freeze_loaded


@pytest.fixture
def collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


def test_freezing_takes_what_is_loaded_out_of_the_collectors_reach(collector: None) -> None:
    table = {f"alias {i}": [i] for i in range(1000)}  # a long-lived table, as a gazetteer
    freeze_loaded()
    assert gc.get_freeze_count() >= len(table)
    assert not any(obj is table for obj in gc.get_objects())


def test_young_collections_run_less_often_and_the_older_ones_keep_their_pace(
    collector: None,
) -> None:
    _, middle, old = gc.get_threshold()
    collect_young_less_often()
    assert gc.get_threshold() == (20_000, middle, old)
