"""Killing the engine mid-run loses nothing: the indexer stops with a clear message and
a checkpoint, and the re-run resumes to the exact count without duplicates."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.errors import ErrorSink
from indexer.pipeline import IndexOptions
from indexer.pipeline import run as run_index
from launcher import process
from rasd.engine import Engine, EngineError, connect
from rasd.settings import Settings

from support import SAUDINEWSNET, free_port

pytestmark = [pytest.mark.engine, pytest.mark.slow]

DAYS = ["2015-07-23.zip", "2015-07-24.zip", "2015-07-25.zip", "2015-07-26.zip"]
ALIAS = "resume-test"


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    port = free_port()
    while process._port_taken(port + 100):
        port = free_port()
    settings = Settings(
        home=tmp_path_factory.mktemp("rasd-home"), engine_port=port, engine_heap="512m",
        engine_url=None,
    )  # fmt: skip
    process.start(settings)
    yield settings
    process.stop(settings)


def rasd_index(settings: Settings, inputs: list[str], *extra: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "RASD_HOME": str(settings.home),
        "RASD_ENGINE_PORT": str(settings.engine_port),
        "RASD_BULK_ATTEMPTS": "3",  # give up within seconds once the engine is gone
    }
    env.pop("RASD_ENGINE_URL", None)
    command = [sys.executable, "-m", "cli", "index", *inputs, "--index", ALIAS, *extra]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def indexed_so_far(engine: Engine) -> int:
    """Documents the engine has taken (refreshes are off during the load)."""
    try:
        stats = engine.request("GET", f"/{ALIAS}/_stats/indexing")
    except EngineError:
        return 0
    return stats["_all"]["primaries"]["indexing"]["index_total"]


def test_resume_after_the_engine_is_killed(node: Settings) -> None:
    inputs = [str(SAUDINEWSNET / day) for day in DAYS]
    if not all(Path(p).exists() for p in inputs):
        pytest.skip("SaudiNewsNet not found")
    dry_run = IndexOptions(inputs, ALIAS, node.home, dry_run=True)
    expected = run_index(dry_run, None, ErrorSink(stream=io.StringIO())).succeeded

    run = rasd_index(node, inputs)
    engine = connect(node)
    deadline = time.monotonic() + 300
    while indexed_so_far(engine) < expected // 3:
        assert run.poll() is None, "the run ended before the engine was killed"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    pid = process.running_pid(process.EnginePaths(node.engine_home))
    os.kill(pid, signal.SIGKILL)  # mid-run: a third indexed
    _, err = run.communicate(timeout=300)
    assert run.returncode == 2
    assert "stopped answering" in err and "re-run the same command" in err
    assert "Traceback" not in err

    process.start(node)
    rerun = rasd_index(node, inputs)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode in (0, 1), err  # 1: the corpus has a few unreadable records
    engine = connect(node)
    engine.refresh(ALIAS)
    assert engine.count(ALIAS) == expected
    urls = engine.search(ALIAS, {"size": 0, "aggs": {"u": {"cardinality": {"field": "url"}}}})
    assert urls["aggregations"]["u"]["value"] == pytest.approx(expected, rel=0.01)
    settings = engine.request("GET", f"/{ALIAS}/_settings", params={"flat_settings": "true"})
    (index_settings,) = settings.values()
    assert index_settings["settings"].get("index.refresh_interval") != "-1"
