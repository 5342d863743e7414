"""Search benchmark: the API vs. the same engine queries sent directly, side by side.

    .venv/bin/python -m bench.search [--index ALIAS] [--requests N] [--rounds N] [--api-workers N]

A mixed query set (full-text queries from bench/relevance, some with country,
organization, topic and date filters; every request computes all facets and the
highlights) is sent at 1 and at 32 concurrent clients: once to ``/api/search`` of a
``rasd serve`` started here, once as the very engine request the API builds, straight
to the engine's ``_search``. Both paths run in alternating rounds after a warm-up at full
load; reported are the medians over the rounds of p50 / p95 latency and throughput, all
errors, and the ratios API/direct, and the CPU time per request of the engine and of the
API server (where the API's overhead shows once the engine has the cores busy). Index
SaudiNewsNet first (bench.ingest leaves it as ``bench-ingest-rasd``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO, Any

import aiohttp
import httpx
import orjson

from bench.common import ROOT, engine_cpu_s, machine, save, tree_cpu_s
from rasd.engine import JSON_HEADERS, connect
from rasd.settings import get_settings
from search_api.labels import get_labels
from search_api.params import SearchParams
from search_api.service import DATE_BOUNDS_QUERY, build_search_body, date_bounds, parse

FILTERS: list[dict[str, Any]] = [
    {},
    {"country": ["SA"]},
    {"country": ["YE"], "topic": ["armed_conflict"]},
    {"org": ["isis"]},
    {"date_from": "2015-08-01", "date_to": "2015-08-07"},
    {"country": ["SA", "AE"], "date_from": "2015-07"},
]
LEVELS = (1, 32)


@dataclass
class Run:
    latencies_ms: list[float]
    errors: int
    seconds: float
    engine_cpu_s: float = 0.0
    api_cpu_s: float = 0.0

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.latencies_ms)
        requests = len(ordered) + self.errors
        return {
            "requests": requests,
            "errors": self.errors,
            "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
            "throughput_rps": round(len(ordered) / self.seconds, 1),
            "engine_cpu_ms_per_request": round(1000 * self.engine_cpu_s / requests, 2),
            "api_cpu_ms_per_request": round(1000 * self.api_cpu_s / requests, 2),
        }


def query_set() -> list[SearchParams]:
    queries = orjson.loads((ROOT / "bench" / "relevance" / "queries.json").read_bytes())
    texts = [q["query"] for q in queries]
    return [
        SearchParams(q=text, **FILTERS[i % len(FILTERS)], size=10) for i, text in enumerate(texts)
    ]


def median_summary(runs: list[Run]) -> dict[str, float]:
    """Each figure's median over the rounds, plus every error of every round."""
    summaries = [run.summary() for run in runs]
    middle = {key: statistics.median(s[key] for s in summaries) for key in summaries[0]}
    return {**middle, "rounds": len(runs), "errors": sum(run.errors for run in runs)}


Request = tuple[str, str, bytes | None, dict[str, str]]  # method, url, body, headers


