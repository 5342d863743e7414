"""GET /api/articles/{id} and /api/articles/{id}/similar."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from search_api import service
from search_api.deps import Backend, backend_dep
from search_api.routers.search import ERRORS
from search_api.schemas import Article, ErrorResponse, SimilarResponse

router = APIRouter(prefix="/api/articles", tags=["articles"])

ArticleId = Annotated[
    str, Path(max_length=100, pattern=r"^[A-Za-z0-9_-]+$", examples=["3f9c1a0b2d4e6f8a1b2c3d4e"])
]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No article with this id."}}


@router.get("/{article_id}", response_model=Article, responses={**ERRORS, **NOT_FOUND})
def get_article(
    article_id: ArticleId,
    backend: Annotated[Backend, Depends(backend_dep)],
) -> dict[str, Any]:
    """The full article: text, entities with labels, dates, exact duplicates and the
    other versions of the same story."""
    found = service.get_article(backend.engine, backend.alias, article_id, backend.labels)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found


@router.get(
    "/{article_id}/similar", response_model=SimilarResponse, responses={**ERRORS, **NOT_FOUND}
)
def similar(
    article_id: ArticleId,
    backend: Annotated[Backend, Depends(backend_dep)],
    size: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    """Articles like this one (more-like-this over title and body), other versions of
    the same story left out."""
    found = service.similar(backend.engine, backend.alias, article_id, backend.labels, size)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return {"id": article_id, "similar": found}
