"""cli.output.run_guarded: expected failures become messages and exit codes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cli.output import EXIT_FATAL, run_guarded
from launcher.errors import EngineStartError
from rasd.engine import EngineUnavailable


def _raising(exc: BaseException) -> Callable[[], None]:
    """A stand-in for the typer app that fails so."""

    def app() -> None:
        raise exc

    return app


def test_engine_errors_are_a_message_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run_guarded(_raising(EngineUnavailable("the engine at http://127.0.0.1:1 is down")))
    assert exited.value.code == EXIT_FATAL
    err = capsys.readouterr().err
    assert "the engine at http://127.0.0.1:1 is down" in err
    assert "Traceback" not in err


def test_engine_start_errors_show_the_log_tail(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run_guarded(_raising(EngineStartError("could not start", log_tail="java: no heap")))
    assert exited.value.code == EXIT_FATAL
    assert "java: no heap" in capsys.readouterr().err


def test_interrupt_exits_130() -> None:
    with pytest.raises(SystemExit) as exited:
        run_guarded(_raising(KeyboardInterrupt()))
    assert exited.value.code == 130


def test_bugs_are_not_hidden() -> None:
    with pytest.raises(ZeroDivisionError):
        run_guarded(_raising(ZeroDivisionError("a bug")))
