"""Dates in Arabic news: publication metadata, datelines and the dates events happened.

Three entry points:

* :func:`parse_publication_date` — a metadata string (ISO 8601, RFC 2822, "21/07/2015",
  an Arabic written or Hijri date) → :class:`PartialDate`, or ``None`` for garbage.
* :func:`find_dates` — every date mention in an article body → :class:`DateMention`.
* :func:`publication_date_from_text` — a dateline at the start or end of a body.

How matching works, and why:

* **On the original string, with tolerant patterns.** Month names come from
  ``data/months.json`` in natural spelling; each is folded with
  :func:`rasd.arabic.normalize` and turned into a pattern in which every letter that
  normalize folds together is a class again (ا → [اأإآٱ], ي → [يى], ه → [هة]). So
  "أغسطس" and "اغسطس", "الماضى" and "الماضي" match alike, and spans are exact offsets
  into the caller's string with no index map. Normalizing the text itself was ruled
  out twice over: normalize turns punctuation into spaces, which erases what tells
  "21/7/2015" from three numbers and "تموز/يوليو" from two words; and it costs more
  than twice the whole budget of this module on a typical article. Digits of all three
  scripts (0-9, ٠-٩, ۰-۹) are matched as such and read by ``int()``. Diacritics *inside*
  a month name are not tolerated (news datelines carry none). Text is expected to have
  been through :func:`rasd.arabic.clean_text` (words are split on " " and newlines).
* **Anchors first, patterns second.** Python's ``re`` tries every alternative at every
  position, so one big pattern of ~100 month spellings costs ~150 µs per article.
  Instead a few cheap scans collect *anchors* — digit runs (one character class), the
  relative words (الماضي، الجاري، المقبل، اليوم… all start with "ال", which ``re``
  finds by literal-prefix search) and أمس/غدا/شهر/قبل/منذ (``str.find``) — and precompiled
  patterns, their month alternations factored into tries, are matched only there
  (``pattern.match(text, pos)``). Context to the left (a year cue "عام", a month name
  before a year, "ثورة" in "ثورة 25 يناير") is read by anchored matches at the starts
  of the few words before the anchor (:func:`_left`).
* **Calendar words, then context.** A mention records what is written (day, month,
  year, calendar) and how a missing year relates to the publication date ("الجاري",
  "الماضي", "المقبل", "من العام الماضي", or, for a bare "26 مايو", the nearest
  occurrence). :func:`find_dates` resolves that against ``published`` when it is known
  and otherwise keeps what the words say: "8 يوليوز الجاري" is day 8, month 7, year
  unknown (``day_no_year``) — a year is never invented.

Decisions worth knowing:

* Day-first for ambiguous numeric dates (Arab usage); month-first only when the second
  number cannot be a month ("7/21/2015").
* A bare "26 مايو" takes the year that puts it nearest the publication date (what a
  reader assumes); ``year_from_context`` says the year was not written.
* A bare year needs a cue ("عام 2015", "سنة", "العام", "الموافق") or a calendar mark
  ("2015م", "1436هـ"): article numbers, counts and "رؤية 2030" are not years.
* Hijri dates are converted with hijridate (1343–1500 AH). A Hijri month is a range of
  Gregorian days ("شوال 1436" → 2015-07-17…2015-08-15), so is a Hijri year. A Hijri
  date without a year is resolved only from a day-precise publication date, because
  without a year it has no Gregorian equivalent at all.
* "الأسبوع الماضي" / "الأسبوع المقبل" become the 7-day ranges just before / after the
  publication day: a day would be wrong, and calendar weeks start on different days
  across the Arab world. "الأسبوع الجاري" is skipped (the publication date says it all).
* A weekday alone ("يوم الثلاثاء") is skipped — it may be last or next Tuesday; with
  الماضي/المقبل, or as "اليوم الثلاثاء"/"أمس الاثنين", it is resolved.
* Dates that name something ("ثورة 25 يناير", "قوى 14 آذار", "شارع 26 يوليو", "هجمات 11
  سبتمبر") are skipped when they carry no year.
* Ordinal day words count as days when "من" and a month follow ("الثامن من أغسطس",
  "الحادي والعشرين من يوليو الجاري"); "هجمات الحادي عشر من سبتمبر" is a name, like
  "هجمات 11 سبتمبر".
* A span back from publication ("قبل يومين", "منذ ثلاثة أيام", "قبل 15 عاما", "قبل نحو
  أسبوع") is that day, month or year; a week back is the day seven days before. Not
  when it counts from something else ("قبل يومين من الانتخابات", "قبل عام على الحادث"),
  nor when the unit names a time ("قبل عام 2011", "قبل شهر رمضان", "قبل يوم الجمعة").
  Vague spans ("منذ سنوات", "قبل أيام") are skipped.
* Not handled: a month name with neither a day, a year, "شهر" nor a relative word ("في
  يونيو") — too ambiguous (مارس is also a verb, نيسان a car maker) for what they add.
* ``kind`` says how the date is *written*: ``hijri`` for any Hijri date (numeric ones
  too), ``numeric`` for Gregorian digits-and-separators, ``gregorian`` for month names
  and year cues, ``relative`` only when no calendar word or number is written (أمس،
  الشهر الماضي، يوم الثلاثاء الماضي).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from hijridate import Gregorian, Hijri

from rasd.arabic import normalize, to_ascii_digits

Precision = Literal["day", "month", "year", "day_no_year", "month_no_year"]
Kind = Literal["gregorian", "hijri", "numeric", "relative"]
Calendar = Literal["g", "h"]
# How a missing year relates to the publication date.
Anchor = Literal["nearest", "current", "past", "next"]

GREGORIAN_YEARS = range(1900, 2101)
HIJRI_YEARS = range(1343, 1501)  # what hijridate converts

# ---------------------------------------------------------------------------
# Values


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A Gregorian date of which only some parts are known.

    Allowed shapes: y-m-d ("day"), y-m ("month"), y ("year"), m-d ("day_no_year"),
    m ("month_no_year"). Anything else (a day without a month, an impossible day)
    raises ``ValueError``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and (self.day is not None or self.year is None):
            raise ValueError(f"not a partial date: {self.year}-{self.month}-{self.day}")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and not 1 <= self.day <= _days_in_month(self.year, self.month):
            raise ValueError(f"day out of range: {self.year}-{self.month}-{self.day}")

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return "month_no_year" if self.day is None else "day_no_year"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def iso(self) -> str | None:
        """ISO 8601 ("2015-07-21", "2015-07", "2015"); ``None`` when the year is unknown."""
        if self.year is None:
            return None
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def to_date(self) -> dt.date | None:
        """The ``datetime.date`` for a day-precision date, else ``None``."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text. ``text == original[span[0]:span[1]]``.

    ``end`` is set for ranges ("يومي 8 و9 يوليوز", a Hijri month). ``year_from_context``
    is true when the year was not written but taken from the publication date
    ("الجاري", "الماضي", or the nearest occurrence of a bare "26 مايو")."""

    start: PartialDate
    end: PartialDate | None
    text: str
    span: tuple[int, int]
    kind: Kind
    year_from_context: bool = False

    def to_dict(self) -> dict[str, object]:
        """The shape of an ``event_dates`` entry (plus kind and span)."""
        return {
            "date": self.start.iso,
            "end": None if self.end is None else self.end.iso,
            "precision": self.start.precision,
            "text": self.text,
            "kind": self.kind,
            "span": list(self.span),
        }


def _days_in_month(year: int | None, month: int) -> int:
    if month == 2:
        leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


# ---------------------------------------------------------------------------
# Vocabulary → patterns

_DATA = json.loads((Path(__file__).parent / "data" / "months.json").read_text("utf-8"))
_LETTER_CLASSES = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}
# The folding normalize() does to letters, as a table for short matched strings
# (normalize itself costs ~4 µs a call, too much per mention).
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _key(raw: str) -> str:
    """Lookup key of a matched word: letters folded, spaces dropped ("ذو القعدة" is
    also written "ذوالقعدة")."""
    return "".join(raw.translate(_FOLD).split())


def _tolerant(ch: str) -> str:
    """A pattern for one normalized character that accepts what normalize() folds into it."""
    return r"\s*" if ch == " " else _LETTER_CLASSES.get(ch, re.escape(ch))


def _trie(words: Iterable[str]) -> str:
    """One pattern for many words, factored by prefix: ``re`` tests alternatives one by
    one, so a flat list of ~100 month spellings costs ~100 tests wherever it is tried;
    a trie costs a few."""
    root: dict[str, dict] = {}
    for word in {normalize(w) for w in words}:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [_tolerant(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _lookup(table: dict[str, list[str]]) -> dict[str, int]:
    return {_key(normalize(name)): int(n) for n, names in table.items() for name in names}


def _names(table: str) -> list[str]:
    return [name for names in _DATA[table].values() for name in names]


_GREGORIAN = _lookup(_DATA["gregorian"])
_HIJRI = _lookup(_DATA["hijri"])
_WEEKDAYS = _lookup(_DATA["weekdays"])
_ENGLISH_MONTHS = {name: int(n) for n, names in _DATA["english_months"].items() for name in names}

# Digits of all three scripts: int() reads them all, so the text needs no folding.
D = "[0-9٠-٩۰-۹]"
ND = f"(?!{D})"
NB = r"(?![^\W\d_])"  # not followed by a letter
G_MONTH = _trie(_names("gregorian"))
MONTH = f"{_trie([*_names('gregorian'), *_names('hijri')])}{NB}"
WEEKDAY = _trie(_names("weekdays")) + NB
# A second name for the same month: "تموز/يوليو", "يوليو (تموز)", "يونيو حزيران".
MONTH_ALSO = rf"(?:\s*[/(\-–]\s*{MONTH}(?:\s*\))?|\s+{G_MONTH}{NB})?"
YEAR_CUE = r"(?:[بل]?(?:ال|ل)?(?:عام|سن[ةه])|عامي|سنتي|الموافق)"
CAL_MARK = (
    rf"\s*(?:(?P<hmark>هـ|ه{NB}|هجري[ةه]?{NB}|للهجر[ةه])|(?P<gmark>م{NB}|ميلادي[ةه]?{NB}|للميلاد))"
)
REL_ADJ = r"(?P<rel>(?:الجار[يى]|الحال[يى]|الماض[يى]|المنصرم|الفائت|المقبل|القادم)[ةه]?)" + NB
RANGE_SEP = r"\s*(?:-|–|و|[اإ]ل[يى]|حت[يى]|لغاي[ةه])\s*"

_YEAR_TAIL = rf"(?:\s*[,،]?\s*(?:من\s+)?(?:{YEAR_CUE}\s+)?(?P<year>{D}{{4}}){ND}(?:{CAL_MARK})?)"
_REL_TAIL = rf"(?:\s+(?:من\s+(?P<rel_unit>(?:ال)?(?:عام|سن[ةه]))\s+)?{REL_ADJ})"

# Patterns matched at an anchor ---------------------------------------------

# At a 1–2 digit run: "21 يوليو 2015", "يومي 8 و9 يوليوز الجاري", "19 - 21 شوال 1436هـ".
_DAY_MONTH = re.compile(
    rf"(?P<d1>{D}{{1,2}}){ND}"
    rf"(?:{RANGE_SEP}(?:ال\u0640*\s?)?(?:{D}{{1,2}}\s*و\s*)*(?P<d2>{D}{{1,2}}){ND})?"
    rf"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{MONTH}){MONTH_ALSO}"
    rf"(?:{_YEAR_TAIL}|{_REL_TAIL})?"
)
# "21/7/2015", "2015-07-21", "14 / 10 / 1436هـ", "14-10- 1436هـ".
NUM_SEP = r"\s?[/.\-]\s?"
_NUMERIC = re.compile(
    rf"(?:(?P<y>{D}{{4}}){NUM_SEP}(?P<m>{D}{{1,2}}){NUM_SEP}(?P<d>{D}{{1,2}})"
    rf"|(?P<a>{D}{{1,2}}){NUM_SEP}(?P<b>{D}{{1,2}}){NUM_SEP}(?P<y2>{D}{{4}}))"
    rf"(?!{D}|[/.\-]{D})(?:{CAL_MARK})?"
)
# At a 4-digit run: the year, a second year of a range, a calendar mark.
_YEAR = re.compile(rf"(?P<year>{D}{{4}}){ND}(?:{RANGE_SEP}(?P<year2>{D}{{4}}){ND})?(?:{CAL_MARK})?")
# "شهر رمضان", "شهر يوليو المقبل", "شهر يونيو 2014": the month phrase after شهر.
_SHAHR = re.compile(
    rf"(?:ال)?شهر\s+(?:من\s+)?(?P<month>{MONTH}){MONTH_ALSO}(?:{_YEAR_TAIL}|{_REL_TAIL})?"
)
_REL_ADJ = re.compile(REL_ADJ)
# Days 1–31 as ordinal words (masculine, agreeing with يوم): "الأول" … "العاشر", "الحادي
# عشر" … "التاسع عشر", "العشرين", "الحادي والعشرين" … "الحادي والثلاثين".
_ORDINAL_UNITS = {"اول": 1, "حادي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5,
                  "سادس": 6, "سابع": 7, "ثامن": 8, "تاسع": 9, "عاشر": 10}  # fmt: skip
_ORDINAL_TENS = {"عشرين": 20, "ثلاثين": 30}
ORDINAL_STEM = r"(?:[اأ]ول|حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|عشرين|ثلاثين)"
# "الخامس من يوليو", "السابع عشر من آب 2014", "الحادي والعشرين من شهر رمضان الماضي".
_ORDINAL_DAY = re.compile(
    rf"ال(?P<unit>{ORDINAL_STEM}){NB}(?:\s+(?P<teen>عشر){NB}|\s+وال(?P<tens>عشرين|ثلاثين){NB})?"
    rf"\s+من\s+(?:شهر\s+)?(?P<month>{MONTH}){MONTH_ALSO}(?:{_YEAR_TAIL}|{_REL_TAIL})?"
)
# Optional weekday after اليوم/أمس/غدا: "اليوم الثلاثاء", "أمس (الاثنين)".
_WEEKDAY_AFTER = re.compile(rf"\s*\(?\s*(?:{WEEKDAY})(?:\s*\))?")
_YESTERDAY_FIRST_RIGHT = re.compile(r"\s+ال[اأ]ول" + NB)  # "أمس الأول"
_ALYAWM_BLOCKED_RIGHT = re.compile(r"\s*(?:ال|[-–—\"'»”’)])")
_RANGE_JOIN = re.compile(RANGE_SEP)

# Patterns for the words just before an anchor (see _left) ---------------------

# Before a year: a cue ("عام"), or a month ("يوليو 2015", "شهر حزيران (يونيو) 2015").
_LEFT_OF_YEAR = re.compile(
    rf"(?:(?P<cue>{YEAR_CUE})"
    rf"|(?:شهر\s+)?(?P<month>{MONTH}){MONTH_ALSO}\s*[,،]?\s*(?:من\s+)?(?:{YEAR_CUE}\s+)?)\s*"
)
# A word that can be part of what precedes a year: the look-back stops at any other.
_YEAR_WORD = re.compile(rf"(?:{YEAR_CUE}|شهر|من|\S*?{MONTH}\)?[,،]?|[,،/\-–])\s*")
# Before a relative adjective: the thing it qualifies.
_LEFT_OF_REL = re.compile(
    rf"(?:(?:شهر\s+)?(?P<month>{MONTH}){MONTH_ALSO}"
    rf"|(?:يوم\s+)?(?P<weekday>{WEEKDAY})"
    rf"|(?P<unit>(?:ال)?(?:شهر|عام|سن[ةه]|[اأ]سبوع)))\s+"
)
_REL_WORD = re.compile(
    rf"(?:يوم|\S*?{MONTH}\)?|{WEEKDAY}|(?:ال)?(?:شهر|عام|سن[ةه]|[اأ]سبوع)|[/\-–])\s*"
)
_NAMED_AFTER_DATE = re.compile(rf"(?:ال)?{_trie(_DATA['named_after_date'])}\s+(?:ال\u0640*\s?)?")
_NUMBER_LABEL = re.compile(r"(?:ال)?رقم\s*:?\s*")
_ALYAWM_STRONG_LEFT = re.compile(r"(?:صباح|مساء|ظهر|ظهير[ةه]|فجر|عصر|عشي[ةه]|ليل[ةه]?)\s+")
# "في اليوم الذي", "عين اليوم" (a newspaper), "حتى اليوم" (= so far): not a date.
_ALYAWM_BLOCKED_LEFT = re.compile(
    r"(?:في|ذلك|هذا|لهذا|نفس|طوال|مدار|حت[يى]|[اإ]ل[يى]|من|منذ|عين|ذكر[يى]|بذكر[يى])\s+"
)
_QUOTES = "\"'«“”‘’("
_YESTERDAY_LEFT_FIRST = re.compile(r"[اأ]ول\s+(?:من\s+)?")  # "أول أمس", "أول من أمس"
_TOMORROW_LEFT = re.compile(r"(?P<w>بعد|يوم|صباح|مساء|ظهر|ليل[ةه])\s+")
# "قبل يومين", "منذ ثلاثة أيام", "قبل 15 عاما", "قبل نحو أسبوع": a span back from the
# publication day. Not when the span counts from something else ("قبل يومين من
# الانتخابات", "قبل عام على"), nor a unit that names a time ("قبل عام 2011", "قبل شهر
# رمضان", "قبل يوم الجمعة", "قبل يوم القيامة").
_AGO_NUMBERS = {"ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "ثمان": 8,
                "تسع": 9, "عشر": 10}  # fmt: skip
_AGO_UNITS = {"يوم": "day", "ايام": "day", "اسبوع": "week", "اسابيع": "week", "شهر": "month",
              "اشهر": "month", "شهور": "month", "عام": "year", "اعوام": "year", "سنه": "year",
              "سنوات": "year", "سنين": "year"}  # fmt: skip
_AGO_DUALS = {"يومين": "day", "اسبوعين": "week", "شهرين": "month", "عامين": "year",
              "سنتين": "year"}  # fmt: skip
_AGO = re.compile(
    r"(?:قبل|منذ)\s+(?:(?:نحو|حوال[يى]|قراب[ةه]|زهاء)\s+)?"
    rf"(?:(?P<dual>يومين|[اأ]سبوعين|شهرين|عامين|سنتين)"
    rf"|(?P<count>{D}{{1,3}}|(?:ثلاث|[اأ]ربع|خمس|ست|سبع|ثماني|ثمان|تسع|عشر)[ةه]?)\s+"
    r"(?P<unit>[اأ]يام|[اأ]سابيع|[اأ]شهر|شهور|[اأ]عوام|سنوات|سنين|(?:يوم|[اأ]سبوع|شهر|عام)(?:ا|اً|ًا)?)"
    r"|(?P<single>يوم|[اأ]سبوع|شهر|عام|سن[ةه]))"
    r"(?![^\W\d_])"
)
_AGO_BLOCKED_RIGHT = re.compile(rf"\s*(?:(?:من|على|عل[يى])(?![^\W\d_])|{D}|ال|{MONTH})")
_RANGE_OPENER = re.compile(r"(?:من|بين|ما\s+بين|الفتر[ةه]\s+من)\s+(?:ال\u0640*)?")

# Anchors ------------------------------------------------------------------
# The relative words and the ordinal day words all start with "ال", which re finds by
# fast literal-prefix search (capture groups would defeat it, so the kind is read from
# the text after).
_AL_WORDS = ("جاري", "حالي", "ماضي", "منصرم", "فائت", "مقبل", "قادم", "يوم", "بارحة")
_ORDINAL_WORDS = (*_ORDINAL_UNITS, "أول", *_ORDINAL_TENS)
# Tries (one test per first letter); an ordinal only where a day can follow it.
_AL_ANCHORS = re.compile(f"ال(?:{_trie(_AL_WORDS)}|{_trie(_ORDINAL_WORDS)}(?=\\s+(?:من|عشر|وال)))")
_AL_KINDS = {
    "يوم": "today",
    "بارحة": "bariha",
    "بارحه": "bariha",
    **dict.fromkeys(["أول", *_ORDINAL_UNITS, *_ORDINAL_TENS], "ordinal"),
}
_FIND_ANCHORS = (("أمس", "yesterday"), ("امس", "yesterday"), ("غد", "tomorrow"), ("شهر", "shahr"),
                 ("قبل", "ago"), ("منذ", "ago"))  # fmt: skip
_DIGIT_RUN = re.compile(f"{D}{D}*")  # not D+: a leading class keeps re's fast skip
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
_SKIPPABLE = 'وفبلك(«"“-–—'  # a proclitic, an opening mark or a dash glued to a word
_LEFT_WINDOW = 40


def _left(
    pattern: re.Pattern[str],
    text: str,
    pos: int,
    words: int = 1,
    word: re.Pattern[str] | None = None,
) -> re.Match[str] | None:
    """The longest match of ``pattern`` over the last ``words`` words before ``pos``,
    ending exactly at ``pos``; a match may begin after a proclitic or an opening mark
    glued to its first word ("وقوى", "«عام").

    ``word``, when given, is what each of those words must be for the look-back to go
    on past it (a month name, شهر, من, a year cue…), so it stops at the first word that
    cannot belong and usually one or two anchored matches are tried. That costs far
    less than a ``$``-anchored search, which tries the pattern at every character."""
    starts: list[int] = []
    end = pos
    while len(starts) < words:
        start = _word_start(text, end)
        if start is None or (word is not None and _at_word(word, text, start, end) is None):
            break
        starts.append(start)
        end = start
    for start in reversed(starts):
        found = _at_word(pattern, text, start, pos)
        if found is not None:
            return found
    return None


def _at_word(pattern: re.Pattern[str], text: str, start: int, pos: int) -> re.Match[str] | None:
    found = pattern.fullmatch(text, start, pos)
    if found is None and text[start] in _SKIPPABLE:
        found = pattern.fullmatch(text, start + 1, pos)
    return found


def _word_start(text: str, pos: int) -> int | None:
    """Where the word before ``pos`` starts (``None`` at the start of the text, or when
    the word reaches further back than ``_LEFT_WINDOW``)."""
    end = pos
    floor = max(0, pos - _LEFT_WINDOW)
    while end > floor and text[end - 1] in " \n":
        end -= 1
    if end <= floor:
        return None
    space = text.rfind(" ", floor, end)
    start = max(space, text.rfind("\n", max(space + 1, floor), end)) + 1
    return None if start == 0 and floor else start


# ---------------------------------------------------------------------------
# What a mention says, before it is resolved against the publication date


@dataclass(slots=True)
class _Written:
    """Calendar parts as written. ``anchor`` says how to find a missing year;
    ``year_offset`` is an explicit "من العام الماضي" (-1) / "الجاري" (0) / "المقبل" (+1)."""

    cal: Calendar
    year: int | None
    month: int | None
    day: int | None
    anchor: Anchor = "nearest"
    year_offset: int | None = None


# A relative mention resolves with the publication date alone.
_Resolver = Callable[[PartialDate], tuple[PartialDate, PartialDate | None] | None]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: Kind
    first: _Written | None = None
    last: _Written | None = None  # range end, same shape as first
    relative: _Resolver | None = None
    named: bool = False  # "ثورة 25 يناير": a name, dropped unless a year is written


@lru_cache(maxsize=256)
def _relation(adjective: str) -> Anchor:
    folded = _key(adjective)
    if folded.startswith(("الجاري", "الحالي")):
        return "current"
    if folded.startswith(("المقبل", "القادم")):
        return "next"
    return "past"


_OFFSETS: dict[Anchor, int] = {"current": 0, "past": -1, "next": 1}


@lru_cache(maxsize=4096)
def _month_of(raw: str) -> tuple[Calendar, int]:
    """Calendar and number of a matched month name (cached: few spellings recur)."""
    key = _key(raw)
    return ("g", _GREGORIAN[key]) if key in _GREGORIAN else ("h", _HIJRI[key])


def _calendar_of(match: re.Match[str], year: int) -> Calendar | None:
    """The calendar a 4-digit year belongs to, from its mark or its range."""
    if match.group("hmark"):
        return "h" if year in HIJRI_YEARS else None
    if match.group("gmark"):
        return "g" if year in GREGORIAN_YEARS else None
    if year in GREGORIAN_YEARS:
        return "g"
    return "h" if year in HIJRI_YEARS else None


# ---------------------------------------------------------------------------
# Parsers, one per anchor type. Each returns a _Found or None.


def _at_digits(text: str, start: int, end: int) -> _Found | None:
    length = end - start
    if length == 3 or length > 4:
        return None  # neither a day, a month nor a year
    if start >= 2 and text[start - 1] in "/.-" and text[start - 2].isdigit():
        return None  # the tail of a decimal, a score or a numeric date read before
    if text[end : end + 2].lstrip()[:1] in ("/", ".", "-"):
        found = _numeric(text, start)
        if found is not None:
            return found
    if length <= 2:
        return _day_month(text, start)
    year = int(text[start:end])
    return _year(text, start) if year in GREGORIAN_YEARS or year in HIJRI_YEARS else None


def _numeric(text: str, start: int) -> _Found | None:
    m = _NUMERIC.match(text, start)
    if m is None or _left(_NUMBER_LABEL, text, start, 2):
        return None
    if m.group("y"):
        year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        year, first, second = int(m.group("y2")), int(m.group("a")), int(m.group("b"))
        # Day-first (Arab usage) unless the second number cannot be a month.
        day, month = (second, first) if second > 12 >= first else (first, second)
    cal = _calendar_of(m, year)
    if cal is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    kind: Kind = "hijri" if cal == "h" else "numeric"
    return _Found(start, m.end(), kind, _Written(cal, year, month, day))


def _day_month(text: str, start: int) -> _Found | None:
    m = _DAY_MONTH.match(text, start)
    if m is None:
        return None
    cal, month = _month_of(m.group("month"))
    written = _month_phrase(m, cal, month)
    if written is None:
        return None
    day, last_day = int(m.group("d1")), m.group("d2")
    written.day = day
    last = None
    if last_day is not None:
        if int(last_day) <= day:
            return None
        last = _Written(
            cal, written.year, month, int(last_day), written.anchor, written.year_offset
        )
    kind: Kind = "hijri" if cal == "h" else "gregorian"
    named = written.year is None and bool(_left(_NAMED_AFTER_DATE, text, start, 2))
    return _Found(start, m.end(), kind, written, last, named=named)


def _at_ordinal(text: str, start: int) -> _Found | None:
    """An ordinal day word before "من" and a month ("الثامن من أغسطس")."""
    m = _ORDINAL_DAY.match(text, start)
    if m is None or not _word_at(text, start, m.end("unit")):
        return None
    word = _key(m.group("unit"))
    if word in _ORDINAL_TENS:  # "العشرين", "الثلاثين"
        day = _ORDINAL_TENS[word]
    elif m.group("tens"):
        day = _ORDINAL_TENS[m.group("tens")] + _ORDINAL_UNITS[word]
    elif m.group("teen"):
        day = 10 + _ORDINAL_UNITS[word] if word != "عاشر" else 0
    else:
        day = _ORDINAL_UNITS[word] if word != "حادي" else 0  # "الحادي" only in 11, 21, 31
    cal, month = _month_of(m.group("month"))
    written = _month_phrase(m, cal, month)
    if written is None or not 1 <= day <= 31:
        return None
    written.day = day
    named = written.year is None and bool(_left(_NAMED_AFTER_DATE, text, start, 2))
    return _Found(start, m.end(), "hijri" if cal == "h" else "gregorian", written, named=named)


def _month_phrase(m: re.Match[str], cal: Calendar, month: int) -> _Written | None:
    """Year and relation of a matched month phrase (groups year/hmark/gmark/rel/rel_unit)."""
    written = _Written(cal, None, month, None)
    if m.group("year"):
        year = int(m.group("year"))
        if _calendar_of(m, year) != cal:
            return None
        written.year = year
    elif m.group("rel"):
        relation = _relation(m.group("rel"))
        if m.group("rel_unit"):  # "من العام الماضي": the year itself is relative
            written.year_offset = _OFFSETS[relation]
        else:
            written.anchor = relation
    return written


def _year(text: str, start: int) -> _Found | None:
    m = _YEAR.match(text, start)
    if m is None:
        return None
    year = int(m.group("year"))
    cal = _calendar_of(m, year)
    if cal is None:
        return None
    left = _left(_LEFT_OF_YEAR, text, start, 6, _YEAR_WORD)
    if left is not None and left.group("month"):
        return _month_year(left, m, cal, year)
    if left is None and not (m.group("hmark") or m.group("gmark")):
        return None  # a bare number: a count, an article number, "رؤية 2030"
    begin = left.start() if left is not None else start
    last = None
    if m.group("year2"):
        year2 = int(m.group("year2"))
        if year2 <= year or _calendar_of(m, year2) != cal:
            return None  # "2015-2000": not a range of years
        last = _Written(cal, year2, None, None)
    return _Found(begin, m.end(), _year_kind(cal), _Written(cal, year, None, None), last)


def _year_kind(cal: Calendar) -> Kind:
    return "hijri" if cal == "h" else "gregorian"


def _month_year(left: re.Match[str], m: re.Match[str], cal: Calendar, year: int) -> _Found | None:
    month_cal, month = _month_of(left.group("month"))
    if month_cal != cal:  # "رمضان 2015": a Hijri month with a Gregorian year
        return None
    end = m.start("year") + 4 if m.group("year2") else m.end()
    return _Found(left.start("month"), end, _year_kind(cal), _Written(cal, year, month, None))


def _at_shahr(text: str, start: int) -> _Found | None:
    m = _SHAHR.match(text, start)
    if m is None:
        return None
    cal, month = _month_of(m.group("month"))
    written = _month_phrase(m, cal, month)
    return None if written is None else _Found(start, m.end(), _year_kind(cal), written)


def _at_adjective(text: str, start: int) -> _Found | None:
    adjective = _REL_ADJ.match(text, start)
    left = _left(_LEFT_OF_REL, text, start, 4, _REL_WORD)
    if adjective is None or left is None:
        return None
    relation = _relation(adjective.group())
    end = adjective.end()
    if left.group("month"):
        cal, month = _month_of(left.group("month"))
        return _Found(
            left.start(), end, _year_kind(cal), _Written(cal, None, month, None, relation)
        )
    if left.group("weekday"):
        if relation == "current":
            return None
        weekday = _WEEKDAYS[_key(left.group("weekday"))]
        return _Found(left.start(), end, "relative", relative=_weekday_resolver(weekday, relation))
    resolver = _unit_resolver(_key(left.group("unit")), _OFFSETS[relation])
    return None if resolver is None else _Found(left.start(), end, "relative", relative=resolver)


def _at_ago(text: str, start: int, end: int) -> _Found | None:
    """ "قبل يومين" and the like (see ``_AGO``): the day, month or year that far back."""
    m = _AGO.match(text, start)
    if m is None or not _word_at(text, start, end) or _AGO_BLOCKED_RIGHT.match(text, m.end()):
        return None
    if m.group("dual"):
        amount, unit = 2, _AGO_DUALS[_key(m.group("dual"))]
    elif m.group("single"):
        amount, unit = 1, _AGO_UNITS[_key(m.group("single"))]
    else:
        count = m.group("count")
        amount = int(count) if count[0].isdigit() else _AGO_NUMBERS[_key(count).rstrip("ه")]
        unit = _AGO_UNITS[_key(m.group("unit")).rstrip("اً")]
    return _Found(start, m.end(), "relative", relative=_span_back(unit, amount))


def _span_back(unit: str, amount: int) -> _Resolver:
    if unit == "day":
        return _day_resolver(-amount)
    if unit == "week":
        return _day_resolver(-7 * amount)
    if unit == "month":
        return _month_offset_resolver(-amount)
    return _year_offset_resolver(-amount)


def _at_day_word(text: str, start: int, word_end: int, offset: int) -> _Found:
    """أمس / اليوم / غدا / البارحة at ``start`` meaning publication day + ``offset``,
    widened over an attached weekday ("اليوم الثلاثاء")."""
    after = _WEEKDAY_AFTER.match(text, word_end)
    end = after.end() if after is not None else word_end
    return _Found(start, end, "relative", relative=_day_resolver(offset))


def _at_yesterday(text: str, start: int) -> _Found | None:
    end = start + 3
    if not _word_at(text, start, end):
        return None
    first_left = _left(_YESTERDAY_LEFT_FIRST, text, start, 2)
    if first_left is not None:
        return _at_day_word(text, first_left.start(), end, -2)
    first_right = _YESTERDAY_FIRST_RIGHT.match(text, end)
    if first_right is not None:
        return _at_day_word(text, start, first_right.end(), -2)
    return _at_day_word(text, start, end, -1)


def _at_tomorrow(text: str, start: int) -> _Found | None:
    end = start + 2
    while text[end : end + 1] == "ا" or "\u064b" <= text[end : end + 1] <= "\u0652":
        end += 1  # غدا، غداً، غدًا
    written_ghadan = "ا" in text[start:end]
    if not _word_at(text, start, end):
        return None
    left = _left(_TOMORROW_LEFT, text, start)
    if left is not None and left.group("w") == "بعد":
        return _at_day_word(text, left.start(), end, 2)
    if left is None and not written_ghadan:
        return None  # "الغد" alone is "the future" as often as "tomorrow"
    return _at_day_word(text, start if left is None else left.start(), end, 1)


def _at_today(text: str, start: int, end: int) -> _Found | None:
    if not _word_at(text, start, end):
        return None
    weekday = _WEEKDAY_AFTER.match(text, end)
    strong = weekday is not None or _left(_ALYAWM_STRONG_LEFT, text, start)
    blocked = (
        (start > 0 and text[start - 1] in _QUOTES)
        or _left(_ALYAWM_BLOCKED_LEFT, text, start)
        or _ALYAWM_BLOCKED_RIGHT.match(text, end)
    )
    if blocked and not strong:
        return None
    return _at_day_word(text, start, end, 0)


def _word_at(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a whole word, allowing one proclitic (و ف ب ل ك) before it."""
    before = text[start - 1 : start] if start else ""
    if before in _PROCLITICS:
        before = text[start - 2 : start - 1] if start >= 2 else ""
    return not (before.isalpha() or text[end : end + 1].isalpha())


