"""Shared bits of the benchmarks: where the data is, process memory and CPU, result files."""

from __future__ import annotations

import datetime as dt
import os
import platform
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from rasd.engine import Engine

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


def engine_cpu_s(engine: Engine) -> float:
    """CPU seconds the engine's processes have used so far (from its node stats)."""
    nodes = engine.request("GET", "/_nodes/stats/process")["nodes"].values()
    return sum(n["process"]["cpu"]["total_in_millis"] for n in nodes) / 1000


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a running process and its live descendants (uvicorn's
    workers, say) have used so far (Linux /proc)."""

    def cpu(p: int) -> float:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS

    return sum(cpu(p) for p in _tree(pid))


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

    return rss(pid), sum(rss(p) for p in _tree(pid))


def _tree(pid: int) -> list[int]:
    """The process and all its live descendants."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                stack += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


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
