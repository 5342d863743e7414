"""CSV and TSV tables (.csv, .tsv): one article per row, its columns named in a header
row with the same tolerant names as JSON fields (``title``/``headline``,
``content``/``body``/``text``, ``url``…). Rasd's own CSV export reads back this way.

The delimiter (comma, tab or semicolon) is the one the header uses most. Blank rows
are passed over. A table without a title or text column is one error, not one per row;
a row the csv module cannot parse ends the table with an error naming its line, after
the rows before it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from indexer.readers.common import MAX_LINE_CHARS, Item, decode_item, with_warning
from indexer.readers.fields import BODY_FIELDS, TITLE_FIELDS, record_from_mapping
from indexer.records import ItemError, Origin
from rasd.spreadsheet import live

DELIMITERS = (",", "\t", ";")
# A field may hold a whole article; the csv module's default limit is 128 KiB.
csv.field_size_limit(MAX_LINE_CHARS)


def read(data: bytes, origin: Origin, fmt: str = "csv") -> Iterator[Item]:
    decoded = decode_item(data, origin)
    if isinstance(decoded, ItemError):
        yield decoded
        return
    yield from with_warning(_rows(decoded.text.lstrip("\ufeff"), origin, fmt), decoded.warning)


def _rows(text: str, origin: Origin, fmt: str) -> Iterator[Item]:
    header = text.partition("\n")[0]
    delimiter = max(DELIMITERS, key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [name.strip() for name in reader.fieldnames or ()]  # " title "
    columns = [name.lower() for name in reader.fieldnames]
    if not set(columns) & {*TITLE_FIELDS, *BODY_FIELDS}:
        found = ", ".join(repr(c) for c in columns[:12]) or "none"
        wanted = " / ".join(TITLE_FIELDS + BODY_FIELDS)
        yield ItemError(origin, f"no {wanted} column in the header (columns: {found})")
        return
    line = reader.line_num  # the header's last line
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ItemError(_at(origin, line + 1), f"unreadable CSV, the rest is skipped: {exc}")
            return
        # Rasd's own export protects formula-like cells with an apostrophe: read back, it goes.
        fields = {name: live(v) if v else v for name, v in row.items() if name is not None}
        if any(value and value.strip() for value in fields.values()):  # not a blank row
            yield record_from_mapping(fields, _at(origin, line + 1), fmt)
        line = reader.line_num


def _at(origin: Origin, line: int) -> Origin:
    return Origin(origin.path, origin.member, line=line)
