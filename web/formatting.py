"""Display forms of dates, numbers and bilingual labels (plain strings; templates escape)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from web.i18n import Translator

_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def number(n: int) -> str:
    return f"{n:,}"


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f}"


def format_date(value: str | None, precision: str, t: Translator) -> str:
    """'2015-07-21' at day precision → "21 يوليو 2015"; month → "يوليو 2015"; year →
    "2015"; no date or unknown precision → "تاريخ غير معروف"."""
    match = _PARTIAL_DATE_RE.match(value or "")
    if not match or precision not in ("day", "month", "year"):
        return t("date.unknown")
    year, month, day = match.groups()
    if precision == "year" or month is None:
        return year
    if precision == "month" or day is None:
        return f"{t.month(int(month))} {year}"
    return f"{int(day)} {t.month(int(month))} {year}"


def format_published(item: dict[str, Any], t: Translator) -> str:
    """The publication date of a hit, article or brief, at its precision."""
    return format_date(item.get("published_at"), item.get("published_precision", "unknown"), t)


def format_event(event: dict[str, Any], t: Translator) -> str:
    """An event date, as a range when it has an end. A date whose year the text never
    gives ("12 و13 نونبر الجاري" in an undated article) keeps its day and month."""
    precision = event.get("precision", "day")
    if event.get("date"):
        start = format_date(event["date"], precision, t)
        if event.get("end") and event["end"] != event["date"]:
            end = format_date(event["end"], precision, t)
            return t("dates.range", start=start, end=end)
        return start
    if event.get("month"):
        return t("date.no_year", date=_day_month_range(event, t))
    return t("date.unknown")


def _day_month_range(event: dict[str, Any], t: Translator) -> str:
    month = t.month(event["month"])
    start = f"{event['day']} {month}" if event.get("day") else month
    end_day, end_month = event.get("end_day"), event.get("end_month") or event["month"]
    if not end_day or (end_day, end_month) == (event.get("day"), event["month"]):
        return start
    if end_month == event["month"] and event.get("day"):
        return f"{event['day']}–{end_day} {month}"
    return t("dates.range", start=start, end=f"{end_day} {t.month(end_month)}")


def short_date(value: str, t: Translator) -> str:
    """'2015-07-21' → "21 يوليو" (histogram ticks: the year is on the axis already)."""
    _, month, day = value.split("-")
    return f"{int(day)} {t.month(int(month))}"


def date_range_label(date_from: str | None, date_to: str | None, t: Translator) -> str:
    """The active date filter as words: "2015 – 2017", "منذ يوليو 2015"."""

    def partial(text: str) -> str:
        precision = {4: "year", 7: "month"}.get(len(text), "day")
        return format_date(text, precision, t)

    if date_from and date_to:
        if date_from == date_to:
            return partial(date_from)
        return t("dates.range", start=partial(date_from), end=partial(date_to))
    if date_from:
        return t("dates.since", start=partial(date_from))
    return t("dates.until", end=partial(date_to or ""))


def web_url(url: str | None) -> str | None:
    """The URL when it is a web address; anything else (``javascript:``…) is no link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def bilingual(item: dict[str, Any], lang: str) -> tuple[str, str | None]:
    """The label in the UI language first and the other second (None when the same,
    e.g. a site known only by its Arabic name)."""
    arabic, english = item.get("label_ar") or "", item.get("label_en") or ""
    first, second = (arabic, english) if lang == "ar" else (english, arabic)
    if not first:
        return second, None
    return first, (second if second and second != first else None)
