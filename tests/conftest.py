"""Shared fixtures. Tests that claim to test search run against the real engine.

The ``engine`` fixture uses ``RASD_ENGINE_URL`` when set, else the embedded engine on
``RASD_ENGINE_PORT`` — starting it (and stopping it at the end) if it is not running.
Every test that writes gets its own throw-away alias from ``make_index``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from launcher import process
from rasd.engine import Engine, EngineUnavailable, connect
from rasd.index_definition import delete_alias_and_indices, ensure_index
from rasd.settings import Settings


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


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[Engine]:
    started_here = False
    try:
        eng = connect(settings)
    except EngineUnavailable:
        if settings.engine_url:
            raise
        process.start(settings)
        started_here = True
        eng = connect(settings)
    yield eng
    eng.close()
    if started_here:
        process.stop(settings)


@pytest.fixture
def make_index(engine: Engine) -> Iterator[Callable[[], str]]:
    """Create throw-away aliases (with their versioned index); delete them afterwards."""
    created: list[str] = []

    def make() -> str:
        alias = f"rasd-test-{uuid.uuid4().hex[:10]}"
        ensure_index(engine, alias)
        created.append(alias)
        return alias

    yield make
    for alias in created:
        delete_alias_and_indices(engine, alias)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE}")
    return SEED_PAGE.read_text(encoding="utf-8")
