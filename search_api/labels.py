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

MEMO_LIMIT = 50_000  # distinct values; ids from requests can be anything, so bounded

Label = dict[str, Any]


@dataclass(frozen=True)
class Labels:
    gazetteer: Gazetteer
    sites: SiteRegistry
    topics: dict[str, TopicLabel]
    _memo: dict[tuple[str, str], Label] = field(default_factory=dict, repr=False, compare=False)
    _facet_memo: dict[tuple[str, str], Label] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _memoized(self, kind: str, key: str, build: Callable[[str], Label]) -> Label:
        found = self._memo.get((kind, key))
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[(kind, key)] = build(key)
        return found

    def country(self, code: str) -> Label:
        return self._memoized("country", code, self._country)

    def organization(self, org_id: str) -> Label:
        return self._memoized("organization", org_id, self._organization)

    def source(self, source_id: str) -> Label:
        return self._memoized("source", source_id, self._source)

    def topic(self, topic_id: str) -> Label:
        return self._memoized("topic", topic_id, self._topic)

    def place(self, place_id: str) -> Label:
        return self._memoized("place", place_id, self._place)

    def facet_value(self, facet: str, value: str) -> Label:
        """{value, label_ar, label_en} plus what the facet knows (type, country).

        Called for every bucket of every search (a hundred or more each): a plain dict
        look-up on the hot path, no closure or key string built per call."""
        found = self._facet_memo.get((facet, value))
        if found is None:
            if len(self._facet_memo) >= MEMO_LIMIT:
                self._facet_memo.clear()
            found = self._facet_memo[facet, value] = self._facet_value(facet, value)
        return found

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
        labelled = {
            "country": self.country,
            "organization": self.organization,
            "source": self.source,
            "topic": self.topic,
        }[facet](value)
        extra = {k: v for k, v in labelled.items() if k not in ("id", "code")}
        return {"value": value, **extra}


@cache
def get_labels() -> Labels:
    return Labels(load_gazetteer(), load_sites(), load_topic_labels())
