"""CSV cells no spreadsheet runs as a formula: written by the API's CSV export, undone by
the indexer's CSV reader, so Rasd's own export reads back as it was.

A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel,
LibreOffice and Google Sheets, and scraped text is anyone's ("=HYPERLINK(…)" in a
headline). Such a cell gets a leading apostrophe, which spreadsheets hide (OWASP's
advice against CSV injection).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_INERT_STARTS = tuple("'" + start for start in FORMULA_STARTS)


def inert(text: str) -> str:
    """``text`` as a cell no spreadsheet runs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def live(cell: str) -> str:
    """The text of a cell :func:`inert` wrote."""
    return cell[1:] if cell.startswith(_INERT_STARTS) else cell
