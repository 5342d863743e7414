"""Garbage-collector settings for Rasd's long-running processes.

Rasd's processes load large, long-lived tables at start-up (gazetteers, alias
automatons, labels: some 180,000 Python objects), then churn through short-lived ones
(parsed engine answers, articles). CPython's collector keeps re-walking the former:
a full collection of an API worker took ~140 ms, and under load at 32 clients the
collector cost ~0.6 ms of CPU per search, about a seventh of the API's share; in
``rasd index`` it took 5.5 s of the main process's 47 s over SaudiNewsNet.
"""

from __future__ import annotations

import gc

# Young collections after this many net container allocations instead of 700. A
# process with thousands of objects in flight (an API search holds its parsed answer,
# the indexer its batches) otherwise ran the collector several times per request or
# batch, re-walking what was in flight and promoting it to the old generations, which
# then filled up and triggered full collections.
_YOUNG_THRESHOLD = 20_000


def freeze_loaded() -> None:
    """Take everything loaded so far out of the collector's reach (``gc.freeze``).

    Call once start-up is done. Full collections then walk only what came after; and
    in a process that forks workers, the children stop touching (and so copying) the
    parent's pages of frozen objects. Garbage is collected first, or it would be kept
    for good."""
    gc.collect()
    gc.freeze()


def collect_young_less_often() -> None:
    """For processes with many objects in flight: see ``_YOUNG_THRESHOLD``."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(_YOUNG_THRESHOLD, middle, old)
