"""Multi-pattern alias matching over normalized text (Aho–Corasick, pyahocorasick).

A :class:`Matcher` finds every occurrence of a set of aliases in a string produced by
:func:`rasd.arabic.normalize` in one pass, with these rules:

* **Whole words only.** Keys are stored as ``" alias "`` and the text is padded with a
  space at both ends, so a key can only match from a word start to a word end
  ("ليون" never fires inside "مليون").
* **Arabic proclitics.** An Arabic alias also matches with the conjunctions and
  prepositions glued to its first word: و ف ب ل ك and their pairs (وب ول وك فب فل فك),
  with ل + ال written لل (للمغرب، وللمغرب). Together with aliases that carry their own
  article this covers و ف ب ل ك ال وال بال فال كال لل وبال ولل. Variants are generated
  at build time, so matching costs nothing extra per hit.
* **Leftmost-longest, non-overlapping.** Among overlapping matches the one starting
  first wins, and of those the longest ("وزارة الداخلية الفرنسية" beats
  "وزارة الداخلية"; "جنوب السودان" beats "السودان").
* **Stop phrases.** Phrases that contain an alias but name nothing ("صلاة المغرب",
  "بليون") take part in the leftmost-longest choice and are then dropped, so they
  shadow the alias inside them.

* **Riders.** Keys of another extractor (the topic terms) may ride in the same
  automaton, so an article is scanned once for both: :meth:`Matcher.scan` reports every
  occurrence of a rider, overlapping or not, apart from the alias matches, which riders
  never shadow. A rider is whole-word (" word ") or open-ended (" stem": a word start).

Why the text is matched *reversed*: clitic variants differ at the start of a key, so a
trie of forward keys copies every alias once per proclitic (eleven times). Reversed,
the variants share the whole alias and only branch in their last one to three
letters: on the bundled gazetteers the automaton has well under half the nodes, and
scans faster. Reversing the text is a single C-level slice. pyahocorasick looks
children up linearly, and every key starts with a space, so outside a word start the
automaton stays at a root with one child; that is what keeps the scan cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

import ahocorasick

V = TypeVar("V")
P = TypeVar("P")
R = TypeVar("R")

# Single and paired proclitics. "ال" is not here: it belongs to the alias itself
# (data spells "المغرب"; the loader generates definite demonyms), because adding it to
# every alias would turn "حماس" into "الحماس" (enthusiasm) and "صور" into "الصور".
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_DEFINITE = "ال"


def is_arabic_word(text: str) -> bool:
    """True when ``text`` starts with an Arabic letter (only those take proclitics)."""
    return bool(text) and "\u0621" <= text[0] <= "\u064a"


def clitic_variants(form: str) -> list[str]:
    """The proclitic-prefixed spellings of a normalized Arabic alias (not ``form`` itself).

    ل before the article drops the article's alef: ل + المغرب → للمغرب."""
    if not is_arabic_word(form):
        return []
    definite = form.startswith(_DEFINITE)
    return [
        prefix + form[1:] if definite and prefix.endswith("ل") else prefix + form
        for prefix in PROCLITICS
    ]


@dataclass(frozen=True, slots=True)
class Alias(Generic[V]):
    """One normalized alias and what it stands for. Arabic aliases also match with
    proclitics; Latin ones only as written."""

    text: str
    value: V


class Match(NamedTuple, Generic[P]):
    """A match in the normalized text: ``text[start:end]`` is the whole matched span
    (clitic included); ``values`` is the payload of the key spelled that way."""

    start: int
    end: int
    values: P


class Rider(NamedTuple, Generic[R]):
    """An occurrence of a rider key: ``text[start:end]`` are its letters (from the word
    start; a stem's continuation is not included); ``value`` is the rider's value."""

    start: int
    end: int
    value: R


class Scan(NamedTuple, Generic[P, R]):
    """Alias matches (as :meth:`Matcher.find`) and rider occurrences of one text."""

    matches: list[Match[P]]
    riders: list[Rider[R]]


class _NotAnAlias:
    """The payload slot of a key that is only a rider."""


_NOT_AN_ALIAS = _NotAnAlias()


