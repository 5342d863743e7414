"""Relevance: Rasd's ranking vs. OpenSearch's ``standard`` and ``arabic`` analyzers,
on the same SaudiNewsNet documents, measured in one run.

    .venv/bin/python -m bench.relevance.run [--index ALIAS]

The Rasd index (``bench.ingest`` leaves one as ``bench-ingest-rasd``) is copied with
``_reindex`` into two baseline indices whose title and body use the built-in
``standard`` and ``arabic`` analyzers. Each judged query (``queries.json``) then runs:

* on a baseline: ``simple_query_string`` over title^3 and body, all words required
  (``OR`` → ``|``, quotes and ``-`` as the user wrote them) — what a plain
  OpenSearch setup with that analyzer gives;
* on Rasd: the very engine query the API builds (``search_api.service``).

Metrics per query, then averaged: nDCG@10 with gains 2^grade − 1 and the ideal
ranking of all judged articles; Recall@20 of articles graded ≥ 2; and judged@10, the
share of the top 10 that was judged at all (unjudged articles count as not relevant,
so a low judged@10 means the metric underrates that system).
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path
from typing import Any

import orjson

from bench.common import machine, save
from rasd.engine import Engine, connect
from rasd.settings import get_settings
from search_api.labels import get_labels
from search_api.params import SearchParams
from search_api.service import build_search_body, parse

QUERIES = Path(__file__).resolve().parent / "queries.json"
BASELINES = ("standard", "arabic")
RELEVANT_GRADE = 2
K_NDCG, K_RECALL = 10, 20


def baseline_index(engine: Engine, source: str, analyzer: str) -> str:
    name = f"bench-relevance-{analyzer}"
    if engine.exists(f"/{name}"):
        engine.request("DELETE", f"/{name}")
    text = {"type": "text", "analyzer": analyzer}
    engine.request("PUT", f"/{name}", {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {"properties": {"url": {"type": "keyword"}, "title": text, "body": text}},
    })  # fmt: skip
    engine.request(
        "POST",
        "/_reindex",
        {"source": {"index": source, "_source": ["url", "title", "body"]}, "dest": {"index": name}},
        {"wait_for_completion": "true", "timeout": "10m", "refresh": "true"},
    )
    return name


def baseline_query(text: str) -> dict[str, Any]:
    query = re.sub(r"\s+OR\s+", " | ", text)
    return {
        "simple_query_string": {
            "query": query,
            "fields": ["title^3", "body"],
            "default_operator": "and",
        }
    }


def top_urls(engine: Engine, index: str, body: dict[str, Any]) -> list[str]:
    body = {**body, "size": K_RECALL, "_source": ["url"]}
    body.pop("aggs", None)
    body.pop("highlight", None)
    return [h["_source"]["url"] for h in engine.search(index, body)["hits"]["hits"]]


def ndcg(ranked: list[str], judgments: dict[str, int]) -> float:
    gains = [2 ** judgments.get(url, 0) - 1 for url in ranked[:K_NDCG]]
    ideal = sorted((2**g - 1 for g in judgments.values()), reverse=True)[:K_NDCG]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], judgments: dict[str, int]) -> float:
    relevant = {u for u, g in judgments.items() if g >= RELEVANT_GRADE}
    return len(relevant & set(ranked[:K_RECALL])) / len(relevant) if relevant else 0.0


def judged(ranked: list[str], judgments: dict[str, int]) -> float:
    top = ranked[:K_NDCG]
    return sum(url in judgments for url in top) / len(top) if top else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default="bench-ingest-rasd")
    args = parser.parse_args()
    engine = connect(get_settings().model_copy(update={"engine_timeout": 900}))
    if not engine.exists(f"/{args.index}"):
        raise SystemExit(f"no index {args.index!r}: run `python -m bench.ingest` first")
    queries = orjson.loads(QUERIES.read_bytes())
    labels = get_labels()
    started = machine()
    indices = {name: baseline_index(engine, args.index, name) for name in BASELINES}

    systems = (*BASELINES, "rasd")
    per_query: list[dict[str, Any]] = []
    for q in queries:
        row: dict[str, Any] = {"id": q["id"], "query": q["query"]}
        for system in systems:
            if system == "rasd":
                params = SearchParams(q=q["query"], size=K_RECALL, facets=["none"])
                body, _ = build_search_body(params, parse(params, labels), None)
                ranked = top_urls(engine, args.index, body)
            else:
                ranked = top_urls(engine, indices[system], {"query": baseline_query(q["query"])})
            row[system] = {
                "ndcg@10": round(ndcg(ranked, q["judgments"]), 3),
                "recall@20": round(recall(ranked, q["judgments"]), 3),
                "judged@10": round(judged(ranked, q["judgments"]), 2),
            }
        per_query.append(row)
    means = {
        system: {
            metric: round(sum(r[system][metric] for r in per_query) / len(per_query), 3)
            for metric in ("ndcg@10", "recall@20", "judged@10")
        }
        for system in systems
    }
    for index in indices.values():
        engine.request("DELETE", f"/{index}")
    path = save("relevance", {"machine": started, "queries": len(queries), "means": means,
                              "per_query": per_query})  # fmt: skip
    print(f"{'query':8s} " + " ".join(f"{s:>22s}" for s in systems))
    for row in per_query:
        cells = " ".join(
            f"{row[s]['ndcg@10']:>10.3f} {row[s]['recall@20']:>11.3f}" for s in systems
        )
        print(f"{row['id']:8s} {cells}")
    for system in systems:
        print(
            f"{system:9s} nDCG@10 {means[system]['ndcg@10']:.3f}  Recall@20 "
            f"{means[system]['recall@20']:.3f}  judged@10 {means[system]['judged@10']:.2f}"
        )
    print(f"saved to {path}")


if __name__ == "__main__":
    main()
