"""RSS and Atom feeds (feedparser): one record per item, numbered like an array's.

An item goes through the same field mapping as a JSON object (:mod:`.fields`): its full
text (``content:encoded``, Atom ``content``) is the body and its summary stands in when
there is none; HTML in them becomes text; the feed's title, less a section ("هسبريس -
أخبار"), names the source when the item's address does not. feedparser reads the bytes
itself, so the encoding comes from the XML declaration or byte-order mark, as XML says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from indexer.readers.common import Item, with_warning
from indexer.readers.fields import record_from_mapping
from indexer.records import ItemError, Origin

_SECTION_SEPARATOR = re.compile(r"\s+[|\-–—:»]\s+")


def read(data: bytes, origin: Origin, fmt: str = "feed") -> Iterator[Item]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("version"):
            yield ItemError(origin, "no articles: the feed has no items")
        elif parsed.get("bozo"):
            yield ItemError(origin, f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
        else:
            yield ItemError(origin, "not an RSS or Atom feed (no rss, feed or RDF root)")
        return
    channel = _site_name(parsed.feed.get("title"))
    # feedparser falls back to a lenient parser on broken XML: the records say so.
    warning = f"the feed's XML is damaged ({parsed.bozo_exception})" if parsed.bozo else None
    records = (
        record_from_mapping(_fields(entry, channel), _item(origin, index), fmt)
        for index, entry in enumerate(parsed.entries)
    )
    yield from with_warning(records, warning)


def _fields(entry: Any, channel: str | None) -> dict[str, object]:
    """An item as the field names :func:`record_from_mapping` reads."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    return {
        "title": entry.get("title"),
        "content": "\n\n".join(contents) or None,
        "summary": entry.get("summary"),
        "url": entry.get("link"),
        "published": entry.get("published") or entry.get("updated"),
        "author": entry.get("author"),
        "source": channel,
    }


def _site_name(channel: str | None) -> str | None:
    """The site in a channel title that also names a section ("هسبريس - أخبار")."""
    return _SECTION_SEPARATOR.split(channel, 1)[0] if channel else None


def _item(origin: Origin, index: int) -> Origin:
    return Origin(origin.path, origin.member, record=index)
