"""Facets as small objects: each knows its filter, its aggregation and its shape.

Facets are disjunctive: a facet's counts honour the query and every *other* facet's
filters but not its own, so with Morocco selected the country list still says how many
hits France would add. The selected filters go into ``post_filter`` (hits) and into
every other facet's aggregation filter. The date histogram is the exception by design:
it honours its own date range, so choosing a range zooms the histogram into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from search_api.labels import Labels

Query = dict[str, Any]


@dataclass(frozen=True, slots=True)
class TermsFacet:
    name: str  # facet name in requests and responses
    param: str  # the filter's query parameter
    field: str  # the indexed keyword field
    size: int = 50

    def filter(self, values: list[str]) -> Query:
        return {"terms": {self.field: values}}

    def aggregation(self, other_filters: list[Query], selected: list[str]) -> Query:
        aggs: dict[str, Query] = {"top": {"terms": {"field": self.field, "size": self.size}}}
        if selected:  # counts for the selected values even when outside the top N
            aggs["selected"] = {
                "terms": {"field": self.field, "include": selected, "size": len(selected)}
            }
        return {"filter": {"bool": {"filter": other_filters}}, "aggs": aggs}

    def shape(self, result: Query, selected: list[str], labels: Labels) -> list[dict[str, Any]]:
        buckets = result["top"]["buckets"]
        template = labels.facet_values(self.name)
        if not selected:  # the engine's order already: count descending, then value
            return [_entry(template(b["key"]), b["doc_count"]) for b in buckets]
        counts = {b["key"]: b["doc_count"] for b in buckets}
        for bucket in result.get("selected", {}).get("buckets", []):
            counts[bucket["key"]] = bucket["doc_count"]
        for value in selected:  # selected values always appear, even at zero
            counts.setdefault(value, 0)
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            _entry(template(value), count, selected=value in selected) for value, count in ordered
        ]


def _entry(template: dict[str, Any], count: int, *, selected: bool = False) -> dict[str, Any]:
    """A facet value from its labelled template: a dict copy is a third of the cost of
    building the dict anew, a hundred times per search."""
    entry = template.copy()
    entry["count"] = count
    if selected:
        entry["selected"] = True
    return entry


FACETS: tuple[TermsFacet, ...] = (
    TermsFacet("country", "country", "countries"),
    TermsFacet("organization", "org", "organizations", size=80),
    TermsFacet("source", "source", "source"),
    TermsFacet("topic", "topic", "topics"),
)
# Filters without a facet list of their own.
PERSON_FILTER = TermsFacet("person", "person", "persons")
FACET_NAMES = (*(f.name for f in FACETS), "date")


# -- the date histogram -----------------------------------------------------------------

INTERVALS = ("day", "week", "month", "year")


def date_interval(start: date, end: date) -> str:
    """Bars that fit the range: days up to two months, weeks up to half a year, months
    up to five years, years beyond (so 8 to 60 bars, never hundreds)."""
    days = (end - start).days
    if days <= 62:
        return "day"
    if days <= 183:
        return "week"
    if days <= 5 * 366:
        return "month"
    return "year"


def date_aggregation(filters: list[Query], start: date, end: date, interval: str) -> Query:
    return {
        "filter": {"bool": {"filter": filters}},
        "aggs": {
            "histogram": {
                "date_histogram": {
                    "field": "published_at",
                    "calendar_interval": interval,
                    "min_doc_count": 0,
                    "format": "yyyy-MM-dd",
                    "extended_bounds": {"min": start.isoformat(), "max": end.isoformat()},
                }
            }
        },
    }


def shape_date_buckets(result: Query, interval: str) -> list[dict[str, Any]]:
    return [
        {
            "from": bucket["key_as_string"],
            "to": _bucket_end(date.fromisoformat(bucket["key_as_string"]), interval).isoformat(),
            "count": bucket["doc_count"],
        }
        for bucket in result["histogram"]["buckets"]
    ]


def _bucket_end(start: date, interval: str) -> date:
    """Last day (inclusive) of the bucket starting at ``start``."""
    if interval == "day":
        return start
    if interval == "week":
        return start + timedelta(days=6)
    if interval == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(start.year, 12, 31)
