"""Ingest benchmark: all of SaudiNewsNet, Rasd end to end vs. the engine's raw _bulk rate.

    .venv/bin/python -m bench.ingest [--data DIR] [--workers N] [--rounds N]

1. Warm-up: ``rasd index`` into a scratch alias; its final documents are exported
   (not timed) so the raw run sends exactly what Rasd indexes.
2. Raw: those documents as pre-built NDJSON, sent with plain ``_bulk`` (8 MB chunks,
   two connections, like Rasd's sender) into a fresh index with the same mapping and
   the same load settings; then a refresh. No Rasd processing at all.
3. Rasd: ``rasd index DATA`` from the zips into a fresh alias, as a user runs it
   (reading, decoding, extraction, dedupe, indexing), then a refresh; the indexer's
   peak resident memory (main process and its workers) is sampled meanwhile.

Steps 2 and 3 run ``--rounds`` times (default 2) in alternating order (raw, Rasd, Rasd,
raw …) on the same warm engine in one invocation, each into a fresh index once the
engine has finished merging what the run before it loaded; the medians are compared.
Each run also reports the CPU seconds the engine spent (from its node stats) and the
client side spent (the raw sender here, ``rasd index`` with its workers): on a machine
whose cores the engine alone can keep busy, the client's CPU is what the ratio pays.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.common import SAUDINEWSNET, PeakMemory, engine_cpu_s, machine, save
from rasd.engine import Engine, connect
from rasd.index_definition import alias_targets, delete_alias_and_indices, ensure_index
from rasd.index_tuning import relax, restore_if_relaxed
from rasd.settings import get_settings

CHUNK_BYTES = 8 * 1024 * 1024
CONNECTIONS = 2
ALIASES = {"warmup": "bench-ingest-warmup", "raw": "bench-ingest-raw", "rasd": "bench-ingest-rasd"}


def settle(engine: Engine, timeout_s: float = 300) -> None:
    """Wait until the engine has no merge running: a load leaves segment merges going on
    in the background for a while, and they would slow whichever run comes next."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        nodes = engine.request("GET", "/_nodes/stats/indices/merge")["nodes"]
        if all(n["indices"]["merges"]["current"] == 0 for n in nodes.values()):
            return
        time.sleep(1)


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """CPU seconds of the engine and of the client (this process's threads, or its
    finished children with their own workers) over a ``with`` block."""

    def __init__(self, engine: Engine, client: int) -> None:
        self.engine, self.client = engine, client
        self.engine_s = self.client_s = 0.0

    def __enter__(self) -> CpuMeter:
        self._engine0, self._client0 = engine_cpu_s(self.engine), cpu_s(self.client)
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine_s = engine_cpu_s(self.engine) - self._engine0
        self.client_s = cpu_s(self.client) - self._client0


def rasd_index(data: Path, alias: str, workers: int | None) -> tuple[float, PeakMemory, str]:
    command = [sys.executable, "-m", "cli", "index", str(data), "--index", alias]
    if workers is not None:
        command += ["--workers", str(workers)]
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    with PeakMemory(child.pid) as memory:
        out, _ = child.communicate()
    if child.returncode not in (0, 1):
        raise SystemExit(f"rasd index failed ({child.returncode}):\n{out}")
    return time.perf_counter() - began, memory, out


def export_documents(engine: Engine, alias: str) -> list[tuple[str, bytes]]:
    """Every document of the alias, as (id, source JSON), through a point in time."""
    pit = engine.open_point_in_time(alias, "5m")
    docs: list[tuple[str, bytes]] = []
    after = None
    try:
        while True:
            body: dict[str, Any] = {
                "size": 5000,
                "pit": {"id": pit, "keep_alive": "5m"},
                "sort": [{"id": "asc"}],
                "track_total_hits": False,
            }
            if after:
                body["search_after"] = after
            hits = engine.request("POST", "/_search", body)["hits"]["hits"]
            docs += [(h["_id"], orjson.dumps(h["_source"])) for h in hits]
            if len(hits) < 5000:
                return docs
            after = hits[-1]["sort"]
    finally:
        engine.close_point_in_time(pit)


def ndjson_chunks(index: str, docs: list[tuple[str, bytes]]) -> list[bytes]:
    chunks, current, size = [], [], 0
    for doc_id, source in docs:
        pair = orjson.dumps({"index": {"_index": index, "_id": doc_id}}) + b"\n" + source + b"\n"
        if current and size + len(pair) > CHUNK_BYTES:
            chunks.append(b"".join(current))
            current, size = [], 0
        current.append(pair)
        size += len(pair)
    if current:
        chunks.append(b"".join(current))
    return chunks


def raw_bulk(engine: Engine, alias: str, docs: list[tuple[str, bytes]]) -> float:
    index = ensure_index(engine, alias)
    relax(engine, index)  # the same load settings Rasd uses
    chunks = ndjson_chunks(index, docs)
    headers = {"content-type": "application/x-ndjson"}

    def send(chunk: bytes) -> None:
        answer = http.post(f"{engine.url}/_bulk", content=chunk, headers=headers)
        answer.raise_for_status()
        if answer.json()["errors"]:
            raise SystemExit("raw _bulk reported item errors")

    began = time.perf_counter()
    with httpx.Client(timeout=300) as http, ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(send, chunks))
    restore_if_relaxed(engine, index)  # includes the refresh
    return time.perf_counter() - began


