"""The REST API against the real engine: results, disjunctive facets checked against
direct engine counts, morphology and aliases, escaping, paging, export, errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from rasd.engine import Engine
from rasd.settings import Settings
from search_api.labels import get_labels
from search_api.params import FilterParams
from search_api.service import filtered_query, parse
from web.app import create_site

from support import index_paths

pytestmark = pytest.mark.engine


def search(client: TestClient, **params: object) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def engine_count(engine: Engine, alias: str, **filters: object) -> int:
    """The same filters, counted directly by the engine (no facets, no post_filter)."""
    params = FilterParams(**filters)
    return engine.count(alias, filtered_query(parse(params, get_labels()), params))


# -- facets -------------------------------------------------------------------------------


def test_facet_counts_equal_direct_engine_counts(
    demo_client: TestClient, engine: Engine, demo_index: str
) -> None:
    result = search(demo_client, q="الإرهاب", size=1)
    assert result["total"] == engine_count(engine, demo_index, q="الإرهاب")
    for facet, param in (("country", "country"), ("organization", "org"), ("topic", "topic")):
        for value in result["facets"][facet][:5]:
            direct = engine_count(engine, demo_index, q="الإرهاب", **{param: [value["value"]]})
            assert value["count"] == direct, (facet, value)


def test_facets_are_disjunctive(demo_client: TestClient, engine: Engine, demo_index: str) -> None:
    result = search(demo_client, country=["MA"], size=1)
    assert result["total"] == engine_count(engine, demo_index, country=["MA"])
    countries = {v["value"]: v for v in result["facets"]["country"]}
    assert countries["MA"]["selected"] and not countries["FR"]["selected"]
    # France's count ignores the Morocco filter: what ticking France would add.
    assert countries["FR"]["count"] == engine_count(engine, demo_index, country=["FR"])
    # Other facets honour the country filter.
    for topic in result["facets"]["topic"][:3]:
        direct = engine_count(engine, demo_index, country=["MA"], topic=[topic["value"]])
        assert topic["count"] == direct


def test_selected_values_appear_even_at_zero(demo_client: TestClient) -> None:
    result = search(demo_client, q="الإرهاب", country=["IS"], org=["no-such-org"])
    assert result["total"] == 0
    assert {"value": "IS", "count": 0, "selected": True}.items() <= next(
        v for v in result["facets"]["country"] if v["value"] == "IS"
    ).items()
    assert any(v["value"] == "no-such-org" for v in result["facets"]["organization"])


def test_labels_are_bilingual(demo_client: TestClient) -> None:
    result = search(demo_client, country=["MA"], size=3)
    morocco = next(v for v in result["facets"]["country"] if v["value"] == "MA")
    assert (morocco["label_ar"], morocco["label_en"]) == ("المغرب", "Morocco")
    hit = result["hits"][0]
    assert any(c["code"] == "MA" and c["label_en"] == "Morocco" for c in hit["countries"])
    assert hit["published_precision"] in ("day", "month", "year", "unknown")
    assert "published_at" in hit and "story_id" in hit


def test_date_histogram_interval_follows_the_range(demo_client: TestClient) -> None:
    years = search(demo_client, size=1)["facets"]["date"]
    assert years["interval"] == "year"  # the demo corpus spans 2013–2025
    assert sum(b["count"] for b in years["buckets"]) <= search(demo_client, size=1)["total"]
    month = search(demo_client, size=1, date_from="2016-01", date_to="2016-12")["facets"]["date"]
    assert month["interval"] == "month"
    assert month["buckets"][0]["from"] == "2016-01-01"
    assert month["buckets"][0]["to"] == "2016-01-31"


# -- text -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_index(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Four articles, each using one spelling or form only."""
    folder = tmp_path_factory.mktemp("tiny")
    articles = {
        "a1": ("اعتقال إرهابي في الرباط", "أوقفت السلطات إرهابي خطير كان يخطط لهجوم."),
        "a2": (
            "اجتماع أمني",
            "بحث المسؤولون التعاون الأمني بين البلدين في مجال الحدود لتعزيز الأمن.",
        ),
        "a3": ("ضربات جوية", "استهدف التحالف مواقع تنظيم الدولة الإسلامية في الرقة."),
        "a4": ("تعاون دولي", "وقعت المنظمة الدولية للشرطة الجنائية اتفاقا لتبادل المعلومات."),
    }
    lines = [
        json.dumps({"url": f"https://tiny.example/{k}", "title": t, "content": b,
                    "source": "هسبريس", "published_at": "2020-01-01"}, ensure_ascii=False)
        for k, (t, b) in articles.items()
    ]  # fmt: skip
    (folder / "tiny.jsonl").write_text("\n".join(lines) + "\n")
    alias = "rasd-test-tiny"
    index_paths(engine, alias, [str(folder / "tiny.jsonl")], folder)
    yield alias
    from rasd.index_definition import delete_alias_and_indices

    delete_alias_and_indices(engine, alias)


