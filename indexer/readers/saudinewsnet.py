"""SaudiNewsNet (Alhagri 2015): daily zips ``YYYY-MM-DD.zip``, each holding one
``YYYY-MM-DD.json`` array of ``{source, url, date_extracted, title, author, content}``.

The archive is expanded like any zip (``indexer.sources``); this module recognises the
member and reads it as a JSON array whose ``source`` ids are known sites.
``date_extracted`` is the crawl time (``metadata["published_from"]`` says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.formats import SAUDINEWSNET
from indexer.readers import jsondoc
from indexer.readers.common import Item
from indexer.records import Origin

_DAY_JSON_RE = re.compile(r"(?:^|/)\d{4}-\d{2}-\d{2}\.json$")
_DAY_ZIP_RE = re.compile(r"(?:^|[/\\])\d{4}-\d{2}-\d{2}\.zip$")


def is_daily_member(archive: str, member: str) -> bool:
    """True for the day's JSON inside a daily SaudiNewsNet zip."""
    return bool(_DAY_ZIP_RE.search(archive) and _DAY_JSON_RE.search(member))


def read(data: bytes, origin: Origin) -> Iterator[Item]:
    return jsondoc.read(data, origin, SAUDINEWSNET)
