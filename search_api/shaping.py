"""From engine hits to API objects: labels, escaped highlights, dates with precision."""

from __future__ import annotations

import html
from typing import Any

from search_api.labels import Labels

# Fields that only the indexer needs; never shown to clients.
INTERNAL_FIELDS = ["story_bands", "story_signature", "origin"]
SNIPPET_CHARS = 240


def published(source: dict[str, Any]) -> dict[str, Any]:
    """The publication date as indexed (ISO, to its precision) and that precision."""
    return {
        "published_at": source.get("published_at"),
        "published_precision": source.get("published_precision") or "unknown",
    }


def entities(source: dict[str, Any], labels: Labels) -> dict[str, Any]:
    return {
        "countries": [labels.country(c) for c in source.get("countries", [])],
        "organizations": [labels.organization(o) for o in source.get("organizations", [])],
        "topics": [labels.topic(t) for t in source.get("topics", [])],
    }


def hit(raw: dict[str, Any], labels: Labels) -> dict[str, Any]:
    """One search hit. ``title_html`` and ``snippet_html`` are escaped text whose only
    markup is <mark>: the engine's html encoder escaped the fragments, and fallbacks are
    escaped here."""
    source = raw["_source"]
    highlight = raw.get("highlight", {})
    title = source.get("title") or ""
    title_frags = highlight.get("title")
    body_frags = highlight.get("body")
    return {
        "id": raw["_id"],
        "url": source.get("url"),
        "title": title,
        "title_html": title_frags[0] if title_frags else html.escape(title),
        "source": labels.source(source["source"]) if source.get("source") else None,
        **published(source),
        **entities(source, labels),
        "snippet_html": " … ".join(body_frags) if body_frags else "",
        "story_id": source.get("story_id"),
        "duplicate_of": source.get("duplicate_of"),
        "score": raw.get("_score"),
    }


def article(raw: dict[str, Any], labels: Labels) -> dict[str, Any]:
    """A full article: text, every entity with labels, dates."""
    source = raw["_source"]
    return {
        "id": raw["_id"],
        "url": source.get("url"),
        "title": source.get("title") or "",
        "body": source.get("body") or "",
        "author": source.get("author"),
        "source": labels.source(source["source"]) if source.get("source") else None,
        **published(source),
        "event_dates": source.get("event_dates", []),
        **entities(source, labels),
        "persons": source.get("persons", []),
        "places": [labels.place(p) for p in source.get("places", [])],
        "language": source.get("language"),
        "content_hash": source.get("content_hash"),
        "story_id": source.get("story_id"),
        "duplicate_of": source.get("duplicate_of"),
        "ingested_at": source.get("ingested_at"),
    }


def brief(raw: dict[str, Any], labels: Labels) -> dict[str, Any]:
    """A short reference to an article (siblings, duplicates, similar)."""
    source = raw["_source"]
    return {
        "id": raw["_id"],
        "title": source.get("title") or "",
        "url": source.get("url"),
        "source": labels.source(source["source"]) if source.get("source") else None,
        **published(source),
        "score": raw.get("_score"),
    }


BRIEF_FIELDS = ["title", "url", "source", "published_at", "published_precision"]
# What ``hit`` reads: a search fetches only these (a third of each stored document).
HIT_FIELDS = [
    *BRIEF_FIELDS, "countries", "organizations", "topics", "story_id", "duplicate_of",
]  # fmt: skip
