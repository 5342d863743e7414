"""``rasd extract FILE...``: the documents Rasd would index, as JSON Lines on stdout.

The working packages are imported inside the commands (see ``cli.main``).
"""

from __future__ import annotations

import sys
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer

from cli.output import err_console
from indexer.formats import FORMATS

if TYPE_CHECKING:
    from indexer.document import BuiltDoc
    from search_api.labels import Labels

BATCH = 200
HIDDEN = ("story_bands", "story_signature")


def extract(
    files: Annotated[list[str], typer.Argument(help="Files, folders, globs, archives, or -.")],
    fmt: Annotated[str, typer.Option("--format", help=f"Input format: {', '.join(FORMATS)}.")] = (
        "auto"
    ),
    recursive: Annotated[bool, typer.Option("--recursive", "-r")] = False,
) -> None:
    """Print, as JSON Lines, the document each article would be indexed as, with labels
    for countries and organizations. Errors go to stderr with their origin.
    Exit code: 0 all succeeded, 1 some failed, 2 none did."""
    from indexer.document import build_batch
    from indexer.records import ItemError, RawRecord, Skipped
    from indexer.sources import list_inputs, read_inputs
    from search_api.labels import get_labels

    if fmt not in FORMATS:
        err_console.print(
            f"[red]Error:[/] unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}"
        )
        raise typer.Exit(2)
    labels = get_labels()
    ok = failed = 0
    listed = list_inputs(files, recursive=recursive, format=fmt)
    for entry in listed:
        if isinstance(entry, Skipped):
            print(f"skipped: {entry}", file=sys.stderr)
    items = read_inputs(listed, fmt)
    while chunk := list(islice(items, BATCH)):
        records = [i for i in chunk if isinstance(i, RawRecord)]
        errors = [i for i in chunk if isinstance(i, ItemError)]
        for result in build_batch(records):
            if isinstance(result, ItemError):
                errors.append(result)
            else:
                sys.stdout.buffer.write(orjson.dumps(labelled(result, labels)) + b"\n")
                ok += 1
        for error in errors:
            print(f"error: {error}", file=sys.stderr)  # one line each, never wrapped
        failed += len(errors)
    sys.stdout.flush()
    raise typer.Exit(0 if not failed and ok else (1 if ok else 2))


def labelled(doc: BuiltDoc, labels: Labels) -> dict[str, Any]:
    """The indexed document, internals hidden, entities with their labels."""
    source = {k: v for k, v in doc.source.items() if k not in HIDDEN}
    source["countries"] = [labels.country(c) for c in source["countries"]]
    source["organizations"] = [labels.organization(o) for o in source["organizations"]]
    source["places"] = [labels.place(p) for p in source["places"]]
    source["topics"] = [labels.topic(t) for t in source["topics"]]
    return source
