"""Readers: one module per input format. Each turns the bytes of one file (or zip
member) into RawRecords and ItemErrors; a bad item never stops the others."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from indexer.decode import peek_text
from indexer.formats import FORMATS, SAUDINEWSNET
from indexer.readers import delimited, feed, html, jsondoc, jsonlines, saudinewsnet, text
from indexer.readers.common import Item
from indexer.records import ItemError, Origin

Reader = Callable[[bytes, Origin], Iterator[Item]]

READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "json": jsondoc.read,
    "jsonl": jsonlines.read,
    "csv": delimited.read,
    "feed": feed.read,
    SAUDINEWSNET: saudinewsnet.read,
}
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
}
# One compressed file is read as the file inside ("a.jsonl.gz": JSON Lines).
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz")
_HTML_DOCUMENT_RE = re.compile(r"<(?:!doctype\s+html|html)\b", re.I)
_HTML_TAG_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I)
# A feed's root element, after the XML declaration, stylesheets and comments. ".xml"
# is no format by name (sitemaps and configurations share it): its content decides.
_FEED_ROOT_RE = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:(?:<\?xml-stylesheet[^>]*>|<!--.*?-->)\s*)*<(?:rss|feed|rdf:rdf)\b",
    re.I | re.S,
)


def format_for_name(name: str) -> str | None:
    """The format a file name's extension announces, if any ("a.jsonl.gz": JSON Lines)."""
    path = PurePosixPath(name.replace("\\", "/").lower())
    if path.suffix in COMPRESSION_SUFFIXES:
        path = path.with_suffix("")
    return EXTENSIONS.get(path.suffix)


def sniff_format(data: bytes) -> str:
    """The format of content without a telling name (stdin, odd extensions)."""
    return _sniff(_head(data))


def _sniff(head: str) -> str:
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [line.strip() for line in head.split("\n") if line.strip()]
        one_object_per_line = len(lines) > 1 and lines[0].endswith("}")
        return "jsonl" if one_object_per_line and lines[1].startswith("{") else "json"
    if _FEED_ROOT_RE.match(head):
        return "feed"
    if head.startswith("<") and _HTML_TAG_RE.search(head):
        return "html"
    if head.startswith("<?xml"):
        return "feed"  # XML that is no web page: read as a feed, or told it is none
    return "text"


def resolve_format(fmt: str, origin: Origin, data: bytes) -> str:
    """``fmt`` itself, or for "auto" the format of one file or member."""
    if fmt != "auto":
        return fmt
    name = origin.member or origin.path
    if origin.member and saudinewsnet.is_daily_member(origin.path, origin.member):
        return SAUDINEWSNET
    by_name = format_for_name(name)
    if by_name == "text" and _is_html_document(data):
        return "html"  # a web page saved as .txt: its markup is no article text
    if by_name in ("json", "jsonl"):
        # JSON Lines named .json, or an array named .jsonl: read as the content is. An
        # object per line can never be one JSON document, and an array read line by
        # line is all errors; anything else keeps the name's format (and its errors).
        head = _head(data)
        sniffed = _sniff(head)
        if sniffed == "jsonl" or head.startswith("["):
            return sniffed
    return by_name or sniff_format(data)


def _is_html_document(data: bytes) -> bool:
    return _HTML_DOCUMENT_RE.match(_head(data)) is not None


def _head(data: bytes) -> str:
    """The start of the content, past a byte-order mark and blank space."""
    return peek_text(data).lstrip("\ufeff \t\r\n")


def read_bytes(data: bytes, origin: Origin, fmt: str = "auto") -> Iterator[Item]:
    """Every record and error in one file's bytes. Never raises for bad input: an
    unexpected failure inside a reader becomes an ItemError after what it had read."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    resolved = resolve_format(fmt, origin, data)
    try:
        yield from READERS[resolved](data, origin)
    except Exception as exc:  # one broken file must not end the run
        yield ItemError(origin, f"{resolved} reader failed: {type(exc).__name__}: {exc}")
