"""Request parameters of the search and export endpoints: parsed, limited, documented.

Anything invalid is a 422 naming the parameter; nothing here can raise past FastAPI.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rasd.settings import get_settings
from search_api.facets import FACET_NAMES

_SETTINGS = get_settings()
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$", max_length=2)]
EntityId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", max_length=80)]
Name = Annotated[str, Field(min_length=1, max_length=120)]


def partial_date_bounds(text: str) -> tuple[date, date]:
    """'2015' → 1 Jan–31 Dec 2015; '2015-07' → 1–31 Jul; '2015-07-08' → that day."""
    match = _PARTIAL_DATE_RE.match(text.strip())
    if not match:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise ValueError("no such date")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    try:
        exact = date(year, month, day)
    except ValueError as exc:
        raise ValueError("no such date") from exc
    return exact, exact


class FilterParams(BaseModel):
    """Filters shared by search and export."""

    model_config = ConfigDict(extra="ignore")

    q: str | None = Field(
        None,
        max_length=_SETTINGS.max_query_chars,
        description='Words, "exact phrase", -exclude, a OR b. Arabic spelling variants, '
        "diacritics and word forms match (الإرهابيين finds إرهابي).",
        examples=["الإرهاب الانتربول", '"وزارة الداخلية" -كرة'],
    )
    country: list[CountryCode] = Field(
        [], description="ISO 3166-1 alpha-2 codes; repeat for several (OR).", examples=[["MA"]]
    )
    org: list[EntityId] = Field(
        [], description="Organization ids (see /api/organizations).", examples=[["interpol"]]
    )
    # A site missing from sources.json is indexed under the name its records give
    # (often Arabic), so source ids are names, not ASCII slugs.
    source: list[Name] = Field([], description="Source (site) ids.", examples=[["sabq"]])
    topic: list[EntityId] = Field([], description="Topic ids.", examples=[["terrorism"]])
    person: list[Name] = Field([], description="Person names as indexed.")
    date_from: str | None = Field(
        None, description="Earliest publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
        examples=["2015-07"],
    )  # fmt: skip
    date_to: str | None = Field(
        None, description="Latest publication date (inclusive), same forms.",
        examples=["2015-08-11"],
    )  # fmt: skip

    @field_validator("country")
    @classmethod
    def _upper(cls, values: list[str]) -> list[str]:
        return sorted({v.upper() for v in values})

    @field_validator("org", "source", "topic", "person")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        return sorted(set(values))

    @field_validator("date_from", "date_to")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value:
            partial_date_bounds(value)
        return value or None

    @model_validator(mode="after")
    def _ordered_dates(self) -> FilterParams:
        if self.date_from and self.date_to and self.date_range[0] > self.date_range[1]:
            raise ValueError("date_from is after date_to")
        return self

    @property
    def date_range(self) -> tuple[date | None, date | None]:
        start = partial_date_bounds(self.date_from)[0] if self.date_from else None
        end = partial_date_bounds(self.date_to)[1] if self.date_to else None
        return start, end

    def selected(self, param: str) -> list[str]:
        return list(getattr(self, param))


class SearchParams(FilterParams):
    sort: Literal["relevance", "newest", "oldest"] | None = Field(
        None, description="Default: relevance with a query, newest without."
    )
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(10, ge=1, le=_SETTINGS.max_page_size)
    facets: list[str] | None = Field(
        None,
        description=f"Facets to compute (repeat or comma-separate): {', '.join(FACET_NAMES)}"
        "; default all, 'none' for none.",
    )
    collapse: Literal["story"] | None = Field(
        None, description="Fold near-duplicates (the same story on several sites) into one hit."
    )
    cursor: str | None = Field(
        None, max_length=4096, description="next_cursor of a previous response: deep paging."
    )

    @field_validator("facets")
    @classmethod
    def _facets(cls, values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        names = [n.strip() for v in values for n in v.split(",") if n.strip()]
        if names == ["none"]:
            return []
        unknown = sorted(set(names) - set(FACET_NAMES))
        if unknown:
            raise ValueError(f"unknown facet {', '.join(unknown)}; known: {', '.join(FACET_NAMES)}")
        return names

    @model_validator(mode="after")
    def _depth(self) -> SearchParams:
        if self.cursor is None and self.page * self.size > _SETTINGS.max_page_depth:
            raise ValueError(
                f"page * size may not exceed {_SETTINGS.max_page_depth}; "
                "follow next_cursor to page deeper"
            )
        if self.cursor is not None and self.collapse:
            raise ValueError("cursor paging cannot be combined with collapse=story")
        return self

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q and self.q.strip() else "newest")

    def wanted_facets(self) -> list[str]:
        return list(FACET_NAMES) if self.facets is None else self.facets


class ExportParams(FilterParams):
    format: Literal["csv", "jsonl"] = "csv"
    sort: Literal["relevance", "newest", "oldest"] = "newest"
    limit: int | None = Field(
        None, ge=1, description="At most this many rows (never above the server's cap)."
    )
