"""rasd.spreadsheet: CSV cells no spreadsheet runs, and back (pure)."""

from __future__ import annotations

import pytest

from rasd.spreadsheet import inert, live


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x.example","انقر")', "+1", "-عاجل", "@SUM(A1)", "\tx", "\rx"]
)
def test_formula_like_text_gets_an_apostrophe_and_reads_back(text: str) -> None:
    assert inert(text) == "'" + text
    assert live(inert(text)) == text


@pytest.mark.parametrize("text", ["خلية طنجة", "2015-07-09", "'quoted already", "", "a=b"])
def test_other_text_is_left_alone(text: str) -> None:
    assert inert(text) == text
    assert live(text) == text
