"""Extraction benchmark: all of SaudiNewsNet through Rasd's document builder, one process.

    .venv/bin/python -m bench.extract [--data DIR] [--passes N]

Records are read and decoded first (not timed); then every record goes through
``indexer.document.build_batch`` — normalization, publication and event dates, countries,
organizations, persons, places, topics, content hash, story signature — in this one
process on one core, ``--passes`` times. Reported: articles/s and MB/s of article text
(UTF-8) of the median pass, and the time per stage measured on the same articles, so a
slow stage is visible.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import SAUDINEWSNET, machine, save
from indexer.document import build_batch, warm_up
from indexer.extract.dates import find_dates, parse_publication_date
from indexer.extract.entities import default_extractor
from indexer.extract.topics import default_model
from indexer.records import RawRecord
from indexer.sources import iter_items
from indexer.stories import signature
from rasd.arabic import normalize

BATCH = 500


def stage_timings(records: list[RawRecord]) -> dict[str, float]:
    """Microseconds per article for each stage, on the same articles, the way the indexer
    calls them (one scan finds entity aliases and topic terms; both then read it). Timed
    alone, stages look faster than inside the full loop, where they share the caches."""
    texts = [(r.title or "", r.body) for r in records]
    normalized = [(normalize(t), normalize(b)) for t, b in texts]
    published = [parse_publication_date(r.published_raw) for r in records]
    extractor, topics = default_extractor(), default_model()

    def per_article(step: Callable[[int], Any]) -> float:
        began = time.perf_counter()
        for i in range(len(records)):
            step(i)
        return round((time.perf_counter() - began) / len(records) * 1e6, 1)

    scans = [extractor.scan(*n) for n in normalized]
    return {
        "normalize": per_article(lambda i: (normalize(texts[i][0]), normalize(texts[i][1]))),
        "dates": per_article(lambda i: find_dates(texts[i][1], published=published[i])),
        "alias_and_topic_scan": per_article(lambda i: extractor.scan(*normalized[i])),
        "entities": per_article(
            lambda i: extractor.extract(*texts[i], source_country="SA", scan=scans[i])
        ),
        "topics": per_article(lambda i: topics.tag_riders(scans[i].riders, scans[i].title_end)),
        "story_signature": per_article(lambda i: signature(normalized[i][1])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    started = machine()
    warm_up()
    records = [i for i in iter_items([str(args.data)]) if isinstance(i, RawRecord)]
    text_mb = sum(len(r.body.encode()) + len((r.title or "").encode()) for r in records) / 1e6

    passes = []
    for _ in range(args.passes):  # this VM's speed drifts: report the median pass
        began = time.perf_counter()
        built = 0
        for start in range(0, len(records), BATCH):
            built += len(build_batch(records[start : start + BATCH]))
        passes.append(time.perf_counter() - began)
    seconds = statistics.median(passes)

    result = {
        "machine": started,
        "articles": built,
        "text_mb": round(text_mb, 1),
        "seconds": round(seconds, 2),
        "passes_s": [round(p, 2) for p in passes],
        "articles_per_s": round(built / seconds, 1),
        "mb_per_s": round(text_mb / seconds, 2),
        "stage_us_per_article": stage_timings(records[:5000]),
        "goal_articles_per_s": 5000,
    }
    path = save("extract", result)
    print(
        f"{built:,} articles, {text_mb:.0f} MB of text in {seconds:.1f} s on one core "
        f"(median of {result['passes_s']} s): "
        f"{result['articles_per_s']:,.0f} articles/s, {result['mb_per_s']:.2f} MB/s\n"
        f"per article (µs): {result['stage_us_per_article']}\nsaved to {path}"
    )


if __name__ == "__main__":
    main()
