"""Exporting every match, through a point in time, in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasd.engine import Engine
from rasd.settings import get_settings
from search_api.labels import Labels
from search_api.params import ExportParams
from search_api.query_builder import sort_clause
from search_api.service.filters import filtered_query, parse
from search_api.shaping import INTERNAL_FIELDS, article

Query = dict[str, Any]
EXPORT_BATCH = 1000


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
