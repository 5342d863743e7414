"""Security topics of an article, by a transparent weighted-term rule model.

The rules live in ``rasd/gazetteers/topics.json`` (its ``_doc`` keys explain the file);
this module compiles them and scores articles. Everything a tag rests on can be shown:
:meth:`TopicModel.explain` lists, per topic, the terms that fired, where, how often and
what they added.

Matching (why it looks like this):

* Phrases and text are compared after :func:`rasd.arabic.normalize`. All phrases of all
  topics go into one Aho–Corasick automaton (pyahocorasick), so an article is scanned
  once whatever the number of terms. Keys start with a space and the text is padded
  with spaces, so a key can only begin at a word start; a key that also ends with a
  space is a whole word, one without (a phrase written with a trailing ``*``) is a stem
  that the last word may continue ("إرهاب*" → "الإرهابيين").
* Arabic glues proclitics and the article to the first word, so every phrase is stored
  in its glued forms too (الإرهاب، والإرهاب، للإرهاب، بالإرهاب). This is generated once
  at load time; scanning costs the same.
* Overlapping matches of one topic are resolved leftmost-longest, so "مكافحة الإرهاب"
  counts as itself and not also as "الإرهاب"; an ``exclude`` phrase ("حرب الأسعار")
  takes part in every topic's resolution, wins over the terms inside it and then
  counts for nothing. Topics are resolved separately because they are independent
  judgements: "تهريب المخدرات" is evidence of drug trafficking *and* of smuggling.
  rasd.matcher works the same way for entity aliases but matches whole words only;
  topic stems need open-ended keys, so the (small) automaton is built here. The indexer
  does not scan with it: the entity matcher carries these keys as riders
  (:meth:`TopicModel.scan_keys`), so an article is scanned once for both, and
  :meth:`TopicModel.tag_riders` scores what that pass found, exactly as here.

Scoring (the ``scoring`` block of the JSON says it in full): a term adds weight × 2 if
it is in the title and weight × min(count, 3) for the body. Terms of weight ≥ 2 are
evidence, lighter ones only context. A topic is tagged when its score reaches its
threshold (4; 5 for the wordier armed_conflict) with at least one evidence term, and —
once one topic is tagged, i.e. the article is security news — any other topic whose
evidence alone reaches 2, one solid mention. That second rule is what tags the seed
page's list "الإرهاب والاتجار في المخدرات والهجرة غير المشروعة والاتجار في الأشخاص"
inside a security-cooperation article, while the same passing "الإرهاب" in a sports or
business article tags nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import ahocorasick

from rasd.arabic import normalize
from rasd.gazetteer import GAZETTEER_DIR

TOPICS_FILE = GAZETTEER_DIR / "topics.json"

Field = Literal["title", "body"]
Reason = Literal["primary", "secondary"]

# First-word glued forms. ل + ال is written لل, so ل-ending proclitics drop the alef.
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_ARTICLE = "ال"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_EXCLUDED = -1  # term index of an exclude phrase


class TopicRulesError(ValueError):
    """topics.json is malformed; the message names the topic and the problem."""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label_ar: str
    label_en: str
    threshold: float


@dataclass(frozen=True, slots=True)
class Term:
    topic: str
    phrase: str  # as written in topics.json
    weight: float


@dataclass(frozen=True, slots=True)
class TermHit:
    """A term that fired: ``count`` occurrences in ``field`` adding ``points``."""

    phrase: str
    weight: float
    field: Field
    count: int
    points: float


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    score: float
    tagged: bool
    # "primary" (reached the topic's threshold), "secondary" (one solid mention in an
    # article where another topic is primary) or None.
    reason: Reason | None
    hits: tuple[TermHit, ...]


@dataclass(frozen=True, slots=True)
class Scoring:
    title_weight: float
    body_weight: float
    body_cap: int
    strong_weight: float
    threshold: float
    secondary_threshold: float


class TopicModel:
    """The compiled rules. Build once (see :func:`default_model`); thread-safe to use."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        self.scoring = _scoring(rules.get("scoring", {}))
        self.topics: dict[str, Topic] = {}
        self.terms: list[Term] = []
        excludes: list[str] = []
        for raw in _list(rules, "topics", "rules"):
            topic, terms, topic_excludes = self._parse_topic(raw)
            self.topics[topic.id] = topic
            self.terms.extend(terms)
            excludes.extend(topic_excludes)
        self._keys = _scan_keys(self.terms, excludes)
        self._automaton = _build_automaton(self._keys)

    @classmethod
    def load(cls, path: Path | str = TOPICS_FILE) -> TopicModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def _parse_topic(self, raw: Any) -> tuple[Topic, list[Term], list[str]]:
        if not isinstance(raw, dict):
            raise TopicRulesError(f"a topic must be an object, got {raw!r}")
        topic_id = raw.get("id")
        if not isinstance(topic_id, str) or not _ID_RE.match(topic_id):
            raise TopicRulesError(f"bad topic id {topic_id!r}")
        if topic_id in self.topics:
            raise TopicRulesError(f"{topic_id}: duplicate topic id")
        unknown = set(raw) - {"id", "label_ar", "label_en", "threshold", "terms", "exclude"}
        if unknown:
            raise TopicRulesError(f"{topic_id}: unknown fields {sorted(unknown)}")
        threshold = raw.get("threshold", self.scoring.threshold)
        if not _positive(threshold):
            raise TopicRulesError(f"{topic_id}: threshold must be a positive number")
        topic = Topic(
            topic_id, _text(raw, "label_ar", topic_id), _text(raw, "label_en", topic_id), threshold
        )
        terms = [
            Term(topic_id, phrase, weight) for weight, phrase in _weighted_phrases(raw, topic_id)
        ]
        _check_unique(terms, topic_id)
        excludes = [_phrase(p, topic_id) for p in raw.get("exclude", [])]
        return topic, terms, excludes

    # -- scoring ----------------------------------------------------------------

    def tag(self, title: str, body: str) -> list[str]:
        """Tagged topic ids, highest score first."""
        return self.tag_normalized(normalize(title or ""), normalize(body or ""))

    def tag_normalized(self, title: str, body: str) -> list[str]:
        """:meth:`tag` for text already passed through :func:`rasd.arabic.normalize`
        (the indexer normalizes once for entities and topics)."""
        return self._tag(self._spans(title), self._spans(body))

    def scan_keys(self) -> dict[str, tuple[int, ...]]:
        """The automaton keys (" form " for a whole word, " stem" for a word start) and
        the term indexes each stands for (``-1``: an exclude phrase). A
        :class:`rasd.matcher.Matcher` that carries them as riders finds the terms in the
        same pass as its aliases; :meth:`tag_riders` scores what it found."""
        return dict(self._keys)

    def tag_riders(self, riders: Iterable[tuple[int, int, int]], title_end: int) -> list[str]:
        """:meth:`tag_normalized` from the riders a matcher carrying :meth:`scan_keys`
        found in "title _ body" (the title ends at ``title_end``)."""
        title, body = [], []
        for rider in riders:
            (title if rider[0] < title_end else body).append(rider)
        title.sort()
        body.sort()
        return self._tag(title, body)

    def _tag(self, title: list[_Span], body: list[_Span]) -> list[str]:
        """Tagged topics from the sorted spans of the title and of the body."""
        scores: dict[str, float] = {}
        evidence: dict[str, float] = {}
        for field, counts in (("title", self._count(title)), ("body", self._count(body))):
            for index, count in counts.items():
                term = self.terms[index]
                points = self._points(term.weight, field, count)
                scores[term.topic] = scores.get(term.topic, 0.0) + points
                if term.weight >= self.scoring.strong_weight:
                    evidence[term.topic] = evidence.get(term.topic, 0.0) + points
        return [topic for topic, _, reason in self._ranked(scores, evidence) if reason]

    def explain(self, title: str, body: str) -> list[TopicScore]:
        """Every topic with a non-zero score, highest first, with the terms that fired."""
        return self.explain_normalized(normalize(title or ""), normalize(body or ""))

    def explain_normalized(self, title: str, body: str) -> list[TopicScore]:
        hits: dict[str, list[TermHit]] = {}
        for field, counts in (
            ("title", self._count(self._spans(title))),
            ("body", self._count(self._spans(body))),
        ):
            for index, count in counts.items():
                term = self.terms[index]
                points = self._points(term.weight, field, count)
                hit = TermHit(term.phrase, term.weight, field, count, points)
                hits.setdefault(term.topic, []).append(hit)
        strong = self.scoring.strong_weight
        scores = {topic: sum(h.points for h in topic_hits) for topic, topic_hits in hits.items()}
        evidence = {
            topic: sum(h.points for h in topic_hits if h.weight >= strong)
            for topic, topic_hits in hits.items()
        }
        return [
            TopicScore(topic, score, reason is not None, reason, tuple(hits[topic]))
            for topic, score, reason in self._ranked(scores, evidence)
        ]

    def _points(self, weight: float, field: Field, count: int) -> float:
        if field == "title":
            return weight * self.scoring.title_weight
        return weight * self.scoring.body_weight * min(count, self.scoring.body_cap)

    def _ranked(
        self, scores: dict[str, float], evidence: dict[str, float]
    ) -> list[tuple[str, float, Reason | None]]:
        """(topic, score, reason) of every non-zero score, highest first; reason None
        for an untagged topic."""
        primary = {
            topic
            for topic, score in scores.items()
            if score >= self.topics[topic].threshold and evidence.get(topic, 0.0) > 0
        }
        ranked: list[tuple[str, float, Reason | None]] = []
        for topic, score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
            if score == 0:
                continue
            reason: Reason | None = None
            if topic in primary:
                reason = "primary"
            elif primary and evidence.get(topic, 0.0) >= self.scoring.secondary_threshold:
                reason = "secondary"
            ranked.append((topic, score, reason))
        return ranked

    def _count(self, spans: list[_Span]) -> dict[int, int]:
        """Term index → occurrences, from the sorted spans of one text. Overlaps are
        resolved leftmost-longest within each topic (topics are independent: "تهريب
        المخدرات" is drug trafficking and also smuggling), with exclude phrases in every
        topic."""
        if _disjoint(spans):  # the usual case: nothing to resolve
            chosen = spans
        else:
            excluded = [span for span in spans if span[2] == _EXCLUDED]
            by_topic: dict[str, list[_Span]] = {}
            for span in spans:
                if span[2] != _EXCLUDED:
                    by_topic.setdefault(self.terms[span[2]].topic, []).append(span)
            chosen = [
                span
                for topic_spans in by_topic.values()
                for span in _leftmost_longest([*topic_spans, *excluded])
            ]
        counts: dict[int, int] = {}
        for _, _, index in chosen:
            if index != _EXCLUDED:
                counts[index] = counts.get(index, 0) + 1
        return counts

    def _spans(self, text: str) -> list[_Span]:
        """(start, end, term index) of every key found, in ``text`` coordinates, sorted."""
        spans: list[_Span] = []
        # In " text ", a key of length L ending at index e starts at e - L + 1; its
        # first character is the space before the word, which is text[e - L + 1].
        for end, (length, whole_word, indexes) in self._automaton.iter(f" {text} "):
            start = end - length + 1
            stop = end - 1 if whole_word else end  # a whole-word key ends on a space
            spans.extend((start, stop, index) for index in indexes)
        spans.sort()
        return spans


