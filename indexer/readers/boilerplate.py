"""Strip site chrome from article text with the rules in ``indexer/data/boilerplate.json``.

The rules are data (see the file's description); this module only applies them, line by
line, to text that went through :func:`rasd.arabic.clean_text`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rasd.arabic import normalize

BOILERPLATE_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.json"
_BLANK_RUNS_RE = re.compile(r"\n{3,}")
_SENTENCE_ENDS = (".", "!", "?", "؟", ":", "…", "»", '"', "”")


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Whole normalized lines, phrases inside a normalized line, regexes on the line."""

    lines: frozenset[str]
    phrases: re.Pattern[str] | None
    patterns: tuple[re.Pattern[str], ...]

    def __call__(self, line: str, normalized: str) -> bool:
        return (
            normalized in self.lines
            or (self.phrases is not None and self.phrases.search(normalized) is not None)
            or any(pattern.search(line) for pattern in self.patterns)
        )


@dataclass(frozen=True, slots=True)
class Rules:
    """The rules of every family that applies to one site."""

    max_words: int
    max_headline_words: int
    cut_from: _Matcher
    drop: _Matcher
    drop_block: _Matcher
    trim_tail: _Matcher
    strip: tuple[re.Pattern[str], ...]
    tail_metadata: tuple[tuple[str, re.Pattern[str]], ...]


def strip_boilerplate(text: str, site_id: str | None = None) -> tuple[str, dict[str, str]]:
    """``text`` without the chrome of ``site_id`` (and of every site), plus the metadata
    that trailing credit lines carried (e.g. ``{"source_credit": "رويترز"}``)."""
    rules = rules_for(site_id)
    kept = _filter_lines(text.split("\n"), rules)
    metadata = _trim_tail(kept, rules)
    body = "\n".join(kept).strip()
    if "\n\n\n" in body:  # a dropped line between two blank ones
        body = _BLANK_RUNS_RE.sub("\n\n", body)
    return body, metadata


def _filter_lines(lines: list[str], rules: Rules) -> list[str]:
    kept: list[str] = []
    in_block = False  # after a "اقرأ أيضا" line: the headlines listed under it go too
    for line in lines:
        for pattern in rules.strip:
            # match(), not sub(): prefixes only, and a failed match costs one character,
            # where a search would scan the whole paragraph.
            if match := pattern.match(line):
                line = line[match.end() :].strip()
        if in_block and line:
            if _is_headline(line, rules.max_headline_words):
                continue
            in_block = False
        if line and line.count(" ") < rules.max_words:
            normalized = normalize(line)
            if rules.cut_from(line, normalized):
                if any(kept):
                    break
                continue
            if rules.drop(line, normalized):
                continue
            if rules.drop_block(line, normalized):
                in_block = True
                continue
        kept.append(line)
    return kept


def _is_headline(line: str, max_words: int) -> bool:
    """Short, and no sentence ends in it: a link's title, not a paragraph."""
    return line.count(" ") < max_words and not line.endswith(_SENTENCE_ENDS)


def _trim_tail(lines: list[str], rules: Rules) -> dict[str, str]:
    """Pop chrome and credit lines off the end of ``lines``; return the credits."""
    metadata: dict[str, str] = {}
    while lines:
        last = lines[-1]
        if not last:
            lines.pop()
            continue
        if last.count(" ") >= rules.max_words:
            break
        if rules.trim_tail(last, normalize(last)):
            lines.pop()
            continue
        credit = next(
            ((key, m["value"]) for key, p in rules.tail_metadata if (m := p.search(last))), None
        )
        if credit is None:
            break
        metadata.setdefault(credit[0], credit[1].strip())
        lines.pop()
    return metadata


@cache
def rules_for(site_id: str | None) -> Rules:
    """The merged rules of the families that list ``site_id`` or every site ("*")."""
    data = _load()
    families = [
        family
        for family in data["families"].values()
        if family["sites"] == "*" or (site_id is not None and site_id in family["sites"])
    ]
    return Rules(
        max_words=data["max_chrome_words"],
        max_headline_words=data["max_headline_words"],
        cut_from=_matcher(families, "cut_from"),
        drop=_matcher(families, "drop"),
        drop_block=_matcher(families, "drop_block"),
        trim_tail=_matcher(families, "trim_tail"),
        strip=tuple(
            re.compile(p) for f in families for p in f.get("strip", {}).get("patterns", ())
        ),
        tail_metadata=tuple(
            (rule["key"], re.compile(rule["pattern"]))
            for f in families
            for rule in f.get("tail_metadata", ())
        ),
    )


def _matcher(families: list[dict[str, Any]], kind: str) -> _Matcher:
    specs = [family[kind] for family in families if kind in family]
    lines = frozenset(normalize(line) for spec in specs for line in spec.get("lines", ()))
    phrases = sorted(
        {normalize(phrase) for spec in specs for phrase in spec.get("phrases", ())},
        key=len,
        reverse=True,
    )
    # Whole words only: "شارك عبر" must not match inside "يشارك عبر".
    phrase_re = (
        re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")
        if phrases
        else None
    )
    patterns = tuple(re.compile(p) for spec in specs for p in spec.get("patterns", ()))
    return _Matcher(lines, phrase_re, patterns)


@cache
def _load() -> dict[str, Any]:
    return json.loads(BOILERPLATE_PATH.read_text(encoding="utf-8"))
