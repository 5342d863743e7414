"""Parse the user's query text: words, "exact phrases", -exclusions and OR.

The text is cleaned and normalized with the same module as indexing (``rasd.arabic``).
Runs of plain words are matched against the gazetteers, so an organization or country
named by any of its aliases becomes an :class:`EntityRef` that the query builder
expands to every alias (داعش ↔ تنظيم الدولة) and to the extracted entity field.
Any input parses; limits are the caller's (:class:`QueryTooLong`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.arabic import clean_text, normalize
from rasd.gazetteer import Gazetteer

# Kinds whose aliases expand at query time; places and persons are matched as text.
EXPANDED_KINDS = ("organization", "country")
MAX_ALIASES_PER_ENTITY = 12
OR_WORDS = frozenset({"OR", "|"})

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


class QueryTooLong(ValueError):
    """More terms than the configured limit."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class EntityRef:
    kind: str
    id: str
    text: str  # the words as the user wrote them (normalized)
    aliases: tuple[str, ...]  # normalized alias texts, the user's first


@dataclass(frozen=True, slots=True)
class AnyOf:
    options: tuple[Clause, ...]


Clause = Word | Phrase | EntityRef | AnyOf


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    required: tuple[Clause, ...] = ()
    excluded: tuple[Word | Phrase, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.required and not self.excluded

    def positive_texts(self) -> list[str]:
        """Every positive text, for highlighting and more-like-this."""
        texts: list[str] = []
        for clause in self.required:
            texts.extend(_texts(clause))
        return texts

    def positive_phrases(self) -> list[str]:
        """The quoted phrases among the positive texts."""
        return [p.text for clause in self.required for p in _phrases(clause)]


def _texts(clause: Clause) -> list[str]:
    if isinstance(clause, AnyOf):
        return [t for option in clause.options for t in _texts(option)]
    if isinstance(clause, EntityRef):
        return list(clause.aliases)
    return [clause.text]


def _phrases(clause: Clause) -> list[Phrase]:
    if isinstance(clause, AnyOf):
        return [p for option in clause.options for p in _phrases(option)]
    return [clause] if isinstance(clause, Phrase) else []


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word" | "phrase" | "or"
    text: str
    negated: bool = False


def parse_query(text: str | None, gazetteer: Gazetteer, *, max_terms: int = 32) -> ParsedQuery:
    tokens = _tokenize(clean_text(text or ""))
    if sum(1 for t in tokens if t.kind != "or") > max_terms:
        raise QueryTooLong(f"the query has more than {max_terms} terms")
    required: list[Clause | None] = []  # None marks an OR operator between clauses
    excluded: list[Word | Phrase] = []
    words: list[str] = []

    def flush_words() -> None:
        required.extend(_with_entities(words, gazetteer))
        words.clear()

    for token in tokens:
        if token.kind == "or":
            flush_words()
            required.append(None)
        elif token.negated:
            excluded.append(Phrase(token.text) if token.kind == "phrase" else Word(token.text))
        elif token.kind == "phrase":
            flush_words()
            required.append(Phrase(token.text))
        else:
            words.append(token.text)
    flush_words()
    return ParsedQuery(required=_merge_or(required), excluded=tuple(excluded))


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN_RE.finditer(text):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            normalized = normalize(phrase)
            if normalized:
                kind = "phrase" if " " in normalized else "word"
                tokens.append(_Token(kind, normalized, negated=bool(negated)))
            continue
        if bare in OR_WORDS:
            tokens.append(_Token("or", bare))
            continue
        negated = bare.startswith("-") and len(bare) > 1
        for part in normalize(bare[1:] if negated else bare).split():
            tokens.append(_Token("word", part, negated=negated))
    return tokens


def _with_entities(words: list[str], gazetteer: Gazetteer) -> list[Clause]:
    """Plain words, with gazetteer aliases among them turned into EntityRefs."""
    if not words:
        return []
    text = " ".join(words)
    clauses: list[Clause] = []
    position = 0
    for mention in gazetteer.find(text):
        ref = next((r for r in mention.refs if r.kind in EXPANDED_KINDS and not r.ambiguous), None)
        if ref is None:
            continue
        clauses.extend(Word(w) for w in text[position : mention.start].split())
        written = text[mention.start : mention.end]
        aliases = dict.fromkeys([written, *map(normalize, gazetteer.aliases(ref.kind, ref.id))])
        clauses.append(
            EntityRef(ref.kind, ref.id, written, tuple(aliases)[:MAX_ALIASES_PER_ENTITY])
        )
        position = mention.end
    clauses.extend(Word(w) for w in text[position:].split())
    return clauses


def _merge_or(items: list[Clause | None]) -> tuple[Clause, ...]:
    """``a OR b OR c`` → AnyOf(a, b, c); a dangling OR is ignored."""
    merged: list[Clause] = []
    pending_or = False
    for item in items:
        if item is None:
            pending_or = bool(merged)
            continue
        if pending_or:
            previous = merged.pop()
            options = previous.options if isinstance(previous, AnyOf) else (previous,)
            merged.append(AnyOf((*options, item)))
        else:
            merged.append(item)
        pending_or = False
    return tuple(merged)
