"""Rasd on an Elasticsearch 8 or 9 cluster, through the official elasticsearch client.

No Elasticsearch can be installed here, so the cluster is the real OpenSearch engine
behind ``elasticsearch_face`` (an Elasticsearch face: version, product header, the
media-type check, the point-in-time endpoints). Indexing, searching, facets, cursors
and exports all run on the engine; what these tests check is Rasd's elasticsearch-client
path end to end — and that it gives the very answers the opensearch-py path gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient

from rasd.engine import Engine, EngineError, connect
from rasd.index_definition import delete_alias_and_indices, ensure_index
from rasd.settings import Settings
from web.app import create_site

from elasticsearch_face import ElasticsearchFace
from support import DEMO_CORPUS, index_paths

pytestmark = pytest.mark.engine

QUERY = {"q": "الانتربول", "size": 3}


@pytest.fixture(scope="module", params=[8, 9], ids=["es8", "es9"])
def face(request: pytest.FixtureRequest, engine: Engine) -> Iterator[ElasticsearchFace]:
    with ElasticsearchFace(engine.url, request.param) as face:
        yield face


@pytest.fixture(scope="module")
def es_settings(settings: Settings, face: ElasticsearchFace) -> Settings:
    return settings.model_copy(update={"engine_url": face.url})


@pytest.fixture(scope="module")
def es_index(
    engine: Engine, es_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, int]]:
    """The demo corpus indexed through the elasticsearch client: (alias, documents)."""
    es = connect(es_settings)
    alias = f"rasd-test-es-{es.version.split('.')[0]}"
    delete_alias_and_indices(engine, alias)
    ensure_index(es, alias)
    summary, sink = index_paths(es, alias, [str(DEMO_CORPUS)], tmp_path_factory.mktemp("home"))
    assert summary.failed == 0, sink.stream.getvalue()
    es.close()
    yield alias, summary.indexed + summary.duplicate  # an exact duplicate is kept, linked
    delete_alias_and_indices(engine, alias)


def test_connects_as_elasticsearch(es_settings: Settings, face: ElasticsearchFace) -> None:
    es = connect(es_settings)
    assert (es.flavor, es.version.split(".")[0]) == ("elasticsearch", str(face.major))


def test_face_refuses_a_client_of_a_newer_major(face: ElasticsearchFace) -> None:
    """The face's media-type check bites, so the tests below would catch a client that
    speaks a newer major than the cluster (elasticsearch-py 9 against Elasticsearch 8)."""
    newer = f"application/vnd.elasticsearch+json; compatible-with={face.major + 1}"
    answer = httpx.get(f"{face.url}/_cluster/health", headers={"accept": newer})
    assert answer.status_code == 400
    assert answer.json()["error"]["type"] == "media_type_header_exception"
    face.refused.clear()


def test_indexes_through_the_elasticsearch_client(
    engine: Engine, es_index: tuple[str, int], face: ElasticsearchFace, tmp_path: Path
) -> None:
    alias, indexed = es_index
    assert indexed > 30
    assert engine.count(alias) == indexed  # counted by the engine itself
    es = connect(Settings(engine_url=face.url))
    again, _ = index_paths(es, alias, [str(DEMO_CORPUS)], tmp_path)
    assert (again.indexed, again.updated, again.failed) == (0, 0, 0), again
    assert again.unchanged + again.duplicate == indexed
    assert {"/_bulk", f"/{alias}/_refresh"} <= face.paths_used()
    assert face.refused == []


def test_engine_errors_translate(es_settings: Settings, es_index: tuple[str, int]) -> None:
    es = connect(es_settings)
    alias, _ = es_index
    assert es.get(alias, "no-such-id") is None
    assert es.exists(f"/{alias}") and not es.exists("/rasd-test-no-such-index")
    with pytest.raises(EngineError) as refused:
        es.search(alias, {"query": {"no_such_query": {}}})
    assert refused.value.status == 400


def _without_timings(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k not in ("took_ms", "engine_took_ms")}


def test_api_answers_as_on_opensearch(
    settings: Settings, es_settings: Settings, es_index: tuple[str, int],
    face: ElasticsearchFace,
) -> None:  # fmt: skip
    alias, indexed = es_index
    apps = [create_site(s.model_copy(update={"index": alias})) for s in (settings, es_settings)]
    with TestClient(apps[0]) as opensearch, TestClient(apps[1]) as es:
        for params in (QUERY, {"q": "داعش", "country": "SY"}, {"org": "interpol"}, {}):
            expected = opensearch.get("/api/search", params=params)
            answer = es.get("/api/search", params=params)
            assert answer.status_code == expected.status_code == 200
            assert _without_timings(answer.json()) == _without_timings(expected.json())

        health = es.get("/healthz").json()
        assert health["engine"].startswith(f"elasticsearch {face.major}.")
        assert health["documents"] == indexed

        first = es.get("/api/search", params=QUERY).json()
        assert 3 < first["total"] < indexed
        article = es.get(f"/api/articles/{first['hits'][0]['id']}")
        assert article.status_code == 200
        assert es.get(f"/api/articles/{first['hits'][0]['id']}/similar").status_code == 200
        assert es.get("/api/articles/no-such-id").status_code == 404

        # Deep paging and exports go through the point in time.
        ids, cursor = [h["id"] for h in first["hits"]], first["next_cursor"]
        while cursor:
            page = es.get("/api/search", params={**QUERY, "cursor": cursor}).json()
            ids += [h["id"] for h in page["hits"]]
            cursor = page["next_cursor"]
        assert len(ids) == len(set(ids)) == first["total"]
        export = es.get("/api/export", params={"q": QUERY["q"], "format": "jsonl"})
        rows = [orjson.loads(line) for line in export.text.splitlines()]
        assert sorted(r["id"] for r in rows) == sorted(ids)
    assert {"/_pit", f"/{alias}/_pit", "/_search"} <= face.paths_used()
    assert face.refused == []
