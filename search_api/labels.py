"""Bilingual labels for facet values and entity chips, from the shared gazetteers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rasd.gazetteer import Gazetteer, load_gazetteer
from rasd.sites import SiteRegistry, load_sites
from rasd.topics import TopicLabel, load_topic_labels


@dataclass(frozen=True)
class Labels:
    gazetteer: Gazetteer
    sites: SiteRegistry
    topics: dict[str, TopicLabel]

    def country(self, code: str) -> dict[str, Any]:
        country = self.gazetteer.country(code)
        return {
            "code": code,
            "label_ar": country.name_ar if country else code,
            "label_en": country.name_en if country else code,
        }

    def organization(self, org_id: str) -> dict[str, Any]:
        org = self.gazetteer.organization(org_id)
        return {
            "id": org_id,
            "label_ar": org.name_ar if org else org_id,
            "label_en": org.name_en if org else org_id,
            "type": org.type if org else "other",
            "country": org.country if org else None,
        }

    def source(self, source_id: str) -> dict[str, Any]:
        site = self.sites.get(source_id)
        return {
            "id": source_id,
            "label_ar": site.name_ar if site else source_id,
            "label_en": site.name_en if site else source_id,
            "country": site.country if site else None,
        }

    def topic(self, topic_id: str) -> dict[str, Any]:
        topic = self.topics.get(topic_id)
        return {
            "id": topic_id,
            "label_ar": topic.label_ar if topic else topic_id,
            "label_en": topic.label_en if topic else topic_id,
        }

    def place(self, place_id: str) -> dict[str, Any]:
        place = self.gazetteer.place(place_id)
        return {
            "id": place_id,
            "label_ar": place.name_ar if place else place_id,
            "label_en": place.name_en if place else place_id,
            "country": place.country if place else None,
        }

    def facet_value(self, facet: str, value: str) -> dict[str, Any]:
        """{value, label_ar, label_en} plus what the facet knows (type, country)."""
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