@pytest.fixture(scope="module")
def tiny_client(settings: Settings, tiny_index: str) -> TestClient:
    with TestClient(create_site(settings.model_copy(update={"index": tiny_index}))) as client:
        yield client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الإرهابيين", "a1"),  # plural with article finds the singular
        ("الأمنية", "a2"),  # feminine adjective finds the masculine
        ("داعش", "a3"),  # alias: the article says تنظيم الدولة الإسلامية
        ("الانتربول", "a4"),  # alias: the article says المنظمة الدولية للشرطة الجنائية
        ("الإنتربول", "a4"),
    ],
)
def test_morphology_and_aliases(tiny_client: TestClient, query: str, expected: str) -> None:
    urls = [h["url"] for h in search(tiny_client, q=query)["hits"]]
    assert f"https://tiny.example/{expected}" in urls


def test_phrase_exclusion_and_or(tiny_client: TestClient) -> None:
    assert search(tiny_client, q='"تعاون دولي"')["total"] == 1
    without_borders = search(tiny_client, q="التعاون -الحدود")["hits"]
    assert [h["url"] for h in without_borders] == ["https://tiny.example/a4"]
    assert search(tiny_client, q="الرباط OR الرقة")["total"] == 2


def test_a_quoted_phrase_may_open_with_a_proclitic(tiny_client: TestClient) -> None:
    """A quoted "تعزيز الأمن" finds "لتعزيز الأمن" (the preposition is glued on) and marks it."""
    hits = search(tiny_client, q='"تعزيز الأمن"')["hits"]
    assert [h["url"] for h in hits] == ["https://tiny.example/a2"]
    assert "<mark>لتعزيز</mark> <mark>الأمن</mark>" in hits[0]["snippet_html"]
    assert search(tiny_client, q='"عزيز الأمن"')["total"] == 0  # a proclitic, not any letter
    assert search(tiny_client, q='التعاون -"تعزيز الأمن"')["total"] == 1  # a4 only


def test_snippets_escape_markup(demo_client: TestClient) -> None:
    hits = search(demo_client, q="حملة تشويه مواقع بلديات")["hits"]
    xss = next(h for h in hits if h["url"].endswith("municipal-sites-defacement.html"))
    assert "<script>" not in xss["title_html"] and "&lt;script&gt;" in xss["title_html"]
    assert "<mark>" in xss["title_html"]
    for field in ("title_html", "snippet_html"):
        stripped = xss[field].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped, field


# -- paging and export ------------------------------------------------------------------


def test_every_hit_once_across_pages_and_cursors(saudinewsnet_index: str, settings) -> None:
    with TestClient(create_site(settings.model_copy(update={"index": saudinewsnet_index}))) as c:
        first = search(c, q="السعودية", size=50, facets="none")
        total = first["total"]
        assert total > 150
        pages = [search(c, q="السعودية", size=50, page=p, facets="none") for p in (1, 2, 3)]
        by_page = [h["id"] for page in pages for h in page["hits"]]
        assert len(by_page) == len(set(by_page)) == 150
        ids, cursor = [h["id"] for h in first["hits"]], first["next_cursor"]
        while cursor:
            page = search(c, q="السعودية", size=50, cursor=cursor, facets="none")
            ids += [h["id"] for h in page["hits"]]
            cursor = page["next_cursor"]
        assert len(ids) == len(set(ids)) == total
        assert ids[:150] == by_page


