"""From request parameters to engine filters and the base query (shared by search,
export and the article page)."""

from __future__ import annotations

from typing import Any

from rasd.settings import get_settings
from search_api.facets import FACETS, PERSON_FILTER
from search_api.labels import Labels
from search_api.params import FilterParams
from search_api.query_builder import text_query
from search_api.query_parser import ParsedQuery, QueryTooLong, parse_query

Query = dict[str, Any]


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
