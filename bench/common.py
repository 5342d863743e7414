"""Shared bits of the benchmarks: where the data is, process memory, result files."""

from __future__ import annotations

import datetime as dt
import os
import platform
import threading
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def shared_dir() -> Path:
    """``../shared`` beside the project, or RASD_SHARED_DIR."""
    if "RASD_SHARED_DIR" in os.environ:
        return Path(os.environ["RASD_SHARED_DIR"])
    beside = ROOT.parent / "shared"
    return beside if beside.exists() else Path("/work/shared")


SAUDINEWSNET = shared_dir() / "data" / "saudinewsnet"


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }


def save(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    return path


def _tree_rss_kib(pid: int) -> tuple[int, int]:
    """(RSS of the process, RSS of it and all its descendants), in KiB."""

    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return 0
        return 0

    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
        return found

    own = rss(pid)
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss(current)
        stack.extend(children(current))
    return own, total


class PeakMemory:
    """Samples a process tree's resident memory in the background; keeps the peaks."""

    def __init__(self, pid: int, every_s: float = 0.1) -> None:
        self.pid = pid
        self.every_s = every_s
        self.peak_main_kib = 0
        self.peak_tree_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            own, tree = _tree_rss_kib(self.pid)
            self.peak_main_kib = max(self.peak_main_kib, own)
            self.peak_tree_kib = max(self.peak_tree_kib, tree)
            time.sleep(self.every_s)
