"""Topic labels, from the topic rule model's data file (``gazetteers/topics.json``).

The rules themselves are the indexer's (``indexer/extract/topics.py``); the search side
only needs each topic's bilingual label."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import orjson

TOPICS_PATH = Path(__file__).resolve().parent / "gazetteers" / "topics.json"


@dataclass(frozen=True, slots=True)
class TopicLabel:
    id: str
    label_ar: str
    label_en: str


@cache
def load_topic_labels(path: Path = TOPICS_PATH) -> dict[str, TopicLabel]:
    topics = orjson.loads(path.read_bytes())["topics"]
    return {t["id"]: TopicLabel(t["id"], t["label_ar"], t["label_en"]) for t in topics}
