"""Page links for a search: previous, next and a window of numbered pages."""

from __future__ import annotations

from dataclasses import dataclass

from web.state import SearchState

WINDOW = 2  # pages shown on each side of the current one


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    href: str | None
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    previous: str | None
    next: str | None
    pages: list[PageLink]


def page_count(total: int, size: int, max_depth: int) -> int:
    """Pages that can be shown: the API refuses pages beyond ``max_depth`` results."""
    return min(-(-total // size), max_depth // size)


def build_pagination(state: SearchState, total: int, max_depth: int) -> Pagination | None:
    last = page_count(total, state.size, max_depth)
    if last <= 1:
        return None
    current = min(state.page, last)
    shown = {1, last, *range(max(1, current - WINDOW), min(last, current + WINDOW) + 1)}
    pages: list[PageLink] = []
    for number in sorted(shown):
        if pages and pages[-1].number is not None and number - pages[-1].number > 1:
            pages.append(PageLink(None, None))
        pages.append(PageLink(number, state.at_page(number).href(), number == current))
    return Pagination(
        previous=state.at_page(current - 1).href() if current > 1 else None,
        next=state.at_page(current + 1).href() if current < last else None,
        pages=pages,
    )
