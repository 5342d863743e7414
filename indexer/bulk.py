"""Sending documents to the engine's ``_bulk`` endpoint, resiliently.

Why not the clients' ``streaming_bulk`` helpers: they consume a generator, so when a
connection drops mid-chunk the chunk cannot be resent, and they retry only 429s. Rasd
needs whole-chunk retries with backoff on connection errors and 5xx, per-item retries
on 429, and a clear "engine is down" stop after which a re-run resumes. Bodies are
NDJSON built with orjson, chunked by bytes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from rasd.engine import Engine, EngineError, EngineUnavailable

DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024  # big enough to amortize, small enough for 1 GiB heaps
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


class EngineDown(Exception):
    """The engine stayed unreachable through every retry."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    doc_id: str
    ok: bool
    created: bool = False
    error: str | None = None


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8
    initial_backoff: float = 0.5
    max_backoff: float = 20.0

    def delays(self) -> Iterable[float]:
        """Exponential backoff with jitter, so parallel senders do not retry in step."""
        delay = self.initial_backoff
        for _ in range(self.attempts - 1):
            yield delay * (0.75 + random.random() / 2)
            delay = min(delay * 2, self.max_backoff)


def encode_actions(index: str, docs: Iterable[tuple[str, dict[str, Any]]]) -> list[bytes]:
    """One NDJSON action+source pair per document."""
    return [encode_action(index, doc_id, source) for doc_id, source in docs]


def encode_action(index: str, doc_id: str, source: dict[str, Any]) -> bytes:
    """The NDJSON action+source pair of one document. Raises TypeError for a source
    orjson cannot write (text no UTF-8 can hold, such as a lone surrogate)."""
    action = orjson.dumps({"index": {"_index": index, "_id": doc_id}})
    return action + b"\n" + orjson.dumps(source) + b"\n"


def chunk_by_bytes(pairs: list[bytes], max_bytes: int) -> list[list[bytes]]:
    chunks: list[list[bytes]] = []
    current: list[bytes] = []
    size = 0
    for pair in pairs:
        if current and size + len(pair) > max_bytes:
            chunks.append(current)
            current, size = [], 0
        current.append(pair)
        size += len(pair)
    if current:
        chunks.append(current)
    return chunks


class BulkSender:
    def __init__(
        self,
        engine: Engine,
        *,
        max_chunk_bytes: int = DEFAULT_CHUNK_BYTES,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.engine = engine
        self.max_chunk_bytes = max_chunk_bytes
        self.retry = retry or RetryPolicy()
        self.sleep = sleep

    def send(self, pairs: list[bytes]) -> list[ItemResult]:
        """Send encoded action pairs (see :func:`encode_actions`); one result each."""
        results: list[ItemResult] = []
        for chunk in chunk_by_bytes(pairs, self.max_chunk_bytes):
            results.extend(self._send_chunk(chunk))
        return results

    def _send_chunk(self, chunk: list[bytes]) -> list[ItemResult]:
        """Resend the whole chunk on transport errors and 5xx; resend only the items the
        engine rejected with 429 (its write queue was full)."""
        done: dict[int, ItemResult] = {}
        pending = list(range(len(chunk)))
        delays = iter(self.retry.delays())
        while pending:
            body = b"".join(chunk[i] for i in pending)
            try:
                answer = self.engine.request("POST", "/_bulk", body)
            except (EngineUnavailable, EngineError) as exc:
                if isinstance(exc, EngineUnavailable) or exc.status in RETRYABLE_STATUS:
                    self._wait(delays, exc)
                    continue
                raise
            retry_later = []
            for position, item in zip(pending, answer["items"], strict=True):
                outcome = next(iter(item.values()))
                if outcome.get("status") == 429:
                    retry_later.append(position)
                else:
                    done[position] = _item_result(outcome)
            pending = retry_later
            if pending:
                self._wait(delays, EngineError("the engine's write queue is full", status=429))
        return [done[i] for i in range(len(chunk))]

    def _wait(self, delays: Iterable[float], cause: Exception) -> None:
        delay = next(iter(delays), None)
        if delay is None:
            raise EngineDown(str(cause)) from cause
        self.sleep(delay)


def _item_result(outcome: dict[str, Any]) -> ItemResult:
    doc_id = str(outcome.get("_id"))
    status = int(outcome.get("status", 500))
    if 200 <= status < 300:
        return ItemResult(doc_id, ok=True, created=outcome.get("result") == "created")
    error = outcome.get("error") or {}
    reason = f"{error.get('type', status)}: {error.get('reason', 'rejected by the engine')}"
    if isinstance(error.get("caused_by"), dict):
        reason += f" ({error['caused_by'].get('reason')})"
    return ItemResult(doc_id, ok=False, error=reason)
