"""Errors the launcher reports to the user as one clear paragraph."""

from __future__ import annotations


class EngineStartError(Exception):
    """The embedded engine could not be provisioned or started.

    ``log_tail`` carries the last lines of the engine or tool output, shown under the
    message so the user sees why without opening a log file.
    """

    def __init__(self, message: str, *, log_tail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.log_tail = log_tail