# ---------------------------------------------------------------------------
# Relative resolvers


def _day_resolver(offset: int) -> _Resolver:
    def resolve(pub: PartialDate) -> tuple[PartialDate, None] | None:
        day = pub.to_date()
        return None if day is None else (PartialDate.of(day + dt.timedelta(days=offset)), None)

    return resolve


def _weekday_resolver(weekday: int, relation: Anchor) -> _Resolver:
    """The named weekday strictly before ("الماضي") or after ("المقبل") publication."""

    def resolve(pub: PartialDate) -> tuple[PartialDate, None] | None:
        day = pub.to_date()
        if day is None:
            return None
        if relation == "past":
            delta = -((day.weekday() - weekday) % 7 or 7)
        else:
            delta = (weekday - day.weekday()) % 7 or 7
        return PartialDate.of(day + dt.timedelta(days=delta)), None

    return resolve


def _unit_resolver(unit: str, offset: int) -> _Resolver | None:
    if unit.endswith("شهر"):
        return _month_offset_resolver(offset)
    if unit.endswith("سبوع"):
        return None if offset == 0 else _week_resolver(offset)
    return _year_offset_resolver(offset)


def _month_offset_resolver(offset: int) -> _Resolver:
    def resolve(pub: PartialDate) -> tuple[PartialDate, None] | None:
        if pub.year is None or pub.month is None:
            return None
        index = pub.year * 12 + pub.month - 1 + offset
        return PartialDate(index // 12, index % 12 + 1), None

    return resolve


def _year_offset_resolver(offset: int) -> _Resolver:
    def resolve(pub: PartialDate) -> tuple[PartialDate, None] | None:
        return None if pub.year is None else (PartialDate(pub.year + offset), None)

    return resolve


def _week_resolver(direction: int) -> _Resolver:
    """The seven days before (-1) or after (+1) the publication day."""

    def resolve(pub: PartialDate) -> tuple[PartialDate, PartialDate] | None:
        day = pub.to_date()
        if day is None:
            return None
        near, far = day + dt.timedelta(days=direction), day + dt.timedelta(days=7 * direction)
        first, last = (far, near) if direction < 0 else (near, far)
        return PartialDate.of(first), PartialDate.of(last)

    return resolve


# ---------------------------------------------------------------------------
# Calendar resolution


def _resolve_written(
    written: _Written, pub: PartialDate | None
) -> tuple[PartialDate, PartialDate | None, bool] | None:
    """(start, end, year_from_context) of a written date; ``None`` when it cannot be
    placed (an impossible day, a Hijri date whose year is unknown)."""
    year, from_context = written.year, False
    if year is None and pub is not None:
        year = _year_from_publication(written, pub)
        from_context = year is not None
    try:
        if written.cal == "h":
            if year is None:
                return None
            first, last = _hijri_span(year, written.month, written.day)
            return first, last, from_context
        return PartialDate(year, written.month, written.day), None, from_context
    except (ValueError, OverflowError):
        return None


def _year_from_publication(written: _Written, pub: PartialDate) -> int | None:
    reference = _reference(written.cal, pub)
    if reference is None:
        return None
    ref_year, ref_month, ref_day = reference
    if written.year_offset is not None:
        return ref_year + written.year_offset
    if written.anchor == "current":
        return ref_year
    if ref_month is None or written.month is None:
        return None
    if written.anchor == "nearest":
        gap = written.month - ref_month
        return ref_year - 1 if gap >= 6 else ref_year + 1 if gap <= -7 else ref_year
    # past/next: compare (month, day) with the publication; a missing day compares
    # as the whole month, so "يوليو الماضي" written in July is last year's July.
    this = (written.month, written.day or 0)
    ref = (ref_month, ref_day or 0) if written.day is not None else (ref_month, 0)
    if written.anchor == "past":
        return ref_year if this < ref else ref_year - 1
    return ref_year if this > ref else ref_year + 1


def _reference(cal: Calendar, pub: PartialDate) -> tuple[int, int | None, int | None] | None:
    """The publication date as (year, month, day) in ``cal``; Hijri needs a full day."""
    if pub.year is None:
        return None
    if cal == "g":
        return pub.year, pub.month, pub.day
    day = pub.to_date()
    if day is None:
        return None
    try:
        hijri = Gregorian.fromdate(day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return hijri.year, hijri.month, hijri.day


def _hijri_span(
    year: int, month: int | None, day: int | None
) -> tuple[PartialDate, PartialDate | None]:
    """A Hijri day → one Gregorian day; a Hijri month or year → the range of its days."""
    if month is not None and day is not None:
        return _gregorian(Hijri(year, month, day)), None
    first_month, last_month = (month, month) if month is not None else (1, 12)
    last = Hijri(year, last_month, 1)
    return (
        _gregorian(Hijri(year, first_month, 1)),
        _gregorian(Hijri(year, last_month, last.month_length())),
    )


def _gregorian(day: Hijri) -> PartialDate:
    g = day.to_gregorian()
    return PartialDate(g.year, g.month, g.day)


def _to_mention(text: str, found: _Found, pub: PartialDate | None) -> DateMention | None:
    span = (found.start, found.end)
    if found.relative is not None:
        resolved = None if pub is None else found.relative(pub)
        if resolved is None:
            return None
        return DateMention(
            resolved[0], resolved[1], text[span[0] : span[1]], span, found.kind, True
        )
    assert found.first is not None
    if found.named and found.first.year is None:
        return None
    first = _resolve_written(found.first, pub)
    if first is None:
        return None
    start, end, from_context = first
    if found.last is not None:
        last = _resolve_written(found.last, pub)
        if last is None:
            return None
        end = last[1] or last[0]
    return DateMention(start, end, text[span[0] : span[1]], span, found.kind, from_context)


# ---------------------------------------------------------------------------
# Scanning


def _anchors(text: str) -> list[tuple[int, int, str]]:
    """(position, end, type) of every place a date may be, in text order."""
    found = [(m.start(), m.end(), "digits") for m in _DIGIT_RUN.finditer(text)]
    for m in _AL_ANCHORS.finditer(text):
        word = m.group()
        kind = _AL_KINDS.get(word[2:], "adj")
        found.append((m.start(), m.end(), kind))
    for needle, kind in _FIND_ANCHORS:
        i = text.find(needle)
        while i != -1:
            found.append((i, i + len(needle), kind))
            i = text.find(needle, i + 1)
    found.sort()
    return found


def _parse_anchor(text: str, start: int, end: int, kind: str) -> _Found | None:
    if kind == "digits":
        return _at_digits(text, start, end)
    if kind == "adj":
        return _at_adjective(text, start)
    if kind == "today":
        return _at_today(text, start, end)
    if kind == "ordinal":
        return _at_ordinal(text, start)
    if kind == "yesterday":
        return _at_yesterday(text, start)
    if kind == "tomorrow":
        return _at_tomorrow(text, start)
    if kind == "ago":
        return _at_ago(text, start, end)
    if kind == "bariha":  # البارحة: yesterday
        return _at_day_word(text, start, end, -1) if _word_at(text, start, end) else None
    # "شهر" inside "الشهر" is read from the article on; inside "أشهر" it is not a date.
    begin = start - 2 if text[max(0, start - 2) : start] == "ال" else start
    return _at_shahr(text, begin) if _word_at(text, begin, end) else None


def _merge_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """Join two mentions into one range when a connector follows an opener
    ("من 30 يونيو إلى 2 يوليو 2015"); the first takes the second's year if it has none."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if previous is not None and _joinable(text, previous, item):
            assert previous.first is not None and item.first is not None
            first = previous.first
            later = item.last or item.first
            if first.year is None and later.year is not None:
                first.year = later.year - (1 if (first.month or 0) > (later.month or 0) else 0)
            previous.end, previous.last, previous.kind = item.end, later, item.kind
            continue
        merged.append(item)
    return merged


def _joinable(text: str, a: _Found, b: _Found) -> bool:
    if a.first is None or b.first is None or a.last is not None or a.first.cal != b.first.cal:
        return False
    join = _RANGE_JOIN.fullmatch(text, a.end, b.start)
    return join is not None and _left(_RANGE_OPENER, text, a.start, 2) is not None


def find_dates(text: str, *, published: PartialDate | None = None) -> list[DateMention]:
    """Every date mentioned in ``text``, in order; relative ones resolved against
    ``published`` (skipped when they cannot be placed without it)."""
    if not text:
        return []
    found: list[_Found] = []
    consumed = 0
    for start, end, kind in _anchors(text):
        if start < consumed:
            continue
        item = _parse_anchor(text, start, end, kind)
        if item is not None:
            found.append(item)
            consumed = item.end
    mentions = (_to_mention(text, f, published) for f in _merge_ranges(text, found))
    return [m for m in mentions if m is not None]


# ---------------------------------------------------------------------------
# Publication dates

_ISO = re.compile(
    r"(?P<y>\d{4})(?:(?P<s>[-/.])(?P<m>\d{1,2})(?:(?P=s)(?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
# ISO 8601's basic format: "20150721", "20150721T103000Z".
_ISO_BASIC = re.compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T\d{4}(?:\d{2})?(?:Z|[+-]\d{4})?)?"
)
_DAY_FIRST = re.compile(
    r"(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})"
    r"(?:[T ,]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
_ENGLISH_MONTH = "|".join(sorted(map(re.escape, _ENGLISH_MONTHS), key=len, reverse=True))
_ENGLISH = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?P<m1>{_ENGLISH_MONTH})\.?,?[\s-]+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_ENGLISH_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))(?!\d)",
    re.IGNORECASE,
)
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def parse_publication_date(raw: str | None) -> PartialDate | None:
    """A publication date from a metadata string; ``None`` when there is none.

    The date is taken as written, in the publisher's own time zone ("2015-07-21T23:30
    -05:00" is the 21st): that is the day readers saw on the page. Never raises."""
    if not isinstance(raw, str):
        return None
    value = to_ascii_digits(" ".join(raw.split()))
    if not value or len(value) > 200:
        return None
    for parse in (_parse_iso, _parse_day_first, _parse_epoch, _parse_rfc2822, _parse_english):
        try:
            result = parse(value)
        except (ValueError, OverflowError, TypeError, IndexError):
            result = None
        if result is not None:
            return result
    return _parse_written(value)


def _parse_iso(value: str) -> PartialDate | None:
    m = _ISO.fullmatch(value) or _ISO_BASIC.fullmatch(value)
    if m is None:
        return None
    year = int(m.group("y"))
    if year not in GREGORIAN_YEARS:
        return None
    month = int(m.group("m")) if m.group("m") else None
    day = int(m.group("d")) if m.group("d") else None
    return PartialDate(year, month, day)


def _parse_day_first(value: str) -> PartialDate | None:
    m = _DAY_FIRST.fullmatch(value)
    if m is None:
        return None
    first, second, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if year not in GREGORIAN_YEARS:
        return None
    day, month = (second, first) if second > 12 >= first else (first, second)
    return PartialDate(year, month, day)


def _parse_epoch(value: str) -> PartialDate | None:
    if _EPOCH.fullmatch(value) is None:
        return None
    seconds = int(value) / (1000 if len(value) == 13 else 1)
    day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    return PartialDate.of(day) if day.year in GREGORIAN_YEARS else None


def _parse_rfc2822(value: str) -> PartialDate | None:
    if "," not in value[:12] and ":" not in value:
        return None
    parsed = email.utils.parsedate_tz(value)
    if parsed is None or parsed[0] not in GREGORIAN_YEARS:
        return None
    return PartialDate(parsed[0], parsed[1], parsed[2])


def _parse_english(value: str) -> PartialDate | None:
    m = _ENGLISH.search(value)
    if m is None:
        return None
    suffix = "1" if m.group("d1") else "2"
    day, month, year = (m.group(g + suffix) for g in "dmy")
    if int(year) not in GREGORIAN_YEARS:
        return None
    return PartialDate(int(year), _ENGLISH_MONTHS[month.lower()], int(day))


def _parse_written(value: str) -> PartialDate | None:
    """The most precise dated mention in an Arabic date string ("الثلاثاء 21 يوليو 2015")."""
    return _best_written(find_dates(value))


def _best_written(mentions: Iterable[DateMention]) -> PartialDate | None:
    candidates = [
        m for m in mentions if m.kind != "relative" and m.end is None and m.start.year is not None
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: _PRECISION_RANK[m.start.precision]).start


_DATELINE_CUE = re.compile(
    r"(?:(?:ن\u064f?شر(?:ت)?|تم\s+النشر)(?:\s+(?:في|بتاريخ|يوم))?|تاريخ\s+النشر|بتاريخ"
    r"|التاريخ|[اآأ]خر\s+تحديث|تم\s+التحديث)\s*[:：]?\s*"
)
# What may precede a dateline's date: a place and a dash ("الرباط - "), a cue, a weekday.
_DATELINE_HEAD = re.compile(
    rf"\s*(?:[^\d\n]{{1,40}}?\s*[-–—:]\s*){{0,2}}(?:{_DATELINE_CUE.pattern})?"
    rf"(?:(?:يوم\s+)?{WEEKDAY}\s*[،,]?\s*)?\(?\s*"
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صمap]\.?m?\.?)?", re.IGNORECASE)
_DATELINE_LINES = 3
_DATELINE_MAX_CHARS = 160
# Characters a closing dateline may hold besides its date: with a cue ("نشر في")
# a place or an author fits; without one, a place at most.
_DATELINE_SLACK = 24
_BARE_DATELINE_SLACK = 12


def publication_date_from_text(title: str | None, body: str) -> PartialDate | None:
    """A publication date from a dateline — a date at the very start of the article
    ("الرباط - 21 يوليو 2015: …", "نشر في: 2015/07/21") or on one of its last lines —
    or from a full date that the text calls today or yesterday with its own weekday
    ("أمس الأحد 12 جانفي 2014"); never from a date elsewhere in the text. Lines
    repeating the title (scraped pages start with it) are skipped."""
    lines = [line.strip() for line in body.split("\n")]
    lines = [line for line in lines if line and line != (title or "").strip()]
    for line in lines[:_DATELINE_LINES]:
        found = _dateline_start(line[:_DATELINE_MAX_CHARS])
        if found is not None:
            return found
    for line in reversed(lines[-_DATELINE_LINES:]):
        found = _dateline_line(line)
        if found is not None:
            return found
    return _written_on(body)


# A day word and a weekday right before a full date: "أمس الأحد 12 جانفي 2014", "اليوم
# الاثنين (13 يناير 2014)". When the weekday is the date's own, the article was written
# the day after that date, or on it.
_DAY_WORD_BEFORE = re.compile(
    rf"(?:(?P<yesterday>[اأ]مس|البارح[ةه])|اليوم)\s+(?:يوم\s+)?"
    rf"(?P<weekday>{WEEKDAY})\s*[،,(]?\s*$"
)
_DAY_WORD_REACH = 40  # characters before the date searched for the day word


def _written_on(body: str) -> PartialDate | None:
    for mention in _dated(find_dates(body)):
        day = mention.start.to_date()
        if day is None or mention.end is not None:
            continue
        start = mention.span[0]
        cue = _DAY_WORD_BEFORE.search(body, max(0, start - _DAY_WORD_REACH), start)
        if cue is not None and _WEEKDAYS[_key(cue.group("weekday"))] == day.weekday():
            return PartialDate.of(day + dt.timedelta(days=1 if cue.group("yesterday") else 0))
    return None


def _dated(mentions: list[DateMention]) -> list[DateMention]:
    return [m for m in mentions if m.kind != "relative" and m.start.year is not None]


def _dateline_start(line: str) -> PartialDate | None:
    """A dated mention that opens the line, after at most a place/cue/weekday."""
    mentions = _dated(find_dates(line))
    if not mentions:
        return None
    first = mentions[0]
    if _DATELINE_HEAD.fullmatch(line, 0, first.span[0]) is None:
        return None
    return first.start


def _dateline_line(line: str) -> PartialDate | None:
    """A closing line that is a date with little else ("نشر في 21/07/2015 - 10:35")."""
    if len(line) > _DATELINE_MAX_CHARS:
        return None
    mentions = _dated(find_dates(line))
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    before, after = line[: mention.span[0]], line[mention.span[1] :]
    slack = _DATELINE_SLACK if _DATELINE_CUE.search(before) else _BARE_DATELINE_SLACK
    rest = _CLOCK.sub(" ", _DATELINE_CUE.sub(" ", f"{before} {after}"))
    return mention.start if len(normalize(rest)) <= slack else None
