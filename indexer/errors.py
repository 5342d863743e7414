"""Where bad items go: a line each on stderr (up to a limit) and, with ``--errors``, every
one of them as JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import orjson

from indexer.records import ItemError

SHOWN_ON_CONSOLE = 50


class ErrorSink:
    def __init__(self, errors_file: Path | None = None, stream: TextIO | None = None) -> None:
        self.count = 0
        self.stream = stream or sys.stderr
        self._file = errors_file.open("wb") if errors_file else None

    def add(self, error: ItemError) -> None:
        self.count += 1
        if self.count <= SHOWN_ON_CONSOLE:
            print(f"error: {error}", file=self.stream)
        elif self.count == SHOWN_ON_CONSOLE + 1:
            hint = " (all of them are in the --errors file)" if self._file else ""
            print(f"error: … further errors are counted, not shown{hint}", file=self.stream)
        if self._file:
            self._file.write(orjson.dumps(error.to_dict()) + b"\n")

    def close(self) -> None:
        if self._file:
            self._file.close()
