"""From a parsed query and filters to the engine's query DSL. Ranking lives here; see
docs/ranking.md for the why of each clause and weight."""

from __future__ import annotations

from typing import Any

from rasd.matcher import clitic_variants
from search_api.query_parser import AnyOf, Clause, EntityRef, ParsedQuery, Phrase, Word

# Stemmed fields find every form of a word; a title hit counts three times a body hit.
STEMMED_FIELDS = ["title^3", "body"]
# Unstemmed (normalized) fields reward the exact form the user typed.
EXACT_FIELDS = ["title.exact^3", "body.exact"]
EXACT_BOOST = 0.5  # a tie-breaker among articles that match anyway
TITLE_PHRASE_BOOST = 4.0
TITLE_PHRASE_SLOP = 3
BODY_PHRASE_BOOST = 2.0
BODY_PHRASE_SLOP = 8
ENTITY_FIELD_BOOST = 2.0  # the article was tagged with the entity by the indexer
ENTITY_FIELDS = {"organization": "organizations", "country": "countries"}
ALIAS_PHRASES = 3

Query = dict[str, Any]


def text_query(parsed: ParsedQuery) -> Query:
    """The scoring part: required clauses must match; boosts only reorder."""
    if parsed.is_empty:
        return {"match_all": {}}
    words = [c.text for c in parsed.required if isinstance(c, Word)]
    must: list[Query] = []
    if words:
        must.append(_words(" ".join(words)))
    must.extend(_clause(c) for c in parsed.required if not isinstance(c, Word))
    if not must:  # only exclusions: everything else
        must.append({"match_all": {}})
    should = _proximity_boosts(words) if words else []
    must_not = [_clause(c) for c in parsed.excluded]
    return {"bool": {"must": must, "should": should, "must_not": must_not}}


def _words(text: str) -> Query:
    """All words, each in the title or the body."""
    return _every_word(text, STEMMED_FIELDS)


def _every_word(text: str, fields: list[str], boost: float = 1.0) -> Query:
    """Every word required, in any of ``fields``; a word's score is the sum of its
    fields' scores, each with that field's own statistics, so a word rare in headlines
    weighs more when a headline has it (cross_fields, which blends the statistics of
    title and body, ranked worse in bench/relevance). The words are normalized text
    (letters and digits), and only whitespace is an operator here."""
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            "default_operator": "and",
            "flags": "WHITESPACE",
            "boost": boost,
        }
    }


def _proximity_boosts(words: list[str]) -> list[Query]:
    text = " ".join(words)
    boosts: list[Query] = [_every_word(text, EXACT_FIELDS, EXACT_BOOST)]
    if len(words) > 1:
        boosts += [
            {"match_phrase": {"title": {"query": text, "slop": TITLE_PHRASE_SLOP,
                                        "boost": TITLE_PHRASE_BOOST}}},
            {"match_phrase": {"body": {"query": text, "slop": BODY_PHRASE_SLOP,
                                       "boost": BODY_PHRASE_BOOST}}},
        ]  # fmt: skip
    return boosts


def _phrase(text: str, fields: list[str]) -> Query:
    return {"multi_match": {"query": text, "type": "phrase", "fields": fields}}


def _quoted(text: str, fields: list[str] = EXACT_FIELDS) -> Query:
    """A quoted phrase: these words, in this order, in these forms. Arabic writes the
    conjunction or preposition before a phrase into its first word ("لقوات الطوارئ",
    "وقوات الطوارئ", "بالمحكمة الجزائية"), so the first word may also carry one, as
    in the indexer's alias matching (:func:`rasd.matcher.clitic_variants`)."""
    first, _, rest = text.partition(" ")
    variants = [" ".join(filter(None, (form, rest))) for form in (first, *clitic_variants(first))]
    if len(variants) == 1:
        return _phrase(text, fields)
    should = [_phrase(variant, fields) for variant in variants]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _clause(clause: Clause) -> Query:
    if isinstance(clause, Word):
        return _words(clause.text)
    if isinstance(clause, Phrase):
        return _quoted(clause.text)
    if isinstance(clause, EntityRef):
        return _entity(clause)
    assert isinstance(clause, AnyOf)
    return {"bool": {"should": [_clause(o) for o in clause.options], "minimum_should_match": 1}}


def _entity(ref: EntityRef) -> Query:
    """The words as written, a few other names, or the indexer's tag for the entity.
    The indexer tags an article with the entity whenever an alias of it appears (same
    gazetteer), so the tag stands for every alias at the cost of one term lookup;
    matching every alias as a phrase would cost a positional scan per alias."""
    should: list[Query] = [_words(ref.text)]
    # The commonest other names too, for articles where the indexer left an alias
    # untagged (ambiguous in context); a few phrases bound the cost.
    should += [_phrase(alias, STEMMED_FIELDS) for alias in ref.aliases[1 : 1 + ALIAS_PHRASES]]
    field = ENTITY_FIELDS.get(ref.kind)
    if field:
        should.append({"term": {field: {"value": ref.id, "boost": ENTITY_FIELD_BOOST}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _highlight_query(parsed: ParsedQuery) -> Query:
    """What to mark in the returned hits: every positive text, aliases included (only
    the hits of one page are highlighted, so this is cheap), and quoted phrases as
    matched, with a proclitic on their first word."""
    fields = [*STEMMED_FIELDS, *EXACT_FIELDS]
    quoted = parsed.positive_phrases()
    should = [_quoted(text, fields) for text in quoted]
    should += [_phrase(text, fields) for text in parsed.positive_texts() if text not in quoted]
    return {"bool": {"should": should}}


def highlight(parsed: ParsedQuery) -> Query | None:
    """Highlights from the engine, HTML-escaped by it (encoder "html"): the only markup
    in a fragment is the <mark> it adds."""
    if parsed.is_empty or not parsed.required:
        return None
    return {
        "type": "unified",
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "require_field_match": False,
        "highlight_query": _highlight_query(parsed),
        "fields": {
            "title": {"number_of_fragments": 0},
            "body": {"fragment_size": 180, "number_of_fragments": 2, "no_match_size": 180},
        },
    }


def sort_clause(sort: str) -> list[Any]:
    """A total order (the id breaks ties), so page and cursor boundaries are stable."""
    tiebreak = {"id": "asc"}
    if sort == "newest":
        return [{"published_at": {"order": "desc", "missing": "_last"}}, tiebreak]
    if sort == "oldest":
        return [{"published_at": {"order": "asc", "missing": "_last"}}, tiebreak]
    return ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, tiebreak]
