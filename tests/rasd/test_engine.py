"""The engine-access module against the real engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rasd.engine import Engine, EngineUnavailable, NotFound, connect
from rasd.settings import Settings

pytestmark = pytest.mark.engine


def test_detects_opensearch(engine: Engine) -> None:
    assert engine.flavor == "opensearch"
    assert engine.major_version in (2, 3)


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
