"""rasd.index_definition against the real engine: an index made by an earlier Rasd is
brought up to date, or refused with the way out."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from rasd.engine import Engine, EngineError
from rasd.index_definition import delete_alias_and_indices, ensure_index, index_body

pytestmark = pytest.mark.engine


@pytest.fixture
def old_index(engine: Engine) -> Iterator[Callable[[Callable[[dict[str, Any]], None]], str]]:
    """An alias over an index whose mapping ``change`` made older."""
    alias = f"rasd-test-upgrade-{uuid.uuid4().hex[:8]}"

    def make(change: Callable[[dict[str, Any]], None]) -> str:
        body = index_body()
        change(body["mappings"]["properties"])
        body["aliases"] = {alias: {}}
        engine.request("PUT", f"/{alias}-v1", body)
        return alias

    yield make
    delete_alias_and_indices(engine, alias)


def test_fields_added_since_are_added_to_an_existing_index(
    engine: Engine, old_index: Callable[..., str]
) -> None:
    def drop_new_fields(properties: dict[str, Any]) -> None:
        del properties["story_signature"]
        del properties["event_dates"]["properties"]["end_month"]

    alias = old_index(drop_new_fields)
    index = ensure_index(engine, alias)
    mapping = engine.request("GET", f"/{index}/_mapping")[index]["mappings"]["properties"]
    assert mapping["story_signature"]["type"] == "binary"
    assert "end_month" in mapping["event_dates"]["properties"]
    engine.request("PUT", f"/{index}/_doc/a", {"story_signature": "AAAA"}, {"refresh": "true"})
    assert engine.count(alias) == 1


def test_a_field_that_changed_type_is_refused_with_the_way_out(
    engine: Engine, old_index: Callable[..., str]
) -> None:
    def source_as_text(properties: dict[str, Any]) -> None:
        properties["source"] = {"type": "text"}

    alias = old_index(source_as_text)
    with pytest.raises(EngineError, match=r"made by an earlier Rasd.*--index NAME"):
        ensure_index(engine, alias)
