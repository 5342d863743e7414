"""The one Arabic normalization module (pure functions)."""

from __future__ import annotations

import pytest

from rasd.arabic import clean_text, normalize, strip_diacritics, to_ascii_digits, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الإِرْهَابِيّيـــن", "الارهابيين"),  # tashkeel and tatweel
        ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"),  # alef forms
        ("مصطفى إلى", "مصطفي الي"),  # alef maqsura → ya
        ("الشرطة الوطنية", "الشرطه الوطنيه"),  # taa marbuta → ha
        ("٢٠١٥ ۲۰۱۵ 2015", "2015 2015 2015"),  # Arabic-Indic and Persian digits
        ("الجنائية-انتربول ، يومي؟", "الجنائيه انتربول يومي"),  # punctuation → space
        ("Interpol DGSN", "interpol dgsn"),
        ("  كثير   من\n\tالمسافات  ", "كثير من المسافات"),
        ("#داعش @rasd", "#داعش @rasd"),
        ("مسؤول رئيس", "مسؤول رئيس"),  # hamza on waw/ya kept, as Lucene keeps it
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    text = "وَفْدٌ أمنيّ مغربيّ — يشارك في «الملتقى» ٢٠١٥!"
    assert normalize(normalize(text)) == normalize(text)


def test_clean_text_keeps_spelling_but_drops_invisibles() -> None:
    raw = "\ufeffوزارة\u200f الداخلية\x00\r\nالإِرْهَاب\u202e"
    assert clean_text(raw) == "وزارة الداخلية\nالإِرْهَاب"


def test_clean_text_spells_out_ligatures_and_tidies_paragraphs() -> None:
    assert clean_text("\ufefb\u0020بأس") == "لا بأس"
    assert clean_text("سطر أول\n\n\n\n  سطر   ثان  ") == "سطر أول\n\nسطر ثان"


def test_tokens_and_digits_and_diacritics() -> None:
    assert tokens("الأمن، والأمان.") == ["الامن", "والامان"]
    assert to_ascii_digits("عام ١٤٣٦ هـ") == "عام 1436 هـ"
    assert strip_diacritics("مُحَمَّـــد") == "محمد"
