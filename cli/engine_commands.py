"""``rasd engine start | stop | status | logs``.

The working packages are imported inside the commands (see ``cli.main``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cli.output import EXIT_FATAL, console, print_error

app = typer.Typer(help="Run the embedded OpenSearch engine.", no_args_is_help=True)


@app.command()
def start() -> None:
    """Provision (first time) and start the engine; wait until it is ready."""
    from launcher import process
    from rasd.engine import connect
    from rasd.index_definition import ensure_index
    from rasd.index_tuning import restore_all
    from rasd.settings import get_settings

    settings = get_settings()
    if settings.engine_url:
        console.print(
            f"RASD_ENGINE_URL is set: Rasd uses {settings.engine_url}, not the "
            "embedded engine. Nothing to start."
        )
        return
    result = process.start(settings)
    engine = connect(settings)
    restored = [] if result.already_running else restore_all(engine)
    # The article index (empty at first) comes with the engine: search, _analyze and
    # `rasd serve` work straight after a first start.
    index = ensure_index(engine, settings.index)
    if result.already_running:
        console.print(
            f"The engine is already running (pid {result.pid}) on {settings.local_engine_url}; "
            f"index {settings.index} ({index})."
        )
        return
    if restored:
        console.print(
            f"Restored the normal settings of {', '.join(restored)} (a load was "
            "interrupted; re-run it to finish)."
        )
    memory = process.resident_memory_mib(result.pid)
    console.print(
        f"[green]Engine started[/] on {settings.local_engine_url} (pid {result.pid}) in "
        f"{result.seconds:.1f} s; resident memory {memory or 0:.0f} MiB; data in "
        f"{process.EnginePaths(settings.engine_home).data}; index {settings.index} ({index})."
    )


@app.command()
def stop() -> None:
    """Stop the engine gracefully (SIGTERM, then wait)."""
    from launcher import process
    from rasd.settings import get_settings

    began = time.monotonic()
    if process.stop(get_settings()):
        console.print(f"Engine stopped in {time.monotonic() - began:.1f} s.")
    else:
        console.print("The engine is not running.")


@app.command()
def status() -> None:
    """Version, health, indices and document counts."""
    from launcher import process
    from rasd.engine import EngineUnavailable, connect
    from rasd.settings import get_settings

    settings = get_settings()
    pid = (
        None
        if settings.engine_url
        else process.running_pid(process.EnginePaths(settings.engine_home))
    )
    try:
        engine = connect(settings)
    except EngineUnavailable as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    health = engine.health()
    where = f"pid {pid}, " if pid else ""
    memory = process.resident_memory_mib(pid) if pid else None
    console.print(
        f"{engine.flavor} {engine.version} at {engine.url} ({where}cluster "
        f"{health['cluster_name']}: [bold]{health['status']}[/]"
        + (f", resident memory {memory:.0f} MiB" if memory else "")
        + ")"
    )
    indices = engine.request(
        "GET",
        "/_cat/indices",
        params={"format": "json", "h": "index,health,docs.count,store.size", "s": "index"},
    )
    aliases = engine.request("GET", "/_cat/aliases", params={"format": "json"})
    alias_of = {}
    for row in aliases:
        alias_of.setdefault(row["index"], []).append(row["alias"])
    table = Table("index", "aliases", "health", "documents", "size")
    for row in indices:
        if row["index"].startswith("."):
            continue
        table.add_row(
            row["index"],
            ", ".join(alias_of.get(row["index"], [])),
            row["health"],
            row["docs.count"],
            row["store.size"],
        )
    console.print(table)


@app.command()
def logs(
    lines: Annotated[int, typer.Option("--lines", "-n", min=1, help="How many lines.")] = 50,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new lines.")
    ] = False,
) -> None:
    """The last lines of the engine's log."""
    from launcher import process
    from rasd.settings import get_settings

    paths = process.EnginePaths(get_settings().engine_home)
    console.print(process.log_tail(paths, lines), markup=False)
    if follow:
        _follow(paths.main_log)


def _follow(log: Path) -> None:
    with log.open("r", encoding="utf-8", errors="replace") as fh:
        fh.seek(0, 2)
        while True:
            line = fh.readline()
            if line:
                console.print(line.rstrip("\n"), markup=False)
            else:
                time.sleep(0.5)
