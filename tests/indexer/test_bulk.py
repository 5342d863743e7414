"""The bulk sender's retry rules, with a scripted stand-in for the engine's _bulk."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from indexer.bulk import BulkSender, EngineDown, RetryPolicy, chunk_by_bytes, encode_actions
from rasd.engine import EngineError, EngineUnavailable


class ScriptedEngine:
    """Answers each _bulk call from a script: an exception, or per-item statuses."""

    def __init__(self, script: list[Any]) -> None:
        self.script = script
        self.bodies: list[bytes] = []

    def request(self, method: str, path: str, body: bytes, params: Any = None) -> Any:
        self.bodies.append(body)
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        lines = body.splitlines()[::2]
        ids = [orjson.loads(line)["index"]["_id"] for line in lines]
        return {"items": [{"index": {"_id": i, "status": s, "result": "created"}}
                          for i, s in zip(ids, step, strict=True)]}  # fmt: skip


def sender(engine: ScriptedEngine, attempts: int = 4) -> BulkSender:
    return BulkSender(engine, retry=RetryPolicy(attempts=attempts), sleep=lambda _: None)


PAIRS = encode_actions("idx", [(str(i), {"title": f"خبر {i}"}) for i in range(3)])


def test_chunks_respect_the_byte_limit() -> None:
    chunks = chunk_by_bytes(PAIRS, max_bytes=len(PAIRS[0]) + len(PAIRS[1]))
    assert [len(c) for c in chunks] == [2, 1]


def test_connection_errors_resend_the_chunk() -> None:
    engine = ScriptedEngine([EngineUnavailable("down"), [201, 201, 201]])
    results = sender(engine).send(PAIRS)
    assert all(r.ok and r.created for r in results)
    assert engine.bodies[0] == engine.bodies[1]


def test_only_items_rejected_with_429_are_resent() -> None:
    engine = ScriptedEngine([[201, 429, 201], [201]])
    results = sender(engine).send(PAIRS)
    assert [r.doc_id for r in results] == ["0", "1", "2"] and all(r.ok for r in results)
    assert engine.bodies[1].count(b'"_id":"1"') == 1 and b'"_id":"0"' not in engine.bodies[1]


def test_item_errors_are_results_not_exceptions() -> None:
    engine = ScriptedEngine([[201, 400, 201]])
    results = sender(engine).send(PAIRS)
    assert [r.ok for r in results] == [True, False, True]


def test_engine_that_stays_down_raises_engine_down() -> None:
    engine = ScriptedEngine([EngineUnavailable("down")] * 4)
    with pytest.raises(EngineDown):
        sender(engine, attempts=4).send(PAIRS)
    assert len(engine.bodies) == 4


def test_a_rejected_request_is_not_retried() -> None:
    engine = ScriptedEngine([EngineError("bad request", status=400)])
    with pytest.raises(EngineError):
        sender(engine).send(PAIRS)
    assert len(engine.bodies) == 1
