"""GET /api/export: every match as CSV or JSON Lines, streamed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from rasd.spreadsheet import inert
from search_api import service
from search_api.deps import Backend, backend_dep
from search_api.params import ExportParams
from search_api.query_models import from_query, openapi_parameters
from search_api.routers.search import ERRORS

router = APIRouter(prefix="/api", tags=["export"])

CSV_COLUMNS = (
    "id", "url", "title", "source", "published_at", "published_precision", "countries",
    "organizations", "persons", "places", "topics", "story_id", "duplicate_of", "body",
)  # fmt: skip


def csv_row(article: dict[str, Any]) -> list[str]:
    """Lists as ids joined by "|"; labels are in the JSON Lines export. Text from the
    articles is written so that no spreadsheet runs it (:mod:`rasd.spreadsheet`)."""
    return [
        article["id"],
        article.get("url") or "",
        inert(article["title"]),
        (article.get("source") or {}).get("id", ""),
        article["published_at"] or "",
        article["published_precision"],
        "|".join(c["code"] for c in article["countries"]),
        "|".join(o["id"] for o in article["organizations"]),
        inert("|".join(article["persons"])),
        "|".join(p["id"] for p in article["places"]),
        "|".join(t["id"] for t in article["topics"]),
        article.get("story_id") or "",
        article.get("duplicate_of") or "",
        inert(article["body"]),
    ]


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # a BOM, so spreadsheet programs read the Arabic as UTF-8
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(csv_row(row))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        yield orjson.dumps(row) + b"\n"


@router.get(
    "/export",
    responses={
        **ERRORS,
        200: {
            "description": "CSV (UTF-8 with BOM) or JSON Lines, one article per row.",
            "content": {"text/csv": {}, "application/x-ndjson": {}},
        },
    },
    openapi_extra=openapi_parameters(ExportParams),
)
def export(
    params: Annotated[ExportParams, Depends(from_query(ExportParams))],
    backend: Annotated[Backend, Depends(backend_dep)],
) -> StreamingResponse:
    """Every article matching the same filters as /api/search, streamed through a point
    in time (no page limit), up to the server's cap (RASD_EXPORT_MAX_ROWS).

    In CSV, a text cell that a spreadsheet would run as a formula (starting with =, +,
    -, @) starts with an apostrophe, which spreadsheets hide; `rasd index` reads the
    file back without it.

    Example: `/api/export?q=تهريب&country=SA&format=csv`"""
    service.parse(params, backend.labels)  # a bad query is a 422 before streaming starts
    rows = service.export_hits(backend.engine, backend.alias, params, backend.labels)
    if params.format == "jsonl":
        return StreamingResponse(
            _jsonl(rows),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="rasd-export.jsonl"'},
        )
    return StreamingResponse(
        _csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="rasd-export.csv"'},
    )
