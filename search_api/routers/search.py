"""GET /api/search."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Response

from search_api import service
from search_api.deps import Backend, backend_dep
from search_api.params import SearchParams
from search_api.query_models import from_query, openapi_parameters
from search_api.schemas import ErrorResponse, SearchResponse

router = APIRouter(prefix="/api", tags=["search"])

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "Invalid parameters, named one by one."},
    503: {"model": ErrorResponse, "description": "The search engine is unreachable."},
}


@router.get(
    "/search",
    response_model=SearchResponse,
    responses=ERRORS,
    openapi_extra=openapi_parameters(SearchParams),
)
async def search(
    params: Annotated[SearchParams, Depends(from_query(SearchParams))],
    backend: Annotated[Backend, Depends(backend_dep)],
) -> Response:
    """Full-text search with disjunctive facets.

    Example: `/api/search?q=الإرهاب&country=MA&date_from=2015-07` — Moroccan articles
    about terrorism since July 2015, with counts per country (as if Morocco were not
    selected), organization, source, topic and date."""
    # The hot path: serialized with orjson as it is; the response model above documents
    # the shape (and tests/search_api check it) without re-validating every answer.
    result = await service.search(backend.engine, backend.alias, params, backend.labels)
    return Response(orjson.dumps(result), media_type="application/json")
