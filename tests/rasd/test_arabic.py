"""The one Arabic normalization module (pure functions)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd import arabic
from rasd.arabic import clean_text, normalize, to_ascii_digits


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


def test_words_and_digits() -> None:
    assert normalize("الأمن، والأمان.").split() == ["الامن", "والامان"]
    assert to_ascii_digits("عام ١٤٣٦ هـ") == "عام 1436 هـ"


# normalize() has a fast path for text written only in the characters of news text and
# a general path for everything else; they must agree on every text.
_FAST = arabic._FAST_ALPHABET
_OTHERS = "İΣσßﬁ\u0300\u2028\u3000\U0001d400ÀΩ"  # outside the fast alphabet, odd cases


@given(st.text(alphabet=st.sampled_from(_FAST), max_size=60))
@settings(max_examples=400, deadline=None)
def test_fast_normalize_agrees_with_the_general_path(text: str) -> None:
    assert normalize(text) == arabic._normalize_general(text)


@given(st.text(alphabet=st.sampled_from(_FAST + _OTHERS), max_size=60))
@settings(max_examples=200, deadline=None)
def test_normalize_falls_back_for_other_characters(text: str) -> None:
    assert normalize(text) == arabic._normalize_general(text)


def test_fast_normalize_agrees_on_every_character_and_pair() -> None:
    for first in _FAST:
        assert normalize(first) == arabic._normalize_general(first)
        pairs = " ".join(first + second for second in _FAST)
        assert normalize(pairs) == arabic._normalize_general(pairs)


def _clean_text_reference(text: str) -> str:
    """clean_text as plain regex passes, the way it was first written: the C-speed
    shortcuts of the real one must not change what it returns."""
    spaces = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
    edges = " \x85\u1680\u2028\u2029"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = re.sub(f"[{arabic.INVISIBLE_CHARS}]+", "", text)
    text = re.sub(
        r"[\ufb50-\ufdff\ufe70-\ufefe]+", lambda m: unicodedata.normalize("NFKC", m[0]), text
    )
    text = unicodedata.normalize("NFC", text)
    text = re.sub(f"[ {spaces}]{{2,}}|[{spaces}]", " ", text)
    text = re.sub(f"[{edges}]*\n[{edges}]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_CLEAN_ALPHABET = (
    "اأبةيى \n\r\t\x00\x0b\x1f\x7f\x85\u00a0\u00ad\u1680\u2000\u2002\u200a\u200b\u200f"
    "\u2028\u2029\u202f\u205f\u3000\ufeff\u0651\u064e\u0654\u0653\ufefb\ufe70\ufdfa\u0301e"
)


@given(st.text(alphabet=st.sampled_from(_CLEAN_ALPHABET), max_size=40))
@settings(max_examples=500, deadline=None)
def test_clean_text_matches_its_plain_regex_reference(text: str) -> None:
    assert clean_text(text) == _clean_text_reference(text)


_GARBLED = "أعلنت وزارة الداخلية المغربية تفكيك خلية في طنجة سنة 2015"


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes as a Windows editor shows them: Windows-1252, undefined bytes as U+0080…"""
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)


@pytest.mark.parametrize(
    "garble",
    [
        lambda t: t.encode().decode("cp1256"),  # "ط£ط¹ظ„ظ†طھ…"
        lambda t: _sloppy_cp1252(t.encode()),  # "Ø£Ø¹Ù„Ù†Øª…", ف has an undefined byte
        lambda t: t.encode().decode("latin-1"),
    ],
)
def test_clean_text_restores_arabic_garbled_through_a_code_page(garble) -> None:
    garbled = garble(_GARBLED)
    assert garbled != _GARBLED and clean_text(garbled) == _GARBLED
    # Line by line: a sound line beside a garbled one stays as it is.
    assert clean_text(f"{_GARBLED}\n{garbled}") == f"{_GARBLED}\n{_GARBLED}"


@pytest.mark.parametrize(
    "text", [_GARBLED, "سعر الكتاب £5 و§3 …", "Ù is a letter, „quotes“ and † too", "ظ…ظ"]
)
def test_sound_text_is_never_taken_for_garbled(text: str) -> None:
    # The last has a sign of garbling, but its bytes are no UTF-8 (a cut letter).
    assert arabic.undo_mojibake(text) is None


def test_every_sign_of_garbling_ends_in_a_character_the_quick_check_looks_for() -> None:
    # undo_mojibake runs its regex only on text holding one of these characters.
    firsts = "طظØÙ"
    for first in firsts:
        for code in range(0x20, 0x10000):
            pair = first + chr(code)
            if arabic._MOJIBAKE_SIGNS.fullmatch(pair):
                assert chr(code) in arabic._MOJIBAKE_SECOND_CHARS, repr(pair)
    # and the regex's alternatives all start with one of ``firsts``
    assert {alternative[0] for alternative in arabic._MOJIBAKE_SIGNS.pattern.split("|")} == set(
        firsts
    )
