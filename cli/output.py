"""Console output, and the one place where expected errors become clear messages."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console
from rich.panel import Panel

from launcher.errors import EngineStartError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EXIT_FATAL = 2


def print_error(message: str, *, detail: str = "") -> None:
    """An error paragraph, with optional detail (such as a log tail) in a box below."""
    err_console.print(f"[bold red]Error:[/] {message}")
    if detail:
        err_console.print(Panel(detail, title="last lines of the log", expand=False))


def run_guarded(app: Callable[[], object]) -> None:
    """Run the typer app; users see messages, never tracebacks, for expected failures."""
    try:
        app()
    except EngineStartError as exc:
        print_error(exc.message, detail=exc.log_tail)
        sys.exit(EXIT_FATAL)
    except KeyboardInterrupt:
        print_error("interrupted.")
        sys.exit(130)
    except Exception as exc:
        from rasd.engine import EngineError  # here: the commands import it when they need it

        if not isinstance(exc, EngineError):
            raise
        print_error(str(exc))
        sys.exit(EXIT_FATAL)
