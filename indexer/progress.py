"""Progress for ``rasd index``: a rich bar on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

LOG_EVERY_S = 5.0


class Reporter(Protocol):
    def start(self, total_bytes: int) -> None: ...
    def advance(self, *, input_bytes: int = 0, articles: int = 0) -> None: ...
    def stop(self) -> None: ...


def make_reporter(stream: TextIO | None = None, *, quiet: bool = False) -> Reporter:
    stream = stream or sys.stderr
    if quiet:
        return SilentReporter()
    return BarReporter(stream) if stream.isatty() else LogReporter(stream)


class SilentReporter:
    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, *, input_bytes: int = 0, articles: int = 0) -> None:
        pass

    def stop(self) -> None:
        pass


class _Rate:
    def __init__(self) -> None:
        self.began = time.monotonic()
        self.articles = 0
        self.done_bytes = 0
        self.total_bytes = 0

    def per_second(self) -> float:
        return self.articles / max(time.monotonic() - self.began, 1e-6)


class BarReporter(_Rate):
    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._progress = Progress(
            TextColumn("indexing"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles · {task.fields[rate]}/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self._task = self._progress.add_task("index", total=None, articles=0, rate="0")

    def start(self, total_bytes: int) -> None:
        self.total_bytes = total_bytes
        self._progress.update(self._task, total=total_bytes or None)
        self._progress.start()

    def advance(self, *, input_bytes: int = 0, articles: int = 0) -> None:
        self.articles += articles
        self._progress.update(
            self._task,
            advance=input_bytes,
            articles=self.articles,
            rate=f"{self.per_second():,.0f}",
        )

    def stop(self) -> None:
        self._progress.stop()


class LogReporter(_Rate):
    """One line every few seconds: logs of CI jobs and cron runs stay readable."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self._last = time.monotonic()

    def start(self, total_bytes: int) -> None:
        self.total_bytes = total_bytes

    def advance(self, *, input_bytes: int = 0, articles: int = 0) -> None:
        self.articles += articles
        self.done_bytes += input_bytes
        now = time.monotonic()
        if now - self._last >= LOG_EVERY_S:
            self._last = now
            share = (
                f", {self.done_bytes / self.total_bytes:.0%} of input" if self.total_bytes else ""
            )
            print(
                f"indexing: {self.articles:,} articles ({self.per_second():,.0f}/s){share}",
                file=self.stream,
                flush=True,
            )

    def stop(self) -> None:
        pass
