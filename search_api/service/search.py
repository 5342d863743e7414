"""Search: build the engine request (query, post_filter, facet aggregations,
highlights, paging), run it, shape the answer."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasd.engine import Engine, EngineError, NotFound
from rasd.settings import get_settings
from search_api.cursor import Cursor, InvalidCursor, query_hash
from search_api.facets import FACETS, date_aggregation, date_interval, shape_date_buckets
from search_api.labels import Labels
from search_api.params import SearchParams
from search_api.query_builder import highlight, sort_clause
from search_api.query_parser import ParsedQuery
from search_api.service.filters import BadRequest, base_query, facet_filters, parse
from search_api.shaping import BRIEF_FIELDS, HIT_FIELDS, brief, hit

Query = dict[str, Any]
BOUNDS_TTL_S = 60.0


@dataclass
class _Bounds:
    value: tuple[date, date] | None
    at: float


# Read and written only on the event loop (searches are awaited there): no lock.
_bounds_cache: dict[str, _Bounds] = {}

DATE_BOUNDS_QUERY: Query = {
    "size": 0,
    "aggs": {
        "first": {"min": {"field": "published_at", "format": "yyyy-MM-dd"}},
        "last": {"max": {"field": "published_at", "format": "yyyy-MM-dd"}},
    },
}


def date_bounds(answer: Query) -> tuple[date, date] | None:
    """Earliest and latest publication dates from the answer to DATE_BOUNDS_QUERY."""
    aggs = answer["aggregations"]
    if not aggs["first"].get("value_as_string"):
        return None
    first = date.fromisoformat(aggs["first"]["value_as_string"])
    return first, date.fromisoformat(aggs["last"]["value_as_string"])


async def corpus_date_bounds(engine: Engine, alias: str) -> tuple[date, date] | None:
    """The index's date bounds, cached for a minute: open date ranges end there."""
    now = time.monotonic()
    cached = _bounds_cache.get(alias)
    if cached and now - cached.at < BOUNDS_TTL_S:
        return cached.value
    value = date_bounds(await engine.arequest("POST", f"/{alias}/_search", DATE_BOUNDS_QUERY))
    _bounds_cache[alias] = _Bounds(value, now)
    return value


# -- search -----------------------------------------------------------------------------


def build_search_body(
    params: SearchParams, parsed: ParsedQuery, bounds: tuple[date, date] | None
) -> tuple[Query, str | None]:
    """The engine request for a search, and the date interval when a histogram is asked.
    ``bounds`` (the index's first and last dates) close an open date range."""
    filters = facet_filters(params)
    body: Query = {
        "query": base_query(parsed, params),
        "size": params.size,
        "sort": sort_clause(params.effective_sort),
        "track_total_hits": True,
        "_source": HIT_FIELDS,
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
        aggs, interval = _facet_aggregations(params, filters, bounds)
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
    params: SearchParams, filters: dict[str, Query], bounds: tuple[date, date] | None
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
        if bounds:
            start, end = start or bounds[0], end or bounds[1]
        if start and end:
            interval = date_interval(start, end)
            aggs["date"] = date_aggregation(list(filters.values()), start, end, interval)
    return aggs, interval


async def search(
    engine: Engine, alias: str, params: SearchParams, labels: Labels
) -> dict[str, Any]:
    began = time.perf_counter()
    parsed = parse(params, labels)
    bounds = None
    if "date" in params.wanted_facets() and None in params.date_range:
        bounds = await corpus_date_bounds(engine, alias)
    body, interval = build_search_body(params, parsed, bounds)
    cursor = _cursor(params)
    path = f"/{alias}/_search"
    if cursor is not None:
        keep_alive = get_settings().cursor_keep_alive
        pit = cursor.pit_id or await engine.aopen_point_in_time(alias, keep_alive)
        body["pit"] = {"id": pit, "keep_alive": keep_alive}
        body["search_after"] = cursor.search_after
        path = "/_search"
        cursor = Cursor(cursor.search_after, pit, cursor.query_hash)
    try:
        answer = await engine.arequest("POST", path, body)
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
