"""Relaxing an index for a large load, and restoring it afterwards — even after a crash.

During a load, refreshes (every second by default) and replicas cost the engine work
nobody needs yet. Before relaxing, the original values are written into the index
mapping's ``_meta`` (``rasd_relaxed``), which lives with the index: if the load dies
with the engine, the next ``rasd index`` run, ``rasd engine start`` or API start-up
finds the marker and restores the settings first.
"""

from __future__ import annotations

from typing import Any

from rasd.engine import Engine

MARKER = "rasd_relaxed"
# No refreshes, no replicas, and the translog synced every few seconds instead of on
# every bulk request (a crash loses at most those seconds, and a re-run restores them).
RELAXED = {"refresh_interval": "-1", "number_of_replicas": "0", "translog.durability": "async"}
DEFAULTS = {"refresh_interval": "1s", "number_of_replicas": "0", "translog.durability": "request"}


def _meta(engine: Engine, index: str) -> dict[str, Any]:
    mapping = engine.request("GET", f"/{index}/_mapping")
    return next(iter(mapping.values()))["mappings"].get("_meta", {})


def _current(engine: Engine, index: str) -> dict[str, str]:
    answer = engine.request(
        "GET", f"/{index}/_settings", params={"include_defaults": "true", "flat_settings": "true"}
    )
    found = next(iter(answer.values()))
    values = {**found.get("defaults", {}), **found.get("settings", {})}
    return {key: str(values.get(f"index.{key}", DEFAULTS[key])) for key in RELAXED}


def relax(engine: Engine, index: str) -> None:
    restore_if_relaxed(engine, index)
    original = _current(engine, index)
    meta = {**_meta(engine, index), MARKER: original}
    engine.request("PUT", f"/{index}/_mapping", {"_meta": meta})
    engine.request("PUT", f"/{index}/_settings", {"index": RELAXED})


def restore_if_relaxed(engine: Engine, index: str) -> bool:
    """Put back the settings saved by :func:`relax`; True if there was anything to undo."""
    meta = _meta(engine, index)
    original = meta.pop(MARKER, None)
    if original is None:
        return False
    engine.request("PUT", f"/{index}/_settings", {"index": original})
    engine.request("PUT", f"/{index}/_mapping", {"_meta": meta})
    engine.refresh(index)
    return True


def restore_all(engine: Engine) -> list[str]:
    """Restore every index a load left relaxed (after a crash); the names restored."""
    restored = []
    for index, mapping in engine.request("GET", "/_all/_mapping").items():
        if not index.startswith(".") and MARKER in mapping["mappings"].get("_meta", {}):
            restore_if_relaxed(engine, index)
            restored.append(index)
    return restored
