"""What every reader shares: the item type and decoding a file into an item or an error."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeAlias

from indexer.decode import Decoded, DecodeError, decode_bytes
from indexer.records import ItemError, Origin, RawRecord, add_warning

Item: TypeAlias = RawRecord | ItemError

# A line this long is no paragraph or JSON Lines record but a minified blob or junk,
# and line-based cleaning on it is slow; the line (or the text file) is refused.
MAX_LINE_CHARS = 1_000_000


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
