"""Start, stop and inspect the embedded OpenSearch node.

Layout under ``RASD_HOME/engine``: ``config/`` (written at every start from settings),
``data/`` (kept across restarts), ``logs/`` (``rasd.log`` from log4j, ``stdout.log``
from the JVM), ``tmp/``, ``engine.pid``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from launcher.errors import EngineStartError
from launcher.provision import LAUNCHER_DIR, MAIN_CLASS, provision
from rasd.settings import Settings

STOP_TIMEOUT_S = 60.0
LOG_TAIL_LINES = 30


@dataclass(frozen=True)
class EnginePaths:
    home: Path

    @property
    def config(self) -> Path:
        return self.home / "config"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def tmp(self) -> Path:
        return self.home / "tmp"

    @property
    def pid_file(self) -> Path:
        return self.home / "engine.pid"

    @property
    def main_log(self) -> Path:
        return self.logs / "rasd.log"

    @property
    def stdout_log(self) -> Path:
        return self.logs / "stdout.log"


@dataclass(frozen=True)
class StartResult:
    pid: int
    already_running: bool
    seconds: float


def running_pid(paths: EnginePaths) -> int | None:
    """The pid of our node if it is alive; a stale pid file is removed."""
    try:
        pid = int(paths.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        cmdline = b""
    if MAIN_CLASS.encode() in cmdline and str(paths.home).encode() in cmdline:
        return pid
    paths.pid_file.unlink(missing_ok=True)
    return None


def resident_memory_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def start(settings: Settings) -> StartResult:
    """Provision if needed, start the node in the background, wait until it is yellow."""
    began = time.monotonic()
    paths = EnginePaths(settings.engine_home)
    pid = running_pid(paths)
    if pid is not None:
        _wait_until_ready(settings, paths, pid, began)
        return StartResult(pid, already_running=True, seconds=time.monotonic() - began)

    for port, what in ((settings.engine_port, "HTTP"), (settings.transport_port, "transport")):
        if _port_taken(port):
            raise EngineStartError(
                f"Port {port} on 127.0.0.1 (the engine's {what} port) is already in use by "
                "another program, so the embedded engine cannot start. Stop that program, or "
                f"choose other ports with RASD_ENGINE_PORT (HTTP; transport is HTTP + 100) "
                "or RASD_ENGINE_TRANSPORT_PORT."
            )

    built = provision(settings.engine_home, java_home=settings.java_home, maven=settings.maven)
    _write_config(settings, paths)
    command = [
        str(built.java),
        f"-Xms{settings.engine_heap}",
        f"-Xmx{settings.engine_heap}",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        f"-Djava.io.tmpdir={paths.tmp}",
        "-Dlog4j2.formatMsgNoLookups=true",
        "-Dfile.encoding=UTF-8",
        "-Dio.netty.noUnsafe=true",
        "-Dio.netty.recycler.maxCapacityPerThread=0",
        "-cp",
        built.classpath,
        MAIN_CLASS,
        str(paths.home),
    ]
    with paths.stdout_log.open("ab") as out:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=paths.home,
            start_new_session=True,  # survives the CLI and is not hit by its Ctrl-C
        )
    paths.pid_file.write_text(f"{process.pid}\n")
    _wait_until_ready(settings, paths, process.pid, began, process=process)
    return StartResult(process.pid, already_running=False, seconds=time.monotonic() - began)


def stop(settings: Settings) -> bool:
    """SIGTERM and wait for a clean shutdown; SIGKILL only past the timeout.

    Returns False when no engine was running."""
    paths = EnginePaths(settings.engine_home)
    pid = running_pid(paths)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 10)
    paths.pid_file.unlink(missing_ok=True)
    return True


def log_tail(paths: EnginePaths, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of the engine's log (log4j file, or JVM output if that is empty)."""
    for log in (paths.main_log, paths.stdout_log):
        if log.exists() and log.stat().st_size:
            with log.open("rb") as fh:
                fh.seek(max(0, log.stat().st_size - 256 * 1024))
                text = fh.read().decode("utf-8", errors="replace")
            return "\n".join(text.splitlines()[-lines:])
    return ""


def _write_config(settings: Settings, paths: EnginePaths) -> None:
    for folder in (paths.config, paths.data, paths.logs, paths.tmp):
        folder.mkdir(parents=True, exist_ok=True)
    # JSON is valid YAML; paths and strings are quoted safely this way.
    yml = "\n".join(
        [
            "cluster.name: rasd",
            "node.name: rasd",
            "network.host: 127.0.0.1",  # loopback only, never a public interface
            f"http.port: {settings.engine_port}",
            f"transport.port: {settings.transport_port}",
            "discovery.type: single-node",
            f'path.data: "{paths.data}"',
            f'path.logs: "{paths.logs}"',
            # A laptop disk past 90% would otherwise turn every index read-only.
            "cluster.routing.allocation.disk.threshold_enabled: false",
            # Rasd's indices are its main load: a larger in-memory buffer means fewer,
            # larger segments during bulk loads, so less merging.
            "indices.memory.index_buffer_size: 25%",
            "action.destructive_requires_name: true",
            "",
        ]
    )
    (paths.config / "opensearch.yml").write_text(yml)
    log4j = (LAUNCHER_DIR / "config" / "log4j2.properties").read_text()
    (paths.config / "log4j2.properties").write_text(log4j)


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie child (we are its parent) counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_gone(pid: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)


def _wait_until_ready(
    settings: Settings,
    paths: EnginePaths,
    pid: int,
    began: float,
    *,
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    url = f"{settings.local_engine_url}/_cluster/health"
    deadline = began + settings.engine_start_timeout
    with httpx.Client(timeout=5.0) as http:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                paths.pid_file.unlink(missing_ok=True)
                raise EngineStartError(
                    f"The engine process exited with code {process.returncode} while starting.",
                    log_tail=log_tail(paths),
                )
            if process is None and not _alive(pid):
                raise EngineStartError("The engine process died.", log_tail=log_tail(paths))
            try:
                health = http.get(url, params={"wait_for_status": "yellow", "timeout": "2s"})
                if health.status_code == 200 and health.json()["status"] in ("yellow", "green"):
                    return
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(0.5)
    if process is not None:
        process.terminate()
        paths.pid_file.unlink(missing_ok=True)
    raise EngineStartError(
        f"The engine did not become ready within {settings.engine_start_timeout:.0f} s "
        "(RASD_ENGINE_START_TIMEOUT).",
        log_tail=log_tail(paths),
    )
