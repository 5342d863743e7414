"""The filter sidebar and the active-filter chips, ready for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from search_api.labels import Labels
from web.formatting import bilingual, date_range_label
from web.i18n import ORG_TYPES, Translator
from web.state import SearchState

# Facets of the search response, with the URL parameter each one sets.
FACET_PARAMS = (("country", "country"), ("organization", "org"), ("source", "source"),
                ("topic", "topic"))  # fmt: skip
LONG_LIST = 12  # longer lists scroll and get a filter box


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    other_label: str | None
    count: int
    selected: bool
    names: str  # every name the list filter box matches: labels, aliases, acronyms


@dataclass(frozen=True)
class OptionGroup:
    title: str | None
    options: list[Option]


@dataclass(frozen=True)
class FacetPanel:
    param: str
    title: str
    groups: list[OptionGroup]
    size: int
    selected: int

    @property
    def is_long(self) -> bool:
        return self.size > LONG_LIST


@dataclass(frozen=True)
class Chip:
    label: str
    other_label: str | None
    kind: str  # the facet's name, shown before the label
    remove_href: str


def _other_names(facet: str, value: str, labels: Labels) -> tuple[str, ...]:
    if facet == "organization":
        org = labels.gazetteer.organization(value)
        return (*org.aliases_ar, *org.aliases_en, *org.acronyms) if org else ()
    if facet == "country":
        country = labels.gazetteer.country(value)
        return (*country.names_ar, *country.names_en) if country else ()
    return ()


def _option(facet: str, value: dict[str, Any], labels: Labels, lang: str) -> Option:
    label, other = bilingual(value, lang)
    names = " ".join(
        (label, other or "", value["value"], *_other_names(facet, value["value"], labels))
    )
    return Option(value["value"], label, other, value["count"], value["selected"], names)


def _grouped_by_type(
    values: list[dict[str, Any]], labels: Labels, t: Translator
) -> list[OptionGroup]:
    by_type: dict[str, list[Option]] = {}
    for value in values:
        org_type = value.get("type") if value.get("type") in ORG_TYPES else "other"
        by_type.setdefault(org_type, []).append(_option("organization", value, labels, t.lang))
    return [OptionGroup(t.org_type(k), by_type[k]) for k in ORG_TYPES if k in by_type]


def build_sidebar(facets: dict[str, Any], labels: Labels, t: Translator) -> list[FacetPanel]:
    panels = []
    for name, param in FACET_PARAMS:
        values = facets.get(name) or []
        if name == "organization":
            groups = _grouped_by_type(values, labels, t)
        else:
            groups = [OptionGroup(None, [_option(name, v, labels, t.lang) for v in values])]
        selected = sum(1 for v in values if v["selected"])
        panels.append(FacetPanel(param, t(f"facet.{param}"), groups, len(values), selected))
    return panels


def _filter_label(param: str, value: str, labels: Labels) -> dict[str, Any]:
    if param == "country":
        return labels.country(value)
    if param == "org":
        return labels.organization(value)
    if param == "source":
        return labels.source(value)
    if param == "topic":
        return labels.topic(value)
    return {"label_ar": value, "label_en": value}  # a person: the name as indexed


def active_chips(state: SearchState, labels: Labels, t: Translator) -> list[Chip]:
    """One removable chip per selected value, and one for the date range."""
    chips = []
    for param, value in state.active_filters:
        label, other = bilingual(_filter_label(param, value, labels), t.lang)
        chips.append(Chip(label, other, t(f"facet.{param}"), state.removing(param, value).href()))
    if state.has_dates:
        chips.append(
            Chip(
                date_range_label(state.date_from, state.date_to, t),
                None,
                t("facet.date"),
                state.with_dates(None, None).href(),
            )
        )
    return chips