class Matcher(Generic[P]):
    """An immutable alias automaton. Build once per process; :meth:`find` is thread-safe.

    The values of all aliases spelled alike are merged into a tuple and handed to
    ``combine`` once, at build time; its result is the payload every match of that key
    returns (so per-match work can be precomputed). ``Matcher.of`` keeps the tuple.

    ``riders`` maps keys written as they stand in a space-padded text (" word ", " two
    words ", " stem") to their values; :meth:`scan` reports them."""

    def __init__(
        self,
        aliases: Iterable[Alias[V]],
        combine: Callable[[tuple[V, ...]], P],
        *,
        stop_phrases: Iterable[str] = (),
        riders: Mapping[str, Iterable[R]] | None = None,
    ) -> None:
        keys = _merge_keys(aliases, stop_phrases)
        # Automaton key (reversed, padded) → [letters' length, alias payload, riders].
        entries: dict[str, list[Any]] = {}
        # The clitic variants of an alias share its values: combine each tuple once.
        payloads: dict[tuple[V, ...], P] = {}
        for key in sorted(keys, key=_frequent_first):
            values = keys[key]
            payload = None
            if values is not None:
                payload = payloads.get(values)
                if payload is None:
                    payload = payloads[values] = combine(values)
            entries[f" {key[::-1]} "] = [len(key), payload, ()]
        for key, values in (riders or {}).items():
            if not key.startswith(" ") or not key.strip():
                raise ValueError(f"a rider key starts with a space: {key!r}")
            letters = key[1:].removesuffix(" ")
            entry = entries.setdefault(key[::-1], [len(letters), _NOT_AN_ALIAS, ()])
            entry[2] = (*entry[2], *values)
        self._automaton = ahocorasick.Automaton()
        for key, entry in entries.items():
            self._automaton.add_word(key, tuple(entry))
        self._automaton.make_automaton()
        self._has_riders = bool(riders)

    @classmethod
    def of(
        cls,
        aliases: Iterable[Alias[V]],
        *,
        stop_phrases: Iterable[str] = (),
        riders: Mapping[str, Iterable[R]] | None = None,
    ) -> Matcher[tuple[V, ...]]:
        """A matcher whose payloads are the tuples of values themselves."""
        return Matcher(aliases, _identity, stop_phrases=stop_phrases, riders=riders)

    def find(self, text: str) -> list[Match[P]]:
        """Leftmost-longest, non-overlapping matches in a normalized string."""
        return self.scan(text).matches

    def scan(self, text: str) -> Scan[P, Any]:
        """The alias matches of :meth:`find` and every occurrence of a rider key, by
        rising start, in one pass over a normalized string."""
        if not text:
            return Scan([], [])
        # In " " + reversed + " ", a key of length L ending at index e covers the
        # original text[n + 1 - e : n + 1 - e + L]. The automaton reports by growing e
        # (falling start) and, at each e, the longest key first: read backwards, that
        # is by rising start, and the longest at a start is the last of its e.
        hits = list(self._automaton.iter(f" {text[::-1]} "))
        hits.reverse()
        offset = len(text) + 1
        riders: list[Rider[Any]] = []
        if self._has_riders:
            riders = [
                _new_tuple(Rider, (offset - end, offset - end + length, value))
                for end, (length, _, values) in hits
                for value in values
            ]
            hits = [hit for hit in hits if hit[1][1] is not _NOT_AN_ALIAS]
        # A dict keeps, at each e, the value assigned last, i.e. the longest, in the order
        # of rising start: built in C, where a loop would test every hit.
        longest = dict(hits)
        chosen: list[Match[P]] = []
        last_end = -1
        for end, (length, payload, _) in longest.items():
            start = offset - end
            if start >= last_end:
                last_end = start + length
                if payload is not None:
                    chosen.append(_new_tuple(Match, (start, last_end, payload)))
        return Scan(chosen, riders)


# NamedTuple's own __new__ is a Python function; tuple.__new__ builds the same object.
_new_tuple = tuple.__new__


# Normalized Arabic letters by frequency in news text (SaudiNewsNet): word-final
# letters, and all letters. pyahocorasick finds a child by scanning a node's children
# in the order they were added, so keys are added frequent letters first (a reversed
# key starts with the alias's last letter): about a fifth less scanning than sorted.
_FINAL_LETTER_RANK = {c: i for i, c in enumerate("هينالترمدعبقوفءكسحزضطثجشصذغخظ")}
# The other letters' ranks as the characters chr(0), chr(1)…: comparing translated
# strings compares ranks, and letters without a rank sort after, by code point.
_LETTER_RANK = str.maketrans({c: chr(i) for i, c in enumerate(" اليمهونرتبعدفسقكحجشطصخضزذثئغءظؤ")})


def _frequent_first(key: str) -> tuple[int, str]:
    reversed_key = key[::-1]
    return _FINAL_LETTER_RANK.get(reversed_key[0], 99), reversed_key[1:].translate(_LETTER_RANK)


def _identity(values: tuple[V, ...]) -> tuple[V, ...]:
    return values


def _merge_keys(
    aliases: Iterable[Alias[V]], stop_phrases: Iterable[str]
) -> dict[str, tuple[V, ...] | None]:
    """Key → values, ``None`` for a stop phrase. Precedence: stop phrases (with their
    clitic variants, so "وبليون" stays "and a billion"), then spellings that are aliases
    as written, then clitic variants; a word that is an alias is never re-read as
    clitic + another alias."""
    plain: dict[str, list[V]] = {}
    derived: dict[str, list[V]] = {}
    for alias in aliases:
        _add(plain, alias.text, alias.value)
        for variant in clitic_variants(alias.text):
            _add(derived, variant, alias.value)
    merged: dict[str, tuple[V, ...] | None] = {k: tuple(v) for k, v in derived.items()}
    merged.update((k, tuple(v)) for k, v in plain.items())
    for phrase in stop_phrases:
        merged.update(dict.fromkeys([phrase, *clitic_variants(phrase)]))
    return merged


def _add(table: dict[str, list[V]], key: str, value: V) -> None:
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)
