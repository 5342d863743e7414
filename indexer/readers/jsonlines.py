"""JSON Lines (.jsonl, .ndjson): one object per line; a bad line is reported with its
number and the lines around it are still read."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from indexer.readers.common import MAX_LINE_CHARS, Item, decode_item
from indexer.readers.fields import record_from_mapping
from indexer.records import ItemError, Origin


def read(data: bytes, origin: Origin, fmt: str = "jsonl") -> Iterator[Item]:
    decoded = decode_item(data, origin)
    if isinstance(decoded, ItemError):
        yield decoded
        return
    # split("\n"), not splitlines(): U+2028 and friends may sit inside JSON strings.
    for number, line in enumerate(decoded.text.split("\n"), 1):
        line_origin = Origin(origin.path, origin.member, line=number)
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            yield ItemError(
                line_origin, f"line is {len(line):,} characters; the limit is {MAX_LINE_CHARS:,}"
            )
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield ItemError(line_origin, f"invalid JSON: {exc}")
            continue
        yield record_from_mapping(obj, line_origin, fmt)
