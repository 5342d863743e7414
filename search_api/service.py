"""What the API and the web UI do, as plain functions over an Engine: request → parse
query → build engine query → run → shape response. Routers and pages are thin wrappers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from threading import Lock
from typing import Any

from rasd.arabic import normalize
from rasd.engine import Engine, EngineError, NotFound
from rasd.settings import get_settings
from search_api.cursor import Cursor, InvalidCursor, query_hash
from search_api.facets import (
    FACETS,
    PERSON_FILTER,
    date_aggregation,
    date_interval,
    shape_date_buckets,
)
from search_api.labels import Labels
from search_api.params import ExportParams, FilterParams, SearchParams
from search_api.query_builder import highlight, sort_clause, text_query
from search_api.query_parser import ParsedQuery, QueryTooLong, parse_query
from search_api.shaping import BRIEF_FIELDS, INTERNAL_FIELDS, article, brief, hit

Query = dict[str, Any]
BOUNDS_TTL_S = 60.0
SIBLINGS = 20
EXPORT_BATCH = 1000


class BadRequest(ValueError):
    """Input that parsed but cannot be served; becomes a 422 naming ``field``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# -- building blocks --------------------------------------------------------------------


def parse(params: FilterParams, labels: Labels) -> ParsedQuery:
    try:
        return parse_query(params.q, labels.gazetteer, max_terms=get_settings().max_query_terms)
    except QueryTooLong as exc:
        raise BadRequest("q", str(exc)) from exc


def facet_filters(params: FilterParams) -> dict[str, Query]:
    """The selected values of each facet (and of the person filter) as filters."""
    filters = {}
    for facet in (*FACETS, PERSON_FILTER):
        selected = params.selected(facet.param)
        if selected:
            filters[facet.name] = facet.filter(selected)
    return filters


def date_filter(params: FilterParams) -> Query | None:
    start, end = params.date_range
    if start is None and end is None:
        return None
    bounds = {"format": "yyyy-MM-dd"}
    if start:
        bounds["gte"] = start.isoformat()
    if end:
        bounds["lte"] = end.isoformat()
    return {"range": {"published_at": bounds}}


def base_query(parsed: ParsedQuery, params: FilterParams) -> Query:
    dates = date_filter(params)
    return {"bool": {"must": [text_query(parsed)], "filter": [dates] if dates else []}}


def filtered_query(parsed: ParsedQuery, params: FilterParams) -> Query:
    """Query, dates and every facet filter together: the exact hit set (exports, counts)."""
    query = base_query(parsed, params)
    query["bool"]["filter"].extend(facet_filters(params).values())
    return query


@dataclass
class _Bounds:
    value: tuple[date, date] | None
    at: float


_bounds_cache: dict[str, _Bounds] = {}
_bounds_lock = Lock()


def corpus_date_bounds(engine: Engine, alias: str) -> tuple[date, date] | None:
    """Earliest and latest publication dates in the index, cached for a minute."""
    now = time.monotonic()
    with _bounds_lock:
        cached = _bounds_cache.get(alias)
        if cached and now - cached.at < BOUNDS_TTL_S:
            return cached.value
    body = {
        "size": 0,
        "aggs": {
            "first": {"min": {"field": "published_at", "format": "yyyy-MM-dd"}},
            "last": {"max": {"field": "published_at", "format": "yyyy-MM-dd"}},
        },
    }
    aggs = engine.search(alias, body)["aggregations"]
    value = None
    if aggs["first"].get("value_as_string"):
        first = date.fromisoformat(aggs["first"]["value_as_string"])
        last = date.fromisoformat(aggs["last"]["value_as_string"])
        value = (first, last)
    with _bounds_lock:
        _bounds_cache[alias] = _Bounds(value, now)
    return value


# -- search -----------------------------------------------------------------------------


