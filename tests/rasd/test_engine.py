"""The engine-access module against the real engine."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

import pytest
from opensearchpy import AsyncOpenSearch

from rasd.engine import Engine, EngineUnavailable, NotFound, connect
from rasd.settings import Settings

pytestmark = pytest.mark.engine


def test_detects_opensearch(engine: Engine) -> None:
    assert engine.flavor == "opensearch"
    assert engine.version.split(".")[0] in ("2", "3")


def test_unreachable_engine_gives_a_clear_error() -> None:
    settings = Settings(engine_url="http://127.0.0.1:9", engine_timeout=2)
    with pytest.raises(EngineUnavailable, match=r"http://127\.0\.0\.1:9 cannot be reached"):
        connect(settings)


def test_missing_document_and_index(engine: Engine, make_index: Callable[[], str]) -> None:
    alias = make_index()
    assert engine.get(alias, "nope") is None
    with pytest.raises(NotFound):
        engine.search("rasd-test-no-such-index", {"query": {"match_all": {}}})


def test_seed_article_round_trip(
    engine: Engine, make_index: Callable[[], str], seed_text: str
) -> None:
    """Index the seed page's text; find it by other spellings and forms of its words."""
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    doc = {"id": "seed", "title": lines[0], "body": "\n".join(lines[4:])}
    alias = make_index()
    engine.request("PUT", f"/{alias}/_doc/seed", doc, {"refresh": "true"})

    def hits(query: str) -> int:
        body = {"query": {"multi_match": {"query": query, "fields": ["title", "body"]}}}
        return engine.search(alias, body)["hits"]["total"]["value"]

    assert hits("الإنتربول") == 1  # the page writes الانتربول
    assert hits("الإرهابيين") == 1  # the page writes الإرهاب
    assert hits("وزارات الداخلية") == 1  # the page writes وزارة الداخلية
    assert hits("ليون") == 1
    assert hits("كرة القدم") == 0


def test_point_in_time_round_trip(engine: Engine, make_index: Callable[[], str]) -> None:
    alias = make_index()
    for i in range(3):
        engine.request("PUT", f"/{alias}/_doc/{i}", {"id": str(i)})
    engine.refresh(alias)
    pit = engine.open_point_in_time(alias)
    try:
        body = {"size": 10, "pit": {"id": pit, "keep_alive": "1m"}, "sort": [{"id": "asc"}]}
        answer = engine.request("POST", "/_search", body)
        assert [h["_source"]["id"] for h in answer["hits"]["hits"]] == ["0", "1", "2"]
    finally:
        engine.close_point_in_time(pit)


def test_awaited_requests_match_blocking_ones(
    engine: Engine, make_index: Callable[[], str]
) -> None:
    """``arequest`` (the API's path) gives the answers and errors ``request`` gives, and
    its asyncio client follows the event loop it is awaited in."""
    alias = make_index()
    for i in range(3):
        engine.request("PUT", f"/{alias}/_doc/{i}", {"id": str(i)})
    engine.refresh(alias)
    body = {"sort": [{"id": "asc"}]}
    blocking = engine.search(alias, body)["hits"]["hits"]

    async def awaited() -> tuple[list[dict], str]:
        try:
            answer = await engine.arequest("POST", f"/{alias}/_search", body)
            pit = await engine.aopen_point_in_time(alias)
            with pytest.raises(NotFound):
                await engine.arequest("POST", "/rasd-test-no-such-index/_search", body)
        finally:
            await engine.aclose()
        return answer["hits"]["hits"], pit

    for _ in range(2):  # each loop gets a client of its own
        hits, pit = asyncio.run(awaited())
        assert hits == blocking
        engine.close_point_in_time(pit)


def test_awaited_request_to_a_stopped_engine_is_unavailable(engine: Engine) -> None:
    dead = "http://127.0.0.1:9"
    down = replace(engine, url=dead, async_client_factory=lambda: AsyncOpenSearch(hosts=[dead]))

    async def ask() -> None:
        try:
            await down.arequest("GET", "/")
        finally:
            await down.aclose()

    with pytest.raises(EngineUnavailable):
        asyncio.run(ask())
