"""The date histogram as SVG geometry: one bar per bucket, each a link that narrows the
search to its period. Drawn on the server; the template only places the shapes.

Time runs in the reading direction: right to left in Arabic, left to right in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web.formatting import format_date, short_date
from web.i18n import Translator
from web.state import SearchState

WIDTH = 640
PLOT_HEIGHT = 96
AXIS_HEIGHT = 22
GAP_RATIO = 0.2  # of a slot, between bars
MIN_BAR = 2  # px: a bucket with articles never looks empty
MAX_TICKS = 7


@dataclass(frozen=True)
class Bar:
    slot_x: float  # the whole slot is the link's target: thin bars stay easy to click
    slot_width: float
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # the period in words, for the tooltip and the link's name
    href: str | None  # None for an empty bucket: nothing to narrow to


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Histogram:
    width: int
    height: int
    plot_height: int
    bars: list[Bar]
    ticks: list[Tick]
    max_count: int


def bucket_bounds(bucket: dict[str, Any], interval: str) -> tuple[str, str]:
    """The date filter that selects one bucket, as short as the interval allows: a year
    bar gives ``date_from=2017&date_to=2017``, a month bar ``2017-07``."""
    start, end = bucket["from"], bucket["to"]
    if interval == "year":
        return start[:4], end[:4]
    if interval == "month":
        return start[:7], end[:7]
    return start, end


def period_label(bucket: dict[str, Any], interval: str, t: Translator) -> str:
    if interval == "year":
        return bucket["from"][:4]
    if interval == "month":
        return format_date(bucket["from"], "month", t)
    if interval == "day":
        return format_date(bucket["from"], "day", t)
    start, end = format_date(bucket["from"], "day", t), format_date(bucket["to"], "day", t)
    return t("dates.range", start=start, end=end)


def _tick_label(bucket: dict[str, Any], interval: str, t: Translator) -> str:
    if interval in ("year", "month"):
        return bucket["from"][:4] if interval == "year" else format_date(bucket["from"], "month", t)
    return short_date(bucket["from"], t)


def _tick_indexes(buckets: list[dict[str, Any]], interval: str) -> list[int]:
    """Which bars get a label: every year's first month on a long monthly axis, else
    evenly spaced bars."""
    if interval == "month" and len(buckets) > 12:
        januaries = [i for i, b in enumerate(buckets) if b["from"][5:7] == "01"]
        step = -(-len(januaries) // MAX_TICKS)
        return januaries[::step]
    step = -(-len(buckets) // MAX_TICKS)
    return list(range(0, len(buckets), step))


def build_histogram(
    facet: dict[str, Any] | None, state: SearchState, t: Translator
) -> Histogram | None:
    if not facet or not facet.get("buckets"):
        return None
    buckets, interval = facet["buckets"], facet["interval"]
    if sum(b["count"] for b in buckets) == 0:
        return None
    slot = WIDTH / len(buckets)
    bar_width = max(slot * (1 - GAP_RATIO), 1)
    top = max(b["count"] for b in buckets)
    rtl = t.lang == "ar"
    bars, ticks = [], []
    for index, bucket in enumerate(buckets):
        # In Arabic the first (oldest) bucket sits at the right edge.
        slot_start = WIDTH - (index + 1) * slot if rtl else index * slot
        x = slot_start + (slot - bar_width) / 2
        height = max(bucket["count"] / top * PLOT_HEIGHT, MIN_BAR) if bucket["count"] else 0
        href = None
        if bucket["count"]:
            date_from, date_to = bucket_bounds(bucket, interval)
            href = state.with_dates(date_from, date_to).href()
        bars.append(
            Bar(
                slot_x=round(slot_start, 2),
                slot_width=round(slot, 2),
                x=round(x, 2),
                y=round(PLOT_HEIGHT - height, 2),
                width=round(bar_width, 2),
                height=round(height, 2),
                count=bucket["count"],
                label=t("dates.bar", period=period_label(bucket, interval, t),
                        articles=t.count("article", bucket["count"])),
                href=href,
            )
        )  # fmt: skip
    for index in _tick_indexes(buckets, interval):
        centre = bars[index].x + bars[index].width / 2
        ticks.append(Tick(x=round(centre, 2), label=_tick_label(buckets[index], interval, t)))
    return Histogram(WIDTH, PLOT_HEIGHT + AXIS_HEIGHT, PLOT_HEIGHT, bars, ticks, top)
