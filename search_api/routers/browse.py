"""GET /api/organizations and /api/countries: what the index mentions, with counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from search_api import service
from search_api.deps import Backend, backend_dep
from search_api.routers.search import ERRORS
from search_api.schemas import CountryList, OrganizationList

router = APIRouter(prefix="/api", tags=["browse"])

Prefix = Annotated[
    str | None,
    Query(max_length=60, description="Name prefix, Arabic or English (any alias).",
          examples=["الانتر"]),
]  # fmt: skip
Limit = Annotated[int, Query(ge=1, le=5000)]
ORG_TYPES = (
    "ministry|police|security_agency|intelligence|military|court|"
    "international_body|regional_body|armed_group|other"
)


@router.get("/organizations", response_model=OrganizationList, responses=ERRORS)
def organizations(
    backend: Annotated[Backend, Depends(backend_dep)],
    prefix: Prefix = None,
    type: Annotated[str | None, Query(pattern=f"^({ORG_TYPES})$")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    limit: Limit = 500,
) -> dict[str, Any]:
    """Organizations mentioned in the index, most mentioned first, with labels and types."""
    rows = service.browse_organizations(
        backend.engine,
        backend.alias,
        backend.labels,
        prefix=prefix,
        org_type=type,
        country=country,
        limit=limit,
    )
    return {"organizations": rows}


@router.get("/countries", response_model=CountryList, responses=ERRORS)
def countries(
    backend: Annotated[Backend, Depends(backend_dep)],
    prefix: Prefix = None,
    limit: Limit = 500,
) -> dict[str, Any]:
    """Countries mentioned in the index, most mentioned first."""
    rows = service.browse_countries(
        backend.engine, backend.alias, backend.labels, prefix=prefix, limit=limit
    )
    return {"countries": rows}
