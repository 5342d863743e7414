"""Which inputs of an interrupted run were fully indexed, so a re-run skips them.

Ids are deterministic and unchanged articles are never rewritten, so re-running from
scratch is already safe; the checkpoint only makes it fast. One JSON line per finished
input, keyed by path, size and modification time (a changed file is read again). The
file is removed when a run completes.

An input counts as finished only ``SETTLE_S`` after its last document was acknowledged:
during a load the engine syncs its translog every few seconds (``index_tuning``), so an
acknowledgement younger than that could still be lost if the engine is killed.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import orjson

from indexer.records import printable

# Longer than the engine's translog sync interval during loads (5 s).
SETTLE_S = 10.0


class Checkpoint:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._done: set[str] = set()
        self._settling: list[tuple[float, str]] = []
        if path.exists():
            for line in path.read_bytes().splitlines():
                try:
                    self._done.add(orjson.loads(line)["key"])
                except (orjson.JSONDecodeError, KeyError, TypeError):
                    continue  # a line cut short by a crash: that input is simply redone

    @classmethod
    def for_run(cls, home: Path, alias: str, paths: list[str]) -> Checkpoint:
        named = "\0".join([alias, *sorted(paths)]).encode("utf-8", "surrogateescape")
        digest = hashlib.sha1(named).hexdigest()[:12]
        return cls(home / "checkpoints" / f"{alias}-{digest}.jsonl")

    @property
    def resumed(self) -> int:
        return len(self._done)

    def is_done(self, input_path: str) -> bool:
        return _key(input_path) in self._done

    def mark_done(self, input_path: str) -> None:
        """Every document of the input was acknowledged; recorded once it settles."""
        self._settling.append((time.monotonic(), input_path))
        self.record_settled()

    def record_settled(self, *, settle_s: float = SETTLE_S) -> None:
        """Write down the inputs acknowledged more than ``settle_s`` ago, with one sync
        for all of them (a folder of small pages settles hundreds at a time)."""
        now = time.monotonic()
        lines = []
        while self._settling and now - self._settling[0][0] >= settle_s:
            input_path = self._settling.pop(0)[1]
            key = _key(input_path)
            if key is not None and key not in self._done:
                self._done.add(key)
                lines.append(orjson.dumps({"key": key, "path": printable(input_path)}) + b"\n")
        if lines:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as fh:
                fh.write(b"".join(lines))
                fh.flush()
                os.fsync(fh.fileno())

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _key(input_path: str) -> str | None:
    """Path + size + mtime; None for stdin, which cannot be resumed."""
    if input_path == "-":
        return None
    try:
        stat = os.stat(input_path)
    except OSError:
        return None
    return f"{printable(os.path.abspath(input_path))}|{stat.st_size}|{stat.st_mtime_ns}"
