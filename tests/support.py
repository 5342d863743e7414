"""Helpers and paths shared by tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

from indexer.errors import ErrorSink
from indexer.extract.entities import Entities, default_extractor
from indexer.pipeline import IndexOptions, Summary, run
from rasd.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "demo" / "corpus"


def _shared_dir() -> Path:
    """``../shared`` beside the project (RASD_SHARED_DIR overrides; a clone made
    elsewhere, e.g. by CI in a temp dir, falls back to the workplace's /work/shared)."""
    if "RASD_SHARED_DIR" in os.environ:
        return Path(os.environ["RASD_SHARED_DIR"])
    beside = Path(__file__).resolve().parents[1].parent / "shared"
    return beside if beside.exists() else Path("/work/shared")


SHARED = _shared_dir()
SEED_PAGE = SHARED / "seed" / "000_c716a55496f628a4.txt"
SAUDINEWSNET = SHARED / "data" / "saudinewsnet"
# One day of SaudiNewsNet (1,559 records): a real slice that indexes in seconds.
SAUDINEWSNET_DAY = SAUDINEWSNET / "2015-07-25.zip"


def index_paths(
    engine: Engine, alias: str, paths: list[str], home: Path, **options: object
) -> tuple[Summary, ErrorSink]:
    """Run the real indexer (inline, no worker processes) and refresh the alias."""
    sink = ErrorSink(stream=io.StringIO())
    summary = run(IndexOptions(paths, alias, home, workers=0, **options), engine, sink)
    if not options.get("dry_run"):
        engine.refresh(alias)
    return summary, sink


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def extract_entities(title: str, body: str, *, source_country: str | None = None) -> Entities:
    """Entities of one article with the bundled gazetteer."""
    return default_extractor().extract(title, body, source_country=source_country)
