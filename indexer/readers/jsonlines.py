"""JSON Lines (.jsonl, .ndjson): one object per line; a bad line is reported with its
number and the lines around it are still read.

Lines gathered from several sources may not share an encoding: when a file is not all
valid UTF-8, each line that is valid UTF-8 is read as UTF-8 and only the others with
the encoding found for the file (or with their damaged bytes replaced)."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator

import orjson

from indexer.decode import Decoded, DecodeError, damaged_utf8, decode_bytes, replaced_warning
from indexer.readers.common import MAX_LINE_CHARS, Item, decode_item, with_warning
from indexer.readers.fields import record_from_mapping
from indexer.records import ItemError, Origin

_WIDE_ENCODINGS = ("utf-16", "utf-32")  # their lines cannot be cut as bytes


def read(data: bytes, origin: Origin, fmt: str = "jsonl") -> Iterator[Item]:
    decoded = decode_item(data, origin)
    if isinstance(decoded, ItemError):
        yield decoded
        return
    # split("\n"), not splitlines(): U+2028 and friends may sit inside JSON strings.
    lines: Iterable[tuple[str, str | None] | None]
    if _line_by_line(decoded):
        raw_lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
        lines = (_decode_line(raw, decoded.encoding) for raw in raw_lines)
    else:
        lines = ((line, None) for line in decoded.text.split("\n"))
    yield from _records(lines, origin, fmt)


def read_stream(
    raw_lines: Iterable[bytes | None], encoding: str, origin: Origin, fmt: str = "jsonl"
) -> Iterator[Item]:
    """The lines of a file too big to hold whole, each decoded on its own (UTF-8, else
    ``encoding``, the one found for the file's start). ``None`` stands for a line that
    was too long to read."""
    lines = (None if raw is None else _decode_line(raw, encoding) for raw in raw_lines)
    yield from _records(lines, origin, fmt)


def _records(
    lines: Iterable[tuple[str, str | None] | None], origin: Origin, fmt: str
) -> Iterator[Item]:
    """Records of (text, repair warning) lines; ``None`` is a line too long to read."""
    for number, decoded_line in enumerate(lines, 1):
        line_origin = Origin(origin.path, origin.member, line=number)
        if decoded_line is None:
            yield ItemError(line_origin, f"line is longer than {MAX_LINE_CHARS:,} characters")
            continue
        line, warning = decoded_line
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
        yield from with_warning([record_from_mapping(obj, line_origin, fmt)], warning)


def _line_by_line(file: Decoded) -> bool:
    """Whether the lines are decoded one by one: the file is not all clean UTF-8, and
    its encoding can be cut into lines as bytes (UTF-16 and UTF-32 cannot)."""
    clean = file.encoding in ("utf-8", "utf-8-sig") and file.warning is None
    return not clean and not file.encoding.startswith(_WIDE_ENCODINGS)


def _decode_line(raw: bytes, encoding: str) -> tuple[str, str | None]:
    """One line of a file that is not all clean UTF-8 (``encoding`` is the file's), and
    what was repaired in it."""
    try:
        return raw.decode("utf-8").replace("\x00", ""), None
    except UnicodeDecodeError:
        pass
    repaired = damaged_utf8(raw)
    if repaired is None and encoding.startswith("utf-8"):
        # A UTF-8 file with a line from elsewhere: the line's own encoding, if any.
        try:
            repaired = decode_bytes(raw)
        except DecodeError:
            text = raw.decode("utf-8", "replace").replace("\x00", "")
            repaired = Decoded(text, "utf-8", replaced_warning(text))
    if repaired is not None:
        return repaired.text, repaired.warning
    return raw.decode(encoding, "replace").replace("\x00", ""), None
