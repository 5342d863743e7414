"""The search page's state, which lives entirely in its URL.

The query string is parsed with the API's own ``SearchParams`` (one contract for API
and UI). Two parameters are the UI's own: ``lang`` (ar|en) and ``collapse``, which the
UI turns on by default, so its URL says ``collapse=none`` to show every version. Every
link and form is this state with one change, so every change is a navigation: links
are shareable and back/forward work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from starlette.datastructures import QueryParams

from search_api.params import SearchParams
from web.i18n import DEFAULT_LANG, pick_lang

# Multi-valued filters, in the order they appear in URLs.
FILTER_PARAMS = ("country", "org", "source", "topic", "person")
COLLAPSE_OFF = "none"


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str | None = None
    page: int = 1
    size: int = 10
    collapse: bool = True
    lang: str = DEFAULT_LANG

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def from_query(cls, query: QueryParams) -> SearchState:
        """The state a URL describes; raises pydantic's ValidationError when invalid."""
        params = SearchParams.model_validate(
            {
                **{name: query.getlist(name) for name in FILTER_PARAMS},
                **{k: query[k] for k in ("q", "date_from", "date_to", "sort") if query.get(k)},
                **{k: query[k] for k in ("page", "size") if query.get(k)},
            }
        )
        return cls(
            q=(params.q or "").strip(),
            filters={name: tuple(params.selected(name)) for name in FILTER_PARAMS},
            date_from=params.date_from,
            date_to=params.date_to,
            sort=params.sort,
            page=params.page,
            size=params.size,
            collapse=query.get("collapse") != COLLAPSE_OFF,
            lang=pick_lang(query.get("lang")),
        )

    def to_params(self) -> SearchParams:
        return SearchParams.model_validate(
            {
                "q": self.q or None,
                **{name: list(values) for name, values in self.filters.items()},
                "date_from": self.date_from,
                "date_to": self.date_to,
                "sort": self.sort,
                "page": self.page,
                "size": self.size,
                "collapse": "story" if self.collapse else None,
            }
        )

    def selected(self, param: str) -> tuple[str, ...]:
        return self.filters.get(param, ())

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        return [(name, value) for name in FILTER_PARAMS for value in self.selected(name)]

    @property
    def has_dates(self) -> bool:
        return bool(self.date_from or self.date_to)

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters) or self.has_dates

    @property
    def is_blank(self) -> bool:
        """No query and no filter: the landing page."""
        return not self.q and not self.is_filtered

    # -- writing ----------------------------------------------------------------------

    def pairs(self, *, omit: Sequence[str] = ()) -> list[tuple[str, str]]:
        """The URL's parameters in a stable order, defaults left out."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for name in FILTER_PARAMS:
            pairs += [(name, value) for value in self.selected(name)]
        pairs += [
            (k, v) for k, v in (("date_from", self.date_from), ("date_to", self.date_to)) if v
        ]
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.size != 10:
            pairs.append(("size", str(self.size)))
        if not self.collapse:
            pairs.append(("collapse", COLLAPSE_OFF))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        if self.lang != DEFAULT_LANG:
            pairs.append(("lang", self.lang))
        return [(k, v) for k, v in pairs if k not in omit]

    def form_pairs(self) -> list[tuple[str, str]]:
        """Hidden fields of the search form: the state that has no visible control in it
        (filters and dates have their checkboxes and fields, which join the form)."""
        return self.pairs(omit=("q", "page", "country", "org", "source", "topic",
                                "date_from", "date_to"))  # fmt: skip

    def href(self, path: str = "/") -> str:
        query = urlencode(self.pairs())
        return f"{path}?{query}" if query else path

    def _changed(self, **changes: object) -> SearchState:
        """A new state; any change but paging goes back to the first page."""
        changes.setdefault("page", 1)
        return dataclasses.replace(self, **changes)

    def adding(self, param: str, value: str) -> SearchState:
        values = tuple(sorted({*self.selected(param), value}))
        return self._changed(filters={**self.filters, param: values})

    def removing(self, param: str, value: str) -> SearchState:
        values = tuple(v for v in self.selected(param) if v != value)
        return self._changed(filters={**self.filters, param: values})

    def toggling(self, param: str, value: str) -> SearchState:
        if value in self.selected(param):
            return self.removing(param, value)
        return self.adding(param, value)

    def without_filters(self) -> SearchState:
        return self._changed(filters={}, date_from=None, date_to=None)

    def with_dates(self, date_from: str | None, date_to: str | None) -> SearchState:
        return self._changed(date_from=date_from, date_to=date_to)

    def sorted_by(self, sort: str) -> SearchState:
        return self._changed(sort=sort)

    def collapsing(self, collapse: bool) -> SearchState:
        return self._changed(collapse=collapse)

    def at_page(self, page: int) -> SearchState:
        return dataclasses.replace(self, page=page)

    def only(self, param: str, value: str) -> SearchState:
        """A fresh search for one entity, in the same language (article and browse pages)."""
        return SearchState(filters={param: (value,)}, lang=self.lang)

    def fresh(self) -> SearchState:
        return SearchState(lang=self.lang)

    def searching(self, q: str) -> SearchState:
        return SearchState(q=q, lang=self.lang)

    def article_href(self, article_id: str) -> str:
        """An article page that knows the search it came from (highlights, way back)."""
        return self.href(f"/articles/{quote(article_id, safe='')}")


def has_empty_values(query: QueryParams) -> bool:
    """A form submitted without JavaScript sends empty fields (``date_from=``)."""
    return any(value == "" for _, value in query.multi_items())


def blank_state(query: QueryParams) -> SearchState:
    """The fallback when a URL's search state is invalid: only its language kept."""
    return SearchState(lang=pick_lang(query.get("lang")))


def canonical(query: QueryParams) -> str | None:
    """The same URL without empty values, or None when it has none."""
    if not has_empty_values(query):
        return None
    kept = [(k, v) for k, v in query.multi_items() if v != ""]
    return f"/?{urlencode(kept)}" if kept else "/"