def build_search_body(
    engine: Engine, alias: str, params: SearchParams, parsed: ParsedQuery
) -> tuple[Query, str | None]:
    """The engine request for a search, and the date interval when a histogram is asked."""
    filters = facet_filters(params)
    body: Query = {
        "query": base_query(parsed, params),
        "size": params.size,
        "sort": sort_clause(params.effective_sort),
        "track_total_hits": True,
        "_source": {"excludes": ["body", *INTERNAL_FIELDS]},
        "highlight": highlight(parsed) or _plain_snippet_highlight(),
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": list(filters.values())}}
    if params.collapse == "story":
        body["collapse"] = {
            "field": "story_id",
            "inner_hits": {
                "name": "versions",
                "size": 5,
                "_source": BRIEF_FIELDS,
                "sort": [{"published_at": {"order": "asc", "missing": "_last"}}],
            },
        }
        body["aggs"] = {
            "stories": {
                "filter": {"bool": {"filter": list(filters.values())}},
                "aggs": {"count": {"cardinality": {"field": "story_id"}}},
            }
        }
    interval = None
    if params.cursor is None:
        body["from"] = (params.page - 1) * params.size
        aggs, interval = _facet_aggregations(engine, alias, params, filters)
        body.setdefault("aggs", {}).update(aggs)
    return body, interval


def _plain_snippet_highlight() -> Query:
    """Without a query, the engine still returns the escaped start of title and body."""
    return {
        "type": "unified",
        "encoder": "html",
        "fields": {
            "title": {"number_of_fragments": 0, "no_match_size": 500},
            "body": {"number_of_fragments": 1, "no_match_size": 240},
        },
        "highlight_query": {"match_none": {}},
    }


def _facet_aggregations(
    engine: Engine, alias: str, params: SearchParams, filters: dict[str, Query]
) -> tuple[Query, str | None]:
    aggs: Query = {}
    wanted = params.wanted_facets()
    for facet in FACETS:
        if facet.name in wanted:
            others = [f for name, f in filters.items() if name != facet.name]
            aggs[facet.name] = facet.aggregation(others, params.selected(facet.param))
    interval = None
    if "date" in wanted:
        start, end = params.date_range
        if start is None or end is None:
            bounds = corpus_date_bounds(engine, alias)
            if bounds:
                start, end = start or bounds[0], end or bounds[1]
        if start and end:
            interval = date_interval(start, end)
            aggs["date"] = date_aggregation(list(filters.values()), start, end, interval)
    return aggs, interval


def search(engine: Engine, alias: str, params: SearchParams, labels: Labels) -> dict[str, Any]:
    began = time.perf_counter()
    parsed = parse(params, labels)
    body, interval = build_search_body(engine, alias, params, parsed)
    cursor = _cursor(params)
    path = f"/{alias}/_search"
    if cursor is not None:
        pit = cursor.pit_id or engine.open_point_in_time(alias, get_settings().cursor_keep_alive)
        body["pit"] = {"id": pit, "keep_alive": get_settings().cursor_keep_alive}
        body["search_after"] = cursor.search_after
        path = "/_search"
        cursor = Cursor(cursor.search_after, pit, cursor.query_hash)
    try:
        answer = engine.request("POST", path, body)
    except (NotFound, EngineError) as exc:
        if cursor is not None and (exc.status == 404 or "search_context" in str(exc)):
            raise BadRequest("cursor", "the cursor has expired; start the search again") from exc
        raise
    return _shape_search(answer, params, labels, interval, cursor, began)


def _cursor(params: SearchParams) -> Cursor | None:
    if params.cursor is None:
        return None
    try:
        return Cursor.decode(params.cursor, params)
    except InvalidCursor as exc:
        raise BadRequest("cursor", str(exc)) from exc


def _shape_search(
    answer: Query,
    params: SearchParams,
    labels: Labels,
    interval: str | None,
    cursor: Cursor | None,
    began: float,
) -> dict[str, Any]:
    raw_hits = answer["hits"]["hits"]
    total = answer["hits"]["total"]
    hits = []
    for raw in raw_hits:
        shaped = hit(raw, labels)
        versions = raw.get("inner_hits", {}).get("versions")
        if versions is not None:
            others = [v for v in versions["hits"]["hits"] if v["_id"] != raw["_id"]]
            shaped["other_versions"] = {
                "count": versions["hits"]["total"]["value"] - 1,
                "articles": [brief(v, labels) for v in others],
            }
        hits.append(shaped)
    aggs = answer.get("aggregations", {})
    facets: dict[str, Any] = {}
    for facet in FACETS:
        if facet.name in aggs:
            facets[facet.name] = facet.shape(aggs[facet.name], params.selected(facet.param), labels)
    if "date" in aggs and interval:
        facets["date"] = {
            "interval": interval,
            "buckets": shape_date_buckets(aggs["date"], interval),
        }
    seen = (params.page - 1) * params.size + len(raw_hits) if cursor is None else None
    more = len(raw_hits) == params.size and (seen is None or seen < total["value"])
    next_cursor = None
    if more and raw_hits:
        next_cursor = Cursor(
            raw_hits[-1]["sort"], cursor.pit_id if cursor else None, query_hash(params)
        ).encode()
    result: dict[str, Any] = {
        "total": total["value"],
        "total_exact": total["relation"] == "eq",
        "took_ms": round((time.perf_counter() - began) * 1000, 1),
        "engine_took_ms": answer.get("took"),
        "page": params.page if cursor is None else None,
        "size": params.size,
        "sort": params.effective_sort,
        "hits": hits,
        "facets": facets,
        "next_cursor": next_cursor,
    }
    if "stories" in aggs:
        result["total_stories"] = aggs["stories"]["count"]["value"]
    return result


# -- articles ---------------------------------------------------------------------------


def get_article(engine: Engine, alias: str, doc_id: str, labels: Labels) -> dict[str, Any] | None:
    raw = _get(engine, alias, doc_id)
    if raw is None:
        return None
    shaped = article(raw, labels)
    source = raw["_source"]
    duplicates = [{"term": {"duplicate_of": doc_id}}]
    if source.get("duplicate_of"):
        duplicates.append({"ids": {"values": [source["duplicate_of"]]}})
    shaped["duplicates"] = _briefs(engine, alias, {"bool": {"should": duplicates}}, doc_id, labels)
    story = source.get("story_id")
    shaped["story_siblings"] = (
        _briefs(engine, alias, {"term": {"story_id": story}}, doc_id, labels) if story else []
    )
    return shaped


def article_highlights(
    engine: Engine, alias: str, doc_id: str, params: FilterParams, labels: Labels
) -> dict[str, str]:
    """The whole title and body with the query's matches marked, for the article page:
    ``{"title": html, "body": html}`` with the fields that matched. Escaped by the engine
    like search snippets (encoder "html"), so the only markup is <mark>."""
    spec = highlight(parse(params, labels))
    if spec is None:
        return {}
    whole = {"number_of_fragments": 0}
    spec = {**spec, "fields": {"title": whole, "body": whole}}
    body = {"size": 1, "_source": False, "query": {"ids": {"values": [doc_id]}}, "highlight": spec}
    hits = engine.search(alias, body)["hits"]["hits"]
    found = hits[0].get("highlight", {}) if hits else {}
    return {field: fragments[0] for field, fragments in found.items() if fragments}


def _get(engine: Engine, alias: str, doc_id: str) -> dict[str, Any] | None:
    body = {"size": 1, "query": {"ids": {"values": [doc_id]}},
            "_source": {"excludes": INTERNAL_FIELDS}}  # fmt: skip
    hits = engine.search(alias, body)["hits"]["hits"]
    return hits[0] if hits else None


def _briefs(
    engine: Engine, alias: str, query: Query, exclude_id: str, labels: Labels
) -> list[dict[str, Any]]:
    body = {
        "size": SIBLINGS,
        "query": {"bool": {"filter": [query], "must_not": [{"ids": {"values": [exclude_id]}}]}},
        "_source": BRIEF_FIELDS,
        "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    }
    return [brief(h, labels) for h in engine.search(alias, body)["hits"]["hits"]]


def similar(
    engine: Engine, alias: str, doc_id: str, labels: Labels, size: int = 10
) -> list[dict[str, Any]] | None:
    """More-like-this on title and body; other versions of the same story excluded."""
    raw = _get(engine, alias, doc_id)
    if raw is None:
        return None
    must_not: list[Query] = [{"ids": {"values": [doc_id]}}]
    if raw["_source"].get("story_id"):
        must_not.append({"term": {"story_id": raw["_source"]["story_id"]}})
    body = {
        "size": size,
        "_source": BRIEF_FIELDS,
        "query": {
            "bool": {
                "must": [{
                    "more_like_this": {
                        "fields": ["title", "body"],
                        "like": [{"_index": alias, "_id": doc_id}],
                        "min_term_freq": 1,
                        "min_doc_freq": 2,
                        "max_query_terms": 30,
                        "minimum_should_match": "20%",
                    }
                }],
                "must_not": must_not,
            }
        },
    }  # fmt: skip
    return [brief(h, labels) for h in engine.search(alias, body)["hits"]["hits"]]


# -- browse -----------------------------------------------------------------------------


def _prefix_matches(prefix: str | None, names: list[str]) -> bool:
    if not prefix:
        return True
    wanted = normalize(prefix)
    return any(normalize(name).startswith(wanted) for name in names if name)


def browse_organizations(
    engine: Engine,
    alias: str,
    labels: Labels,
    *,
    prefix: str | None,
    org_type: str | None,
    country: str | None,
    limit: int,
) -> list[dict[str, Any]]:
    counts = _term_counts(engine, alias, "organizations")
    rows = []
    for org_id, count in counts:
        org = labels.gazetteer.organization(org_id)
        shaped = labels.organization(org_id)
        names = [shaped["label_ar"], shaped["label_en"]]
        if org is not None:
            names += [*org.aliases_ar, *org.aliases_en, *org.acronyms, org.name_fr or ""]
        if org_type and shaped["type"] != org_type:
            continue
        if country and shaped["country"] != country.upper():
            continue
        if _prefix_matches(prefix, names):
            rows.append({**shaped, "count": count})
    return rows[:limit]


def browse_countries(
    engine: Engine, alias: str, labels: Labels, *, prefix: str | None, limit: int
) -> list[dict[str, Any]]:
    rows = []
    for code, count in _term_counts(engine, alias, "countries"):
        country = labels.gazetteer.country(code)
        shaped = labels.country(code)
        names = [shaped["label_ar"], shaped["label_en"], code]
        if country is not None:
            names += [*country.names_ar, *country.names_en]
        if _prefix_matches(prefix, names):
            rows.append({**shaped, "count": count})
    return rows[:limit]


def _term_counts(engine: Engine, alias: str, field: str) -> list[tuple[str, int]]:
    body = {"size": 0, "aggs": {"values": {"terms": {"field": field, "size": 5000}}}}
    buckets = engine.search(alias, body)["aggregations"]["values"]["buckets"]
    return [(b["key"], b["doc_count"]) for b in buckets]


def corpus_stats(engine: Engine, alias: str) -> dict[str, Any]:
    """Size of the index for the search page's empty state: articles, distinct sources,
    countries and organizations (approximate beyond a few thousand), first and last date."""
    body = {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            **{name: {"cardinality": {"field": name}}
               for name in ("source", "countries", "organizations")},
            "first": {"min": {"field": "published_at", "format": "yyyy-MM-dd"}},
            "last": {"max": {"field": "published_at", "format": "yyyy-MM-dd"}},
        },
    }  # fmt: skip
    answer = engine.search(alias, body)
    aggs = answer["aggregations"]
    return {
        "articles": answer["hits"]["total"]["value"],
        "sources": aggs["source"]["value"],
        "countries": aggs["countries"]["value"],
        "organizations": aggs["organizations"]["value"],
        "first_date": aggs["first"].get("value_as_string"),
        "last_date": aggs["last"].get("value_as_string"),
    }


# -- export -----------------------------------------------------------------------------


def export_hits(
    engine: Engine, alias: str, params: ExportParams, labels: Labels
) -> Iterator[dict[str, Any]]:
    """Every matching article (up to the cap), through a point in time, in batches."""
    query = filtered_query(parse(params, labels), params)
    cap = min(params.limit or get_settings().export_max_rows, get_settings().export_max_rows)
    keep_alive = get_settings().cursor_keep_alive
    pit = engine.open_point_in_time(alias, keep_alive)
    sent = 0
    search_after = None
    try:
        while sent < cap:
            body: Query = {
                "size": min(EXPORT_BATCH, cap - sent),
                "query": query,
                "sort": sort_clause(params.sort),
                "pit": {"id": pit, "keep_alive": keep_alive},
                "_source": {"excludes": INTERNAL_FIELDS},
                "track_total_hits": False,
            }
            if search_after is not None:
                body["search_after"] = search_after
            raw_hits = engine.request("POST", "/_search", body)["hits"]["hits"]
            for raw in raw_hits:
                yield article(raw, labels)
            sent += len(raw_hits)
            if len(raw_hits) < body["size"]:
                break
            search_after = raw_hits[-1]["sort"]
    finally:
        engine.close_point_in_time(pit)


def count(engine: Engine, alias: str, params: FilterParams, labels: Labels) -> int:
    return engine.count(alias, filtered_query(parse(params, labels), params))
