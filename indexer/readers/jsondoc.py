"""JSON documents: one article object, an array of them, or an object wrapping an array.

A truncated or broken array still gives up the records before the break: the whole
document is parsed at once with orjson (fast); when that fails, with Python's json
module, which also reads the NaN and Infinity that Python writes (as missing values);
and when that fails too, the array is walked element by element to keep what precedes
the damage. What Python's json module decodes is scrubbed of lone surrogates
(:func:`indexer.readers.common.scrubbed`), which orjson refuses and nothing can write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import orjson

from indexer.readers.common import Item, decode_item, scrubbed, with_warning
from indexer.readers.fields import FULL_TEXT_FIELDS, record_from_mapping
from indexer.records import ItemError, Origin

# Keys under which exports commonly wrap their list of articles, possibly a few levels
# down ({"data": {"items": […]}}, a search engine's {"hits": {"hits": […]}}).
WRAPPER_KEYS = ("articles", "items", "data", "records", "results", "posts", "entries",
                "hits", "docs", "response", "documents", "news")  # fmt: skip
MAX_WRAPPER_DEPTH = 3
_SPACE_RE = re.compile(r"\s*")


def read(data: bytes, origin: Origin, fmt: str = "json") -> Iterator[Item]:
    try:
        # UTF-8 JSON, the usual case, parses straight from the bytes: orjson validates
        # the UTF-8 itself, and decoding first would copy the text twice.
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        decoded = decode_item(data, origin)
        if isinstance(decoded, ItemError):
            yield decoded
        else:
            yield from with_warning(_read_text(decoded.text, origin, fmt), decoded.warning)
        return
    yield from _records(document, origin, fmt)


def _read_text(text: str, origin: Origin, fmt: str) -> Iterator[Item]:
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        try:
            document = scrubbed(json.loads(text, parse_constant=_missing))
        except (json.JSONDecodeError, RecursionError):
            if text.lstrip().startswith("["):
                yield from _salvage_array(text, origin, fmt)
            else:
                yield ItemError(origin, f"invalid JSON: {exc}")
            return
    yield from _records(document, origin, fmt)


def _missing(constant: str) -> None:
    """NaN, Infinity and -Infinity, which standard JSON has not: no value."""
    return None


def _records(document: object, origin: Origin, fmt: str) -> Iterator[Item]:
    if isinstance(document, dict):
        document = _unwrap(document)
    if isinstance(document, list):
        if not document:
            yield ItemError(origin, "no articles: the JSON array is empty")
        for index, obj in enumerate(document):
            yield record_from_mapping(obj, Origin(origin.path, origin.member, record=index), fmt)
    else:
        yield record_from_mapping(document, origin, fmt)


def _unwrap(document: dict[str, object], depth: int = 0) -> object:
    """The article list inside ``{"articles": [...]}`` (or ``{"data": {"items": [...]}}``),
    unless the object is an article."""
    keys = {key.lower() for key in document}
    # A feed describes itself ("description"), an article has a text.
    if keys.isdisjoint(FULL_TEXT_FIELDS) and depth < MAX_WRAPPER_DEPTH:
        for key, value in document.items():
            if key.lower() not in WRAPPER_KEYS:
                continue
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                inner = _unwrap(value, depth + 1)
                if isinstance(inner, list):
                    return inner
    return document


def _salvage_array(text: str, origin: Origin, fmt: str) -> Iterator[Item]:
    """Read a broken array element by element up to the first damage, then report it."""
    decoder = json.JSONDecoder(parse_constant=_missing)
    position = _SPACE_RE.match(text, text.index("[") + 1).end()
    index = 0
    if text.startswith("]", position):
        yield ItemError(origin, "no articles: the JSON array is empty")
        return
    while True:
        try:
            obj, position = decoder.raw_decode(text, position)
            obj = scrubbed(obj)
        except json.JSONDecodeError as exc:
            yield _break(origin, index, f"{exc.msg} (line {exc.lineno}, column {exc.colno})")
            return
        except RecursionError:  # "[[[[…": deeper than any article
            yield _break(origin, index, "arrays or objects nested too deeply")
            return
        yield record_from_mapping(obj, Origin(origin.path, origin.member, record=index), fmt)
        index += 1
        position = _SPACE_RE.match(text, position).end()
        if text.startswith(",", position):
            position = _SPACE_RE.match(text, position + 1).end()
            if text.startswith("]", position) and not text[position + 1 :].strip():
                return  # a trailing comma ("[{…}, {…},]"), as some exporters write: no loss
        elif text.startswith("]", position):
            if text[position + 1 :].strip():
                yield ItemError(origin, f"unexpected data after the array's {index} records")
            return
        else:
            where = "end of file" if position >= len(text) else f"character {position}"
            yield _break(origin, index, f"expected ',' or ']' at {where}")
            return


def _break(origin: Origin, index: int, detail: str) -> ItemError:
    kept = f"records 0-{index - 1} were read" if index else "no record before it was read"
    return ItemError(
        Origin(origin.path, origin.member, record=index),
        f"JSON array broken at record {index}: {detail}; {kept}",
    )
