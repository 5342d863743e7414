"""One article: its full text, duplicates, story siblings, highlights and neighbours."""

from __future__ import annotations

from typing import Any

from rasd.engine import Engine
from search_api.labels import Labels
from search_api.params import FilterParams
from search_api.query_builder import highlight
from search_api.service.filters import parse
from search_api.shaping import BRIEF_FIELDS, INTERNAL_FIELDS, article, brief

Query = dict[str, Any]
SIBLINGS = 20


def get_article(engine: Engine, alias: str, doc_id: str, labels: Labels) -> dict[str, Any] | None:
    raw = _get(engine, alias, doc_id)
    if raw is None:
        return None
    shaped = article(raw, labels)
    source = raw["_source"]
    duplicates = [{"term": {"duplicate_of": doc_id}}]
    if source.get("duplicate_of"):
        duplicates.append({"ids": {"values": [source["duplicate_of"]]}})
    shaped["duplicates"] = _briefs(engine, alias, {"bool": {"should": duplicates}}, doc_id, labels)
    story = source.get("story_id")
    shaped["story_siblings"] = (
        _briefs(engine, alias, {"term": {"story_id": story}}, doc_id, labels) if story else []
    )
    return shaped


def article_highlights(
    engine: Engine, alias: str, doc_id: str, params: FilterParams, labels: Labels
) -> dict[str, str]:
    """The whole title and body with the query's matches marked, for the article page:
    ``{"title": html, "body": html}`` with the fields that matched. Escaped by the engine
    like search snippets (encoder "html"), so the only markup is <mark>."""
    spec = highlight(parse(params, labels))
    if spec is None:
        return {}
    whole = {"number_of_fragments": 0}
    spec = {**spec, "fields": {"title": whole, "body": whole}}
    body = {"size": 1, "_source": False, "query": {"ids": {"values": [doc_id]}}, "highlight": spec}
    hits = engine.search(alias, body)["hits"]["hits"]
    found = hits[0].get("highlight", {}) if hits else {}
    return {field: fragments[0] for field, fragments in found.items() if fragments}


def _get(engine: Engine, alias: str, doc_id: str) -> dict[str, Any] | None:
    body = {"size": 1, "query": {"ids": {"values": [doc_id]}},
            "_source": {"excludes": INTERNAL_FIELDS}}  # fmt: skip
    hits = engine.search(alias, body)["hits"]["hits"]
    return hits[0] if hits else None


def _briefs(
    engine: Engine, alias: str, query: Query, exclude_id: str, labels: Labels
) -> list[dict[str, Any]]:
    body = {
        "size": SIBLINGS,
        "query": {"bool": {"filter": [query], "must_not": [{"ids": {"values": [exclude_id]}}]}},
        "_source": BRIEF_FIELDS,
        "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    }
    return [brief(h, labels) for h in engine.search(alias, body)["hits"]["hits"]]


def similar(
    engine: Engine, alias: str, doc_id: str, labels: Labels, size: int = 10
) -> list[dict[str, Any]] | None:
    """More-like-this on title and body; other versions of the same story excluded."""
    raw = _get(engine, alias, doc_id)
    if raw is None:
        return None
    must_not: list[Query] = [{"ids": {"values": [doc_id]}}]
    if raw["_source"].get("story_id"):
        must_not.append({"term": {"story_id": raw["_source"]["story_id"]}})
    body = {
        "size": size,
        "_source": BRIEF_FIELDS,
        "query": {
            "bool": {
                "must": [{
                    "more_like_this": {
                        "fields": ["title", "body"],
                        "like": [{"_index": alias, "_id": doc_id}],
                        "min_term_freq": 1,
                        "min_doc_freq": 2,
                        "max_query_terms": 30,
                        "minimum_should_match": "20%",
                    }
                }],
                "must_not": must_not,
            }
        },
    }  # fmt: skip
    return [brief(h, labels) for h in engine.search(alias, body)["hits"]["hits"]]
