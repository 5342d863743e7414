"""Opaque cursors for deep paging: the last hit's sort values plus a point in time.

A cursor is tied to the query that made it (a hash of its parameters), so following it
with other filters is refused rather than silently mixing result sets.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

import orjson

from search_api.params import SearchParams


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    search_after: list[Any]
    pit_id: str | None
    query_hash: str

    def encode(self) -> str:
        raw = orjson.dumps({"sa": self.search_after, "pit": self.pit_id, "h": self.query_hash})
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, token: str, params: SearchParams) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            data = orjson.loads(raw)
            cursor = cls(list(data["sa"]), data.get("pit"), str(data["h"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidCursor("not a cursor this API issued") from exc
        if cursor.query_hash != query_hash(params):
            raise InvalidCursor("the cursor belongs to a different query or filters")
        return cursor


def query_hash(params: SearchParams) -> str:
    """What must stay the same while following cursors: query, filters, sort, size."""
    keep = params.model_dump(exclude={"page", "cursor", "facets"})
    keep["sort"] = params.effective_sort
    return hashlib.blake2b(
        orjson.dumps(keep, option=orjson.OPT_SORT_KEYS), digest_size=8
    ).hexdigest()
