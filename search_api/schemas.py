"""Response models: the documented shape of every endpoint (OpenAPI at /docs)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class CountryLabel(_Model):
    code: str = Field(examples=["MA"])
    label_ar: str = Field(examples=["المغرب"])
    label_en: str = Field(examples=["Morocco"])


class OrganizationLabel(_Model):
    id: str = Field(examples=["interpol"])
    label_ar: str = Field(examples=["المنظمة الدولية للشرطة الجنائية (الإنتربول)"])
    label_en: str = Field(examples=["Interpol"])
    type: str = Field(examples=["international_body"])
    country: str | None = None


class Labelled(_Model):
    id: str
    label_ar: str
    label_en: str


class Brief(_Model):
    id: str
    title: str
    url: str | None = None
    source: Labelled | None = None
    published_at: str | None = Field(None, examples=["2015-07-21"], description="ISO date.")
    published_precision: str = Field(
        "unknown", examples=["day"], description="day, month, year or unknown"
    )
    score: float | None = None


class OtherVersions(_Model):
    count: int
    articles: list[Brief]


class Hit(_Model):
    id: str = Field(examples=["3f9c1a0b2d4e6f8a1b2c3d4e"])
    url: str | None = Field(None, examples=["https://example.ma/news/1.html"])
    title: str
    title_html: str = Field(description="Escaped title; matches wrapped in <mark>.")
    source: Labelled | None = None
    published_at: str | None = Field(None, examples=["2015-07-21"], description="ISO date.")
    published_precision: str = Field(
        "unknown", examples=["day"], description="day, month, year or unknown"
    )
    countries: list[CountryLabel]
    organizations: list[OrganizationLabel]
    topics: list[Labelled]
    snippet_html: str = Field(description="Escaped excerpt; matches wrapped in <mark>.")
    story_id: str | None = None
    duplicate_of: str | None = None
    score: float | None = None
    other_versions: OtherVersions | None = None


class FacetValue(_Model):
    value: str = Field(examples=["MA"])
    label_ar: str
    label_en: str
    count: int = Field(examples=[12])
    selected: bool


class DateBucket(_Model):
    from_: str = Field(alias="from", examples=["2015-07-01"])
    to: str = Field(examples=["2015-07-31"])
    count: int


class DateFacet(_Model):
    interval: str = Field(examples=["month"], description="day, week, month or year")
    buckets: list[DateBucket]


class Facets(_Model):
    country: list[FacetValue] | None = None
    organization: list[FacetValue] | None = None
    source: list[FacetValue] | None = None
    topic: list[FacetValue] | None = None
    date: DateFacet | None = None


class SearchResponse(_Model):
    total: int = Field(examples=[42])
    total_exact: bool
    total_stories: int | None = Field(None, description="Distinct stories, with collapse=story.")
    took_ms: float = Field(description="Time spent in the API, engine included.")
    engine_took_ms: int | None = None
    page: int | None = None
    size: int
    sort: str
    hits: list[Hit]
    facets: Facets
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page.")


class Article(_Model):
    id: str
    url: str | None = None
    title: str
    body: str
    author: str | None = None
    source: Labelled | None = None
    published_at: str | None = Field(None, examples=["2015-07-21"], description="ISO date.")
    published_precision: str = Field(
        "unknown", examples=["day"], description="day, month, year or unknown"
    )
    event_dates: list[dict[str, Any]]
    countries: list[CountryLabel]
    organizations: list[OrganizationLabel]
    topics: list[Labelled]
    persons: list[str]
    places: list[Labelled]
    language: str | None = None
    content_hash: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None
    ingested_at: str | None = None
    duplicates: list[Brief] = []
    story_siblings: list[Brief] = []


class SimilarResponse(_Model):
    id: str
    similar: list[Brief]


class OrganizationCount(OrganizationLabel):
    count: int


class CountryCount(CountryLabel):
    count: int


class OrganizationList(_Model):
    organizations: list[OrganizationCount]


class CountryList(_Model):
    countries: list[CountryCount]


class Health(_Model):
    status: str = Field(examples=["ok"])
    engine: str | None = Field(None, examples=["opensearch 2.19.6"])
    alias: str
    alias_present: bool
    documents: int | None = None
    detail: str | None = None


class ErrorDetail(_Model):
    field: str | None = Field(None, examples=["size"])
    message: str = Field(examples=["Input should be less than or equal to 100"])


class ErrorResponse(_Model):
    error: str = Field(examples=["invalid_request"])
    message: str
    details: list[ErrorDetail] = []
