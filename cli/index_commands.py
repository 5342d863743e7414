"""``rasd index``: create the index, and (later) load articles into it."""

from __future__ import annotations

import typer

from cli.output import console
from rasd.engine import connect
from rasd.index_definition import ensure_index
from rasd.settings import get_settings

app = typer.Typer(help="Create the article index and load articles into it.", no_args_is_help=True)

IndexOption = typer.Option(None, "--index", help="Alias to use (default: RASD_INDEX).")


@app.command()
def init(index: str | None = IndexOption) -> None:
    """Create the index behind its alias (idempotent)."""
    alias = index or get_settings().index
    name = ensure_index(connect(), alias)
    console.print(f"Index ready: {alias} → {name}")