def _disjoint(spans: list[_Span]) -> bool:
    """No two of the (sorted) spans overlap."""
    return all(a[1] <= b[0] for a, b in pairwise(spans))


# (start, end, term index or _EXCLUDED)
_Span = tuple[int, int, int]


def _leftmost_longest(spans: Iterable[_Span]) -> list[_Span]:
    """Non-overlapping spans, each the longest of those starting first; on an exact
    tie an exclude phrase wins."""
    chosen: list[_Span] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[2] != _EXCLUDED)):
        if span[0] >= last_end:
            chosen.append(span)
            last_end = span[1]
    return chosen


# -- compiling the rules -----------------------------------------------------------


def _scan_keys(terms: list[Term], excludes: list[str]) -> dict[str, tuple[int, ...]]:
    keys: dict[str, list[int]] = {}
    for index, term in enumerate(terms):
        for key in _keys(term.phrase):
            keys.setdefault(key, []).append(index)
    for phrase in excludes:
        for key in _keys(phrase):
            keys[key] = [_EXCLUDED]  # an exclude phrase wins over a term spelled the same
    return {key: tuple(indexes) for key, indexes in keys.items()}


def _build_automaton(keys: Mapping[str, tuple[int, ...]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, indexes in keys.items():
        automaton.add_word(key, (len(key), key.endswith(" "), indexes))
    automaton.make_automaton()
    return automaton


def _keys(phrase: str) -> list[str]:
    """Automaton keys of a phrase: " form " for whole words, " form" for a stem."""
    exact = phrase.startswith("=")
    stem = phrase.endswith("*")
    form = normalize(phrase.strip("=*"))
    forms = [form] if exact else _glued_forms(form)
    return [f" {f}" if stem else f" {f} " for f in forms]


def _glued_forms(form: str) -> list[str]:
    """``form``, with the article unless it has one, and both with every proclitic."""
    if not ("\u0621" <= form[:1] <= "\u064a"):
        return [form]  # Latin names and acronyms take no Arabic clitics
    bases = [form] if form.startswith(_ARTICLE) else [form, _ARTICLE + form]
    glued = [
        # ل before the article drops its alef: ل + الإرهاب → للإرهاب.
        prefix + base[1:] if prefix.endswith("ل") and base.startswith(_ARTICLE) else prefix + base
        for base in bases
        for prefix in _PROCLITICS
    ]
    return list(dict.fromkeys([*bases, *glued]))


def _weighted_phrases(raw: Mapping[str, Any], topic_id: str) -> Iterator[tuple[float, str]]:
    for group in _list(raw, "terms", topic_id):
        if not isinstance(group, dict) or set(group) != {"weight", "phrases"}:
            raise TopicRulesError(f"{topic_id}: a term group is {{'weight', 'phrases'}}")
        weight = group["weight"]
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight == 0:
            raise TopicRulesError(f"{topic_id}: weight must be a non-zero number")
        for phrase in group["phrases"]:
            yield float(weight), _phrase(phrase, topic_id)


def _phrase(phrase: Any, topic_id: str) -> str:
    if not isinstance(phrase, str) or not normalize(phrase.strip("=*")):
        raise TopicRulesError(f"{topic_id}: empty or non-text phrase {phrase!r}")
    if "*" in phrase.rstrip("*") or "=" in phrase.lstrip("="):
        raise TopicRulesError(f"{topic_id}: '*' ends and '=' starts a phrase: {phrase!r}")
    return phrase


def _check_unique(terms: list[Term], topic_id: str) -> None:
    """Two phrases of one topic must not produce the same key: that would count one
    word twice ("الإنتربول" is already a form of "إنتربول")."""
    owner: dict[str, str] = {}
    for term in terms:
        for key in _keys(term.phrase):
            if key in owner:
                raise TopicRulesError(
                    f"{topic_id}: {term.phrase!r} repeats {owner[key]!r} ({key.strip()!r})"
                )
            owner[key] = term.phrase


def _scoring(raw: Mapping[str, Any]) -> Scoring:
    values = {k: v for k, v in raw.items() if not k.startswith("_")}
    try:
        scoring = Scoring(**values)
    except TypeError as error:
        raise TopicRulesError(f"scoring: {error}") from None
    if not all(_positive(v) for v in values.values()):
        raise TopicRulesError("scoring: every value must be a positive number")
    return scoring


def _list(raw: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        raise TopicRulesError(f"{where}: {key!r} must be a non-empty list")
    return value


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TopicRulesError(f"{where}: {key!r} must be non-empty text")
    return value


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


# -- module-level API ----------------------------------------------------------------


@cache
def default_model() -> TopicModel:
    """The model of the bundled topics.json, built once per process."""
    return TopicModel.load()
