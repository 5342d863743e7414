"""Shared fixtures. Tests that claim to test search run against the real engine.

The ``engine`` fixture uses ``RASD_ENGINE_URL`` when set, else the embedded engine on
``RASD_ENGINE_PORT`` — starting it (and stopping it at the end) if it is not running.
Every test that writes gets its own throw-away alias from ``make_index``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from launcher import process
from rasd.engine import Engine, EngineUnavailable, connect
from rasd.index_definition import delete_alias_and_indices, ensure_index
from rasd.settings import Settings
from web.app import create_site

from support import (
    DEMO_CORPUS,
    SAUDINEWSNET,
    SAUDINEWSNET_DAY,
    SEED_PAGE,
    free_port,
    index_paths,
)


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


@pytest.fixture(scope="session")
def demo_index(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled demo corpus (and the seed page when present), indexed once."""
    alias = f"rasd-test-demo-{uuid.uuid4().hex[:8]}"
    paths = [str(DEMO_CORPUS)] + ([str(SEED_PAGE)] if SEED_PAGE.exists() else [])
    summary, sink = index_paths(engine, alias, paths, tmp_path_factory.mktemp("home"))
    assert summary.failed == 0, sink.stream.getvalue()
    yield alias
    delete_alias_and_indices(engine, alias)


@pytest.fixture(scope="session")
def saudinewsnet_index(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real day of SaudiNewsNet, indexed once."""
    if not SAUDINEWSNET_DAY.exists():
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    alias = f"rasd-test-snn-{uuid.uuid4().hex[:8]}"
    index_paths(engine, alias, [str(SAUDINEWSNET_DAY)], tmp_path_factory.mktemp("home"))
    yield alias
    delete_alias_and_indices(engine, alias)


def client_for(settings: Settings, alias: str) -> TestClient:
    return TestClient(create_site(settings.model_copy(update={"index": alias})))


@pytest.fixture(scope="session")
def demo_client(settings: Settings, demo_index: str) -> Iterator[TestClient]:
    """The whole site (API and web UI) in-process, over the demo index."""
    with client_for(settings, demo_index) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(settings: Settings, demo_index: str) -> Iterator[str]:
    """The site served by uvicorn on a free port (for the browser), over the demo index."""
    app = create_site(settings.model_copy(update={"index": demo_index}))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)