def test_export_rows_equal_total(demo_client: TestClient) -> None:
    total = search(demo_client, q="الإرهاب", size=1)["total"]
    jsonl = demo_client.get("/api/export", params={"q": "الإرهاب", "format": "jsonl"})
    assert jsonl.status_code == 200
    assert len(jsonl.text.splitlines()) == total
    exported = demo_client.get("/api/export", params={"q": "الإرهاب", "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][0] == "id" and len(rows) - 1 == total


# -- articles, browse, health, errors ---------------------------------------------------


def test_article_duplicates_siblings_and_similar(demo_client: TestClient) -> None:
    hits = search(demo_client, q="تفكيك خلية طنجة فاس", size=5, facets="none")["hits"]
    article = demo_client.get(f"/api/articles/{hits[0]['id']}").json()
    assert article["body"] and article["story_siblings"]
    similar = demo_client.get(f"/api/articles/{hits[0]['id']}/similar").json()
    sibling_ids = {s["id"] for s in article["story_siblings"]}
    assert not sibling_ids & {s["id"] for s in similar["similar"]}
    assert demo_client.get("/api/articles/unknown-id").status_code == 404


def test_browse_with_prefix_in_either_language(demo_client: TestClient) -> None:
    arabic = demo_client.get("/api/organizations", params={"prefix": "الانتر"}).json()
    english = demo_client.get("/api/organizations", params={"prefix": "Interpol"}).json()
    assert [o["id"] for o in arabic["organizations"]] == ["interpol"]
    assert [o["id"] for o in english["organizations"]] == ["interpol"]
    countries = demo_client.get("/api/countries", params={"prefix": "Mor"}).json()["countries"]
    assert countries[0]["code"] == "MA" and countries[0]["count"] > 0


def test_healthz(demo_client: TestClient, demo_index: str) -> None:
    health = demo_client.get("/healthz").json()
    assert health["status"] == "ok" and health["alias"] == demo_index and health["documents"] > 40


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"size": 500}, "size"),
        ({"page": 0}, "page"),
        ({"date_from": "2015-13"}, "date_from"),
        ({"country": "Morocco"}, "country.0"),
        ({"sort": "best"}, "sort"),
        ({"q": "ب" * 600}, "q"),
        ({"q": " ".join(["كلمة"] * 40)}, "q"),
        ({"page": 200, "size": 100}, "request"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"facets": "colour"}, "facets"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(
    demo_client: TestClient, params: dict, field: str
) -> None:
    response = demo_client.get("/api/search", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    assert any(d["field"].startswith(field) for d in body["details"]), body


def test_engine_down_is_503_without_a_trace(settings: Settings) -> None:
    dead = settings.model_copy(update={"engine_url": "http://127.0.0.1:9", "engine_timeout": 2})
    with TestClient(create_site(dead)) as client:
        for path in ("/api/search?q=x", "/api/organizations", "/healthz"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "Traceback" not in response.text


@pytest.mark.parametrize("gzip", [True, False])
def test_gzip_and_cors_are_configurable(settings: Settings, demo_index: str, gzip: bool) -> None:
    configured = settings.model_copy(
        update={"index": demo_index, "gzip": gzip, "cors_origins": ["https://analyst.example"]}
    )
    with TestClient(create_site(configured)) as client:
        answer = client.get(
            "/api/search",
            params={"q": "الإرهاب"},
            headers={"accept-encoding": "gzip", "origin": "https://analyst.example"},
        )
        assert answer.status_code == 200 and answer.json()["total"] > 0
        assert (answer.headers.get("content-encoding") == "gzip") is gzip
        assert answer.headers["access-control-allow-origin"] == "https://analyst.example"
        other = client.get("/api/search", headers={"origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_api_docs_are_served_without_a_cdn(demo_client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = demo_client.get(page).text
        assert "cdn." not in html, page
        assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
        assert any(a.endswith(".js") for a in assets), page
        for asset in assets:
            assert demo_client.get(asset).status_code == 200, asset


def test_startup_builds_what_the_first_search_would_wait_for(
    settings: Settings, demo_index: str
) -> None:
    gazetteer = get_labels().gazetteer
    vars(gazetteer).pop("matcher", None)  # forget the cached query-side alias matcher
    with TestClient(create_site(settings.model_copy(update={"index": demo_index}))):
        assert "matcher" in vars(gazetteer)  # built at start-up, before any search
