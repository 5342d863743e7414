"""The embedded engine's life cycle, on a node of its own (own home, own ports)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from launcher import process
from launcher.errors import EngineStartError
from launcher.provision import find_java
from rasd.engine import connect
from rasd.settings import Settings

pytestmark = [pytest.mark.engine, pytest.mark.slow]


def free_port_pair() -> int:
    """A port p with p and p + 100 (the transport port) both free."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port + 100 < 65536 and not process._port_taken(port + 100):
            return port
    raise RuntimeError("no free port pair")


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = Settings(
        home=tmp_path_factory.mktemp("rasd-home"),
        engine_port=free_port_pair(),
        engine_heap="256m",
        engine_url=None,
    )
    yield settings
    process.stop(settings)


def test_start_is_idempotent(node: Settings) -> None:
    first = process.start(node)
    again = process.start(node)
    assert again.already_running and again.pid == first.pid
    assert connect(node).health()["status"] in ("green", "yellow")


def test_listens_on_loopback_only(node: Settings) -> None:
    process.start(node)
    info = connect(node).request("GET", "/_nodes/_local/http")
    (node_info,) = info["nodes"].values()
    addresses = node_info["http"]["bound_address"]
    assert addresses and all(a.startswith(("127.0.0.1", "[::1]")) for a in addresses)


def test_documents_survive_stop_and_start(node: Settings) -> None:
    process.start(node)
    engine = connect(node)
    engine.request("PUT", "/persist-check/_doc/1", {"title": "وزارة الداخلية"}, {"refresh": True})
    assert process.stop(node)
    assert process.running_pid(process.EnginePaths(node.engine_home)) is None
    assert not process.stop(node)  # stopping a stopped engine says so
    process.start(node)
    engine = connect(node)
    assert engine.get("persist-check", "1")["_source"]["title"] == "وزارة الداخلية"


def test_port_taken_fails_fast_with_a_clear_message(node: Settings) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        other = node.model_copy(update={"home": node.home / "other", "engine_port": port})
        began = time.monotonic()
        with pytest.raises(EngineStartError, match=rf"Port {port} .* already in use"):
            process.start(other)
        assert time.monotonic() - began < 5


def test_cli_reports_port_taken_without_traceback(node: Settings, tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        env = {
            **os.environ,
            "RASD_HOME": str(tmp_path),
            "RASD_ENGINE_PORT": str(blocker.getsockname()[1]),
        }
        env.pop("RASD_ENGINE_URL", None)
        result = subprocess.run(
            [sys.executable, "-m", "cli", "engine", "start"],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_java_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineStartError, match="Java was not found"):
        find_java(None)


def test_missing_maven_is_reported(node: Settings, tmp_path: Path) -> None:
    fresh = node.model_copy(
        update={"home": tmp_path, "maven": "/nonexistent/mvn", "engine_port": free_port_pair()}
    )
    with pytest.raises(EngineStartError, match=r"Maven .* was not found"):
        process.start(fresh)


def test_cli_start_brings_the_article_index(node: Settings) -> None:
    """What a user checks first: `rasd engine start`, then _analyze on rasd-articles."""
    env = {
        **os.environ,
        "RASD_HOME": str(node.home),
        "RASD_ENGINE_PORT": str(node.engine_port),
        "RASD_ENGINE_HEAP": node.engine_heap,
        "RASD_INDEX": "rasd-articles",
    }
    env.pop("RASD_ENGINE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "cli", "engine", "start"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "rasd-articles" in result.stdout
    engine = connect(node)

    def tokens(text: str) -> set[str]:
        body = {"field": "body", "text": text}
        return {
            t["token"] for t in engine.request("POST", "/rasd-articles/_analyze", body)["tokens"]
        }

    assert tokens("والإرهابيين") & tokens("الإرهابي")
    assert tokens("الإنتربول") == tokens("الانتربول")
