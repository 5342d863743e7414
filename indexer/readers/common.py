"""What every reader shares: the item type and decoding a file into an item or an error."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeAlias

from indexer.decode import Decoded, DecodeError, decode_bytes
from indexer.records import ItemError, Origin, RawRecord, add_warning

Item: TypeAlias = RawRecord | ItemError

# A line this long is no paragraph or JSON Lines record but a minified blob or junk,
# and line-based cleaning on it is slow; the line (or the text file) is refused.
MAX_LINE_CHARS = 1_000_000


def scrubbed(value: object) -> object:
    """A value Python's json module decoded, with lone surrogates (the "\\ud83d" of an
    emoji cut in half) replaced by U+FFFD: no UTF-8 can hold them, and the index, the
    error file and the output would refuse the record. orjson refuses them itself."""
    if isinstance(value, str):
        return _LONE_SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {scrubbed(k): scrubbed(v) for k, v in value.items()}
    return value


_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def decode_item(data: bytes, origin: Origin) -> Decoded | ItemError:
    """The decoded file, or an error naming why it cannot be read as text."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return ItemError(origin, str(exc))
    if not decoded.text.strip():
        return ItemError(origin, "empty file" if not data else "file holds only whitespace")
    return decoded


def with_warning(items: Iterable[Item], warning: str | None) -> Iterator[Item]:
    """The items, each record carrying the decoder's warning (bytes it repaired)."""
    for item in items:
        if warning and isinstance(item, RawRecord):
            add_warning(item.metadata, warning)
        yield item


def overlong_line(text: str) -> tuple[int, int] | None:
    """(1-based line number, length) of the first line longer than MAX_LINE_CHARS."""
    if len(text) <= MAX_LINE_CHARS:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            return number, len(line)
    return None
