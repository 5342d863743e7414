"""GET /api/search."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Response

from rasd.engine import Engine
from search_api import service
from search_api.deps import alias_dep, get_engine, labels_dep
from search_api.labels import Labels
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
    engine: Annotated[Engine, Depends(get_engine)],
    labels: Annotated[Labels, Depends(labels_dep)],
    alias: Annotated[str, Depends(alias_dep)],
) -> Response:
    """Full-text search with disjunctive facets.

    Example: `/api/search?q=الإرهاب&country=MA&date_from=2015-07` — Moroccan articles
    about terrorism since July 2015, with counts per country (as if Morocco were not
    selected), organization, source, topic and date."""
    # The hot path: serialized with orjson as it is; the response model above documents
    # the shape (and tests/search_api check it) without re-validating every answer.
    result = await service.search(engine, alias, params, labels)
    return Response(orjson.dumps(result), media_type="application/json")
