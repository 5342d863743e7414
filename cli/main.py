"""The ``rasd`` command. Thin: each subcommand calls into the packages that do the work.

The command modules import those packages inside their commands, not at the top: then
``rasd --help`` and every command start without loading what they do not use (the
indexer, trafilatura, the engine clients and the settings took two seconds in all).
"""

from __future__ import annotations

import typer

from cli import engine_commands, extract_command, index_commands, serve_command
from cli.output import run_guarded

app = typer.Typer(
    name="rasd",
    help="Rasd (رصد): a searchable knowledge base of Arabic security news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(engine_commands.app, name="engine")
app.add_typer(index_commands.app, name="index")
app.command("extract")(extract_command.extract)
app.command("serve")(serve_command.serve)


def main() -> None:
    run_guarded(app)
