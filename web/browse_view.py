"""Rows of the organizations and countries pages, each linking into a filtered search."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from web.formatting import bilingual
from web.i18n import DEFAULT_LANG, ORG_TYPES, Translator
from web.state import SearchState


@dataclass(frozen=True)
class Row:
    label: str
    other_label: str | None
    count: int
    href: str  # the search filtered on this entity


@dataclass(frozen=True)
class Group:
    org_type: str
    title: str
    rows: list[Row]


@dataclass(frozen=True)
class TypeLink:
    title: str
    count: int
    href: str
    current: bool


def browse_href(path: str, lang: str, **params: str | None) -> str:
    pairs = [(k, v) for k, v in params.items() if v]
    if lang != DEFAULT_LANG:
        pairs.append(("lang", lang))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _org_type(row: dict[str, Any]) -> str:
    return row["type"] if row.get("type") in ORG_TYPES else "other"


def _row(row: dict[str, Any], param: str, key: str, t: Translator) -> Row:
    label, other = bilingual(row, t.lang)
    href = SearchState(lang=t.lang).only(param, row[key]).href()
    return Row(label, other, row["count"], href)


def type_counts(
    rows: list[dict[str, Any]], prefix: str, current: str | None, t: Translator
) -> list[TypeLink]:
    """ "All types" and each type present, with how many organizations it holds."""
    counts = Counter(_org_type(row) for row in rows)
    every = browse_href("/organizations", t.lang, prefix=prefix)
    links = [TypeLink(t("browse.all_types"), len(rows), every, current is None)]
    for org_type in ORG_TYPES:
        if counts[org_type]:
            href = browse_href("/organizations", t.lang, prefix=prefix, type=org_type)
            links.append(
                TypeLink(t.org_type(org_type), counts[org_type], href, current == org_type)
            )
    return links


def organization_groups(
    rows: list[dict[str, Any]], org_type: str | None, t: Translator
) -> list[Group]:
    """Organizations grouped by type (gazetteer order), most mentioned first in each."""
    by_type: dict[str, list[Row]] = {}
    for row in rows:
        kind = _org_type(row)
        if org_type is None or kind == org_type:
            by_type.setdefault(kind, []).append(_row(row, "org", "id", t))
    return [Group(k, t.org_type(k), by_type[k]) for k in ORG_TYPES if k in by_type]


def country_rows(rows: list[dict[str, Any]], t: Translator) -> list[Row]:
    return [_row(row, "country", "code", t) for row in rows]
