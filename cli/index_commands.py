"""``rasd index PATH...`` loads articles; ``rasd index init`` creates the index.

The working packages are imported inside the commands (see ``cli.main``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from typer.core import TyperGroup

from cli.output import EXIT_FATAL, console, print_error
from indexer.formats import FORMATS

if TYPE_CHECKING:
    from indexer.pipeline import IndexOptions, Summary


class _PathsByDefault(TyperGroup):
    """``rasd index a.txt b/`` means ``rasd index run a.txt b/``: paths go straight
    after ``index``, and ``init`` stays a subcommand. (A file named "init" is ./init.)"""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


SKIPPED_SHOWN = 20  # passed-over files named one by one; the rest are counted

app = typer.Typer(
    cls=_PathsByDefault,
    help="Load articles (rasd index PATH...) or create the index (rasd index init).",
    no_args_is_help=True,
)

IndexOption = Annotated[
    str | None, typer.Option("--index", help="Alias to use (default: RASD_INDEX).")
]


@app.command()
def init(index: IndexOption = None) -> None:
    """Create the index behind its alias (idempotent)."""
    from rasd.engine import connect
    from rasd.index_definition import ensure_index
    from rasd.settings import get_settings

    alias = index or get_settings().index
    name = ensure_index(connect(), alias)
    console.print(f"Index ready: {alias} → {name}")


@app.command("run")
def index_paths(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, archives, or - for stdin.")
    ],
    index: IndexOption = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Descend into folders.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help=f"Input format: {', '.join(FORMATS)}.")] = (
        "auto"
    ),
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, max=10_000, help="Articles per extraction batch.")
    ] = 500,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=0, help="Extraction processes (default: CPUs; 0: inline)."),
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every failed item here as JSON Lines.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and extract; index nothing.")
    ] = False,
) -> None:
    """Read, extract and index articles. Exit code: 0 all indexed, 1 some items failed,
    2 nothing indexed or a fatal error."""
    from indexer.errors import ErrorSink
    from indexer.pipeline import IndexOptions, run
    from indexer.progress import make_reporter
    from rasd.engine import EngineUnavailable, connect
    from rasd.settings import get_settings

    if fmt not in FORMATS:
        print_error(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_FATAL)
    settings = get_settings()
    options = IndexOptions(
        paths=paths,
        alias=index or settings.index,
        home=settings.home,
        recursive=recursive,
        format=fmt,
        batch_size=batch_size,
        dry_run=dry_run,
        bulk_attempts=settings.bulk_attempts,
    )
    if workers is not None:
        options.workers = workers
    engine = None
    if not dry_run:
        try:
            engine = connect(settings)
        except EngineUnavailable as exc:
            print_error(str(exc))
            raise typer.Exit(EXIT_FATAL) from None
    sink = ErrorSink(errors)
    try:
        summary = run(options, engine, sink, make_reporter(sys.stderr))
    finally:
        sink.close()
    _print_summary(summary, options)
    raise typer.Exit(summary.exit_code)


def _print_summary(summary: Summary, options: IndexOptions) -> None:
    for skipped in summary.skipped[:SKIPPED_SHOWN]:
        print(f"skipped: {skipped}", file=sys.stderr)
    if len(summary.skipped) > SKIPPED_SHOWN:
        print(f"skipped: … and {len(summary.skipped) - SKIPPED_SHOWN:,} more", file=sys.stderr)
    if summary.fatal:
        print_error(summary.fatal)
    title = "would index (dry run)" if options.dry_run else f"indexed into {options.alias}"
    table = Table(title=title, show_header=False)
    rows = [
        ("files read", summary.files),
        ("files skipped (already done, resumed)", summary.resumed_files),
        ("files and folders passed over", len(summary.skipped)),
        ("articles indexed (new)", summary.indexed),
        ("articles updated", summary.updated),
        ("articles unchanged", summary.unchanged),
        ("exact duplicates (indexed, linked)", summary.duplicate),
        ("failed items", summary.failed),
        ("elapsed", f"{summary.elapsed:.1f} s"),
        ("articles/s", f"{summary.rate:,.0f}"),
    ]
    for label, value in rows:
        if label.startswith(("files skipped", "files and folders")) and not value:
            continue
        table.add_row(label, f"{value:,}" if isinstance(value, int) else value)
    console.print(table)
