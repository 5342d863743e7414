"""Plain-text pages. A scraped page (see ``shared/seed``) reads: the title (often twice),
the site name (often twice; or the pair twice: title, site, title, site), the body, then
site chrome such as a comment form. A plain text that is just paragraphs reads as a
title line and a body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from indexer.readers.boilerplate import strip_boilerplate
from indexer.readers.common import (
    MAX_LINE_CHARS,
    Item,
    decode_item,
    overlong_line,
    with_warning,
)
from indexer.records import ItemError, Origin, RawRecord
from rasd.arabic import clean_text
from rasd.sites import load_sites

# A longer first line is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
# An unknown line after the title passes for a site name only when it is repeated, as
# scrapers repeat the site name, and this short.
MAX_SITE_NAME_WORDS = 6
# A title written as a Markdown heading ("# عنوان"); a hashtag has no space after "#".
_HEADING_MARKS_RE = re.compile(r"#{1,6}\s+")


def read(data: bytes, origin: Origin) -> Iterator[Item]:
    decoded = decode_item(data, origin)
    if isinstance(decoded, ItemError):
        yield decoded
        return
    if long_line := overlong_line(decoded.text):
        number, length = long_line
        yield ItemError(
            replace(origin, line=number),
            f"line is {length:,} characters; the limit is {MAX_LINE_CHARS:,} (not a text page?)",
        )
        return
    record = parse_page(clean_text(decoded.text), origin)
    if isinstance(record, RawRecord) and decoded.encoding != "utf-8":
        record.metadata["encoding"] = decoded.encoding
    yield from with_warning([record], decoded.warning)


def parse_page(text: str, origin: Origin) -> RawRecord | ItemError:
    """One page of cleaned text (:func:`rasd.arabic.clean_text`) to a record."""
    lines, repeated = _collapse_repeats(text.split("\n"))
    content = [index for index, line in enumerate(lines) if line]
    if not content:
        return ItemError(origin, "no text")
    title = site_name = site = None
    start = 0
    if len(content) > 1 and len(lines[content[0]]) <= MAX_TITLE_CHARS:
        title = lines[content[0]]
        start = content[0] + 1
        candidate = lines[content[1]]
        site = load_sites().by_name(candidate)
        # Repeated right away, or once the title is repeated too ("title, site, title, site").
        paired = [lines[i] for i in content[2:4]] == [title, candidate]
        repeats = content[1] in repeated or paired
        if site or (repeats and len(candidate.split()) <= MAX_SITE_NAME_WORDS):
            site_name = site.name_ar if site else candidate
            start = content[1] + 1
            if paired:
                start = content[3] + 1
    body, metadata = strip_boilerplate("\n".join(lines[start:]), site.id if site else None)
    if not body:
        return ItemError(origin, "no body text after the title and site name")
    if site_name:
        metadata["site_name"] = site_name
    if site:
        metadata["site_country"] = site.country
    return RawRecord(
        origin=origin,
        format="text",
        body=body,
        title=_HEADING_MARKS_RE.sub("", title, count=1) if title else title,
        source=site.id if site else site_name,
        metadata=metadata,
    )


def _collapse_repeats(lines: list[str]) -> tuple[list[str], set[int]]:
    """Drop a non-empty line that repeats the previous non-empty one (blank lines between
    do not count); also return the indexes of the kept lines that had a repeat."""
    kept: list[str] = []
    repeated: set[int] = set()
    previous = -1
    for line in lines:
        if line and previous >= 0 and line == kept[previous]:
            repeated.add(previous)
            continue
        kept.append(line)
        if line:
            previous = len(kept) - 1
    return kept, repeated