def timed_raw(engine: Engine, docs: list[tuple[str, bytes]]) -> tuple[float, CpuMeter]:
    delete_alias_and_indices(engine, ALIASES["raw"])
    settle(engine)
    with CpuMeter(engine, resource.RUSAGE_SELF) as cpu:
        seconds = raw_bulk(engine, ALIASES["raw"], docs)
    return seconds, cpu


def timed_rasd(
    engine: Engine, data: Path, workers: int | None
) -> tuple[float, PeakMemory, str, CpuMeter]:
    delete_alias_and_indices(engine, ALIASES["rasd"])
    settle(engine)
    with CpuMeter(engine, resource.RUSAGE_CHILDREN) as cpu:
        index_s, memory, summary = rasd_index(data, ALIASES["rasd"], workers)
        refresh_began = time.perf_counter()
        engine.refresh(ALIASES["rasd"])
    return index_s + (time.perf_counter() - refresh_began), memory, summary, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=2, help="raw/Rasd pairs, order alternating")
    args = parser.parse_args()
    engine = connect(get_settings().model_copy(update={"engine_timeout": 900}))
    for alias in ALIASES.values():
        delete_alias_and_indices(engine, alias)
    started = machine()

    print("warm-up run (not timed) …", flush=True)
    rasd_index(args.data, ALIASES["warmup"], args.workers)
    engine.refresh(ALIASES["warmup"])
    docs = export_documents(engine, ALIASES["warmup"])
    payload_mb = sum(len(s) for _, s in docs) / 1e6
    print(f"{len(docs):,} documents, {payload_mb:.0f} MB of JSON", flush=True)

    raw_runs: list[float] = []
    rasd_runs: list[float] = []
    cpu: dict[str, list[CpuMeter]] = {"raw": [], "rasd": []}
    peak_main = peak_tree = 0
    summary = ""
    for round_no in range(args.rounds):
        # ABBA: the engine may get faster (or slower) over the session; alternating the
        # order keeps that from favouring either side.
        for side in ("raw", "rasd") if round_no % 2 == 0 else ("rasd", "raw"):
            print(f"round {round_no + 1}: {side} …", flush=True)
            if side == "raw":
                seconds, meter = timed_raw(engine, docs)
                raw_runs.append(seconds)
            else:
                seconds, memory, summary, meter = timed_rasd(engine, args.data, args.workers)
                rasd_runs.append(seconds)
                peak_main = max(peak_main, memory.peak_main_kib)
                peak_tree = max(peak_tree, memory.peak_tree_kib)
            cpu[side].append(meter)
    raw_count = engine.count(ALIASES["raw"])
    rasd_count = engine.count(ALIASES["rasd"])
    raw_s, rasd_s = statistics.median(raw_runs), statistics.median(rasd_runs)

    result = {
        "machine": started,
        "documents": {"raw": raw_count, "rasd": rasd_count},
        "rounds": args.rounds,
        "raw": {
            "seconds": round(raw_s, 2),
            "docs_per_s": round(raw_count / raw_s, 1),
            "runs_s": [round(r, 2) for r in raw_runs],
        },
        "rasd": {
            "seconds": round(rasd_s, 2),
            "docs_per_s": round(rasd_count / rasd_s, 1),
            "runs_s": [round(r, 2) for r in rasd_runs],
            "peak_rss_main_mib": round(peak_main / 1024),
            "peak_rss_with_workers_mib": round(peak_tree / 1024),
            "workers": args.workers or os.cpu_count(),
        },
        "ratio_rasd_to_raw": round((rasd_count / rasd_s) / (raw_count / raw_s), 3),
        "cpu_s": {
            side: {
                "engine": round(statistics.median(m.engine_s for m in meters), 1),
                "client": round(statistics.median(m.client_s for m in meters), 1),
            }
            for side, meters in cpu.items()
        },
        "cpus": os.cpu_count(),
        "index_summary": summary,
        "goals": {"rasd_docs_per_s": 1000, "ratio": 0.8},
    }
    for alias in (ALIASES["warmup"], ALIASES["raw"]):
        delete_alias_and_indices(engine, alias)
    path = save("ingest", result)
    raw, rasd = result["raw"], result["rasd"]
    print(summary)
    print(
        f"raw _bulk : {raw['docs_per_s']:>8,.0f} docs/s (median of {raw['runs_s']} s)\n"
        f"rasd index: {rasd['docs_per_s']:>8,.0f} docs/s (median of {rasd['runs_s']} s), "
        f"peak RSS {rasd['peak_rss_with_workers_mib']} MiB with workers "
        f"({rasd['peak_rss_main_mib']} MiB main)\n"
        f"ratio     : {result['ratio_rasd_to_raw']:.2f}   (goals: ≥1,000 docs/s, ≥0.80)\n"
        f"CPU s     : raw engine {result['cpu_s']['raw']['engine']}, sender "
        f"{result['cpu_s']['raw']['client']}; Rasd engine {result['cpu_s']['rasd']['engine']}, "
        f"indexer {result['cpu_s']['rasd']['client']} (medians; {os.cpu_count()} cores)\n"
        f"saved to {path}; the Rasd index stays as {ALIASES['rasd']!r} "
        f"({alias_targets(engine, ALIASES['rasd'])})"
    )


if __name__ == "__main__":
    main()
