"""Relaxing an index for a load and restoring it, also after an interruption."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rasd.engine import Engine
from rasd.index_definition import alias_targets
from rasd.index_tuning import MARKER, relax, restore_all, restore_if_relaxed

pytestmark = pytest.mark.engine


def index_settings(engine: Engine, index: str) -> dict[str, str]:
    answer = engine.request("GET", f"/{index}/_settings", params={"flat_settings": "true"})
    return answer[index]["settings"]


def meta(engine: Engine, index: str) -> dict:
    return engine.request("GET", f"/{index}/_mapping")[index]["mappings"].get("_meta", {})


def test_relax_then_restore(engine: Engine, make_index: Callable[[], str]) -> None:
    (index,) = alias_targets(engine, make_index())
    relax(engine, index)
    assert index_settings(engine, index)["index.refresh_interval"] == "-1"
    assert index_settings(engine, index)["index.translog.durability"].lower() == "async"
    assert meta(engine, index)[MARKER]["refresh_interval"] == "1s"
    assert restore_if_relaxed(engine, index)
    assert index_settings(engine, index)["index.refresh_interval"] == "1s"
    assert MARKER not in meta(engine, index)
    assert meta(engine, index)["rasd_mapping_version"] == 1
    assert not restore_if_relaxed(engine, index)


def test_an_interrupted_load_is_restored_by_restore_all(
    engine: Engine, make_index: Callable[[], str]
) -> None:
    (index,) = alias_targets(engine, make_index())
    relax(engine, index)  # … and the indexer dies here
    assert index in restore_all(engine)
    assert index_settings(engine, index)["index.translog.durability"].lower() == "request"