async def load(requests: list[Request], concurrency: int) -> Run:
    """Send the requests with ``concurrency`` clients in parallel.

    The load generator shares the two cores with the servers, so it must cost little
    and the same on both paths. It is aiohttp: httpx's connection pool re-checks every
    pooled connection each time it hands one out, which cost 4 ms of CPU per request on
    the direct path and 8 ms on the API path here, a third of what a search costs."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(requests))

    async def client_loop(http: aiohttp.ClientSession) -> None:
        nonlocal errors
        while queue:
            method, url, body, headers = queue.pop()
            began = time.perf_counter()
            try:
                async with http.request(method, url, data=body, headers=headers) as answer:
                    await answer.read()  # and inflated when gzipped, as a client would
                    answer.raise_for_status()
                latencies.append((time.perf_counter() - began) * 1000)
            except (aiohttp.ClientError, TimeoutError):
                errors += 1

    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client_loop(http) for _ in range(concurrency)))
        seconds = time.perf_counter() - began
    return Run(latencies, errors, seconds)


def start_api(alias: str, port: int, workers: int, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """``rasd serve`` in the background; its access log goes to ``log`` (a pipe nobody
    reads would fill up and stall the server)."""
    env = {**os.environ, "RASD_INDEX": alias}
    command = [sys.executable, "-m", "cli", "serve", "--port", str(port),
               "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    log.seek(0)
    raise SystemExit(f"the API did not start: {log.read().decode()[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default="bench-ingest-rasd")
    parser.add_argument("--requests", type=int, default=400, help="per run at 32 clients")
    parser.add_argument("--rounds", type=int, default=4, help="alternating runs per level")
    parser.add_argument("--api-workers", type=int, default=1, help="as `rasd serve`")
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    engine = connect(get_settings().model_copy(update={"engine_timeout": 900}))
    if not engine.exists(f"/{args.index}"):
        raise SystemExit(f"no index {args.index!r}: run `python -m bench.ingest` first")

    params = query_set()
    labels = get_labels()
    bounds = date_bounds(engine.search(args.index, DATE_BOUNDS_QUERY))
    direct, api = [], []
    for p in params:
        body, _ = build_search_body(p, parse(p, labels), bounds)
        # Sent as the API's own engine client sends it (uncompressed), so the engine
        # does the same work on both paths; the API answers gzip, as to a browser.
        direct.append(
            ("POST", f"{engine.url}/{args.index}/_search", orjson.dumps(body), JSON_HEADERS)
        )
        query = httpx.QueryParams(p.model_dump(exclude_none=True, exclude_defaults=True))
        url = f"http://127.0.0.1:{args.port}/api/search?{query}"
        api.append(("GET", url, None, {"accept-encoding": "gzip"}))

    started = machine()
    rounds: dict[str, list[Run]] = {}
    with tempfile.TemporaryFile() as log:
        server = start_api(args.index, args.port, args.api_workers, log)
        try:
            # The engine keeps getting faster for a while (JIT, caches): warm both paths
            # at full load, then alternate them round by round (ABBA) so that neither
            # path gets the warmer engine, and compare medians over the rounds.
            warm = (direct + api) * (2 * args.requests // len(direct) + 1)
            asyncio.run(load(warm[: 4 * args.requests], max(LEVELS)))
            for level in LEVELS:
                count = args.requests if level > 1 else max(len(params), args.requests // 4)
                repeat = (count + len(params) - 1) // len(params)
                for r in range(args.rounds):
                    order = (("direct", direct), ("api", api))
                    for name, requests in order if r % 2 == 0 else order[::-1]:
                        engine0, api0 = engine_cpu_s(engine), tree_cpu_s(server.pid)
                        run = asyncio.run(load((requests * repeat)[:count], level))
                        run.engine_cpu_s = engine_cpu_s(engine) - engine0
                        run.api_cpu_s = tree_cpu_s(server.pid) - api0
                        rounds.setdefault(f"{name}_c{level}", []).append(run)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:  # keep-alive connections can hold uvicorn up
                server.kill()
                server.wait()

    results = {name: median_summary(runs) for name, runs in rounds.items()}
    ratios = {
        f"c{level}": {
            "p50_api_over_direct": round(
                results[f"api_c{level}"]["p50_ms"] / results[f"direct_c{level}"]["p50_ms"], 2
            ),
            "throughput_api_over_direct": round(
                results[f"api_c{level}"]["throughput_rps"]
                / results[f"direct_c{level}"]["throughput_rps"],
                2,
            ),
        }
        for level in LEVELS
    }
    result = {
        "machine": started,
        "index": args.index,
        "documents": engine.count(args.index),
        "queries": len(params),
        "api_workers": args.api_workers,
        "rounds": args.rounds,
        "runs": results,
        "ratios": ratios,
        "goals": {"p50_api_over_direct": 1.3, "throughput_api_over_direct": 0.8, "errors": 0},
    }
    path = save("search", result)
    for name, summary in results.items():
        print(f"{name:10s} {summary}")
    print(f"ratios: {ratios}\nsaved to {path}")


if __name__ == "__main__":
    main()
