"""JSON Lines (.jsonl, .ndjson): one object per line; a bad line is reported with its
number and the lines around it are still read.

Lines gathered from several sources may not share an encoding: when a file is not all
valid UTF-8, each line that is valid UTF-8 is read as UTF-8 and only the others with
the encoding found for the file (or with their damaged bytes replaced)."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import orjson

from indexer.decode import Decoded, damaged_utf8, replaced_warning
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
    if _line_by_line(decoded):
        raw_lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
        lines = [_decode_line(raw, decoded) for raw in raw_lines]
    else:
        lines = [(line, None) for line in decoded.text.split("\n")]
    for number, (line, warning) in enumerate(lines, 1):
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
        yield from with_warning([record_from_mapping(obj, line_origin, fmt)], warning)


def _line_by_line(file: Decoded) -> bool:
    """Whether the lines are decoded one by one: the file is not all clean UTF-8, and
    its encoding can be cut into lines as bytes (UTF-16 and UTF-32 cannot)."""
    clean = file.encoding in ("utf-8", "utf-8-sig") and file.warning is None
    return not clean and not file.encoding.startswith(_WIDE_ENCODINGS)


def _decode_line(raw: bytes, file: Decoded) -> tuple[str, str | None]:
    """One line of a file that is not all clean UTF-8, and what was repaired in it."""
    try:
        return raw.decode("utf-8").replace("\x00", ""), None
    except UnicodeDecodeError:
        pass
    repaired = damaged_utf8(raw)
    if repaired is None and file.encoding == "utf-8":  # too damaged to tell: as UTF-8 still
        text = raw.decode("utf-8", "replace").replace("\x00", "")
        repaired = Decoded(text, "utf-8", replaced_warning(text))
    if repaired is not None:
        return repaired.text, repaired.warning
    return raw.decode(file.encoding, "replace").replace("\x00", ""), None
