"""Bilingual labels for facet values and entity chips, from the shared gazetteers.

Every search labels a hundred facet values or more, so labels are built once per value
and shared: callers must not mutate the dicts they get (they copy when they add keys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rasd.gazetteer import Gazetteer, load_gazetteer
from rasd.sites import SiteRegistry, load_sites
from rasd.topics import TopicLabel, load_topic_labels

MEMO_LIMIT = 50_000  # distinct values per kind

Label = dict[str, Any]


@dataclass(frozen=True)
class Labels:
    gazetteer: Gazetteer
    sites: SiteRegistry
    topics: dict[str, TopicLabel]
    # Built labels by kind ("country", …, and "facet:<name>" for facet values), then by
    # value: a search looks up a hundred or more, so the hit path is two dict reads.
    _memo: dict[str, dict[str, Label]] = field(default_factory=dict, repr=False, compare=False)

    def country(self, code: str) -> Label:
        return self._table("country").get(code) or self._remember("country", code, self._country)

    def organization(self, org_id: str) -> Label:
        return self._table("organization").get(org_id) or self._remember(
            "organization", org_id, self._organization
        )

    def source(self, source_id: str) -> Label:
        return self._table("source").get(source_id) or self._remember(
            "source", source_id, self._source
        )

    def topic(self, topic_id: str) -> Label:
        return self._table("topic").get(topic_id) or self._remember("topic", topic_id, self._topic)

    def place(self, place_id: str) -> Label:
        return self._table("place").get(place_id) or self._remember("place", place_id, self._place)

    def facet_values(self, facet: str) -> Callable[[str], Label]:
        """Templates of one facet's entries: {value, label_ar, label_en, what the facet
        knows (type, country), count: 0, selected: false}, shared: copy before setting
        the count. Fetched once per facet, called once per bucket."""
        kind = f"facet:{facet}"
        table = self._table(kind)

        def label(value: str) -> Label:
            return table.get(value) or self._remember(kind, value, build)

        def build(value: str) -> Label:
            return self._facet_value(facet, value)

        return label

    def _table(self, kind: str) -> dict[str, Label]:
        table = self._memo.get(kind)
        if table is None:
            table = self._memo[kind] = {}
        return table

    def _remember(self, kind: str, key: str, build: Callable[[str], Label]) -> Label:
        table = self._table(kind)
        if len(table) >= MEMO_LIMIT:  # ids from requests can be anything: bounded
            table.clear()
        built = table[key] = build(key)
        return built

    def _country(self, code: str) -> Label:
        country = self.gazetteer.country(code)
        return {
            "code": code,
            "label_ar": country.name_ar if country else code,
            "label_en": country.name_en if country else code,
        }

    def _organization(self, org_id: str) -> Label:
        org = self.gazetteer.organization(org_id)
        return {
            "id": org_id,
            "label_ar": org.name_ar if org else org_id,
            "label_en": org.name_en if org else org_id,
            "type": org.type if org else "other",
            "country": org.country if org else None,
        }

    def _source(self, source_id: str) -> Label:
        site = self.sites.get(source_id)
        return {
            "id": source_id,
            "label_ar": site.name_ar if site else source_id,
            "label_en": site.name_en if site else source_id,
            "country": site.country if site else None,
        }

    def _topic(self, topic_id: str) -> Label:
        topic = self.topics.get(topic_id)
        return {
            "id": topic_id,
            "label_ar": topic.label_ar if topic else topic_id,
            "label_en": topic.label_en if topic else topic_id,
        }

    def _place(self, place_id: str) -> Label:
        place = self.gazetteer.place(place_id)
        return {
            "id": place_id,
            "label_ar": place.name_ar if place else place_id,
            "label_en": place.name_en if place else place_id,
            "country": place.country if place else None,
        }

    def _facet_value(self, facet: str, value: str) -> Label:
        """The template of a facet entry: count and selected are set per search."""
        labelled = {
            "country": self.country,
            "organization": self.organization,
            "source": self.source,
            "topic": self.topic,
        }[facet](value)
        extra = {k: v for k, v in labelled.items() if k not in ("id", "code")}
        return {"value": value, **extra, "count": 0, "selected": False}


@cache
def get_labels() -> Labels:
    return Labels(load_gazetteer(), load_sites(), load_topic_labels())
