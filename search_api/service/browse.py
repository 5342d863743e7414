"""Browsing what the index mentions: organizations and countries with counts, and the
corpus figures of the search page's empty state."""

from __future__ import annotations

from typing import Any

from rasd.arabic import normalize
from rasd.engine import Engine
from search_api.labels import Labels


def _prefix_matches(prefix: str | None, names: list[str]) -> bool:
    if not prefix:
        return True
    wanted = normalize(prefix)
    return any(normalize(name).startswith(wanted) for name in names if name)


def browse_organizations(
    engine: Engine,
    alias: str,
    labels: Labels,
    *,
    prefix: str | None,
    org_type: str | None,
    country: str | None,
    limit: int,
) -> list[dict[str, Any]]:
    counts = _term_counts(engine, alias, "organizations")
    rows = []
    for org_id, count in counts:
        org = labels.gazetteer.organization(org_id)
        shaped = labels.organization(org_id)
        names = [shaped["label_ar"], shaped["label_en"]]
        if org is not None:
            names += [*org.aliases_ar, *org.aliases_en, *org.acronyms, org.name_fr or ""]
        if org_type and shaped["type"] != org_type:
            continue
        if country and shaped["country"] != country.upper():
            continue
        if _prefix_matches(prefix, names):
            rows.append({**shaped, "count": count})
    return rows[:limit]


def browse_countries(
    engine: Engine, alias: str, labels: Labels, *, prefix: str | None, limit: int
) -> list[dict[str, Any]]:
    rows = []
    for code, count in _term_counts(engine, alias, "countries"):
        country = labels.gazetteer.country(code)
        shaped = labels.country(code)
        names = [shaped["label_ar"], shaped["label_en"], code]
        if country is not None:
            names += [*country.names_ar, *country.names_en]
        if _prefix_matches(prefix, names):
            rows.append({**shaped, "count": count})
    return rows[:limit]


def _term_counts(engine: Engine, alias: str, field: str) -> list[tuple[str, int]]:
    body = {"size": 0, "aggs": {"values": {"terms": {"field": field, "size": 5000}}}}
    buckets = engine.search(alias, body)["aggregations"]["values"]["buckets"]
    return [(b["key"], b["doc_count"]) for b in buckets]


def corpus_stats(engine: Engine, alias: str) -> dict[str, Any]:
    """Size of the index for the search page's empty state: articles, distinct sources,
    countries and organizations (approximate beyond a few thousand), first and last date."""
    body = {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            **{name: {"cardinality": {"field": name}}
               for name in ("source", "countries", "organizations")},
            "first": {"min": {"field": "published_at", "format": "yyyy-MM-dd"}},
            "last": {"max": {"field": "published_at", "format": "yyyy-MM-dd"}},
        },
    }  # fmt: skip
    answer = engine.search(alias, body)
    aggs = answer["aggregations"]
    return {
        "articles": answer["hits"]["total"]["value"],
        "sources": aggs["source"]["value"],
        "countries": aggs["countries"]["value"],
        "organizations": aggs["organizations"]["value"],
        "first_date": aggs["first"].get("value_as_string"),
        "last_date": aggs["last"].get("value_as_string"),
    }
