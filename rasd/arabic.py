"""Arabic text normalization: the one module used at index time and at query time.

Two levels, because the original text is kept for display:

* :func:`clean_text` makes text safe and tidy to *show*: it removes NUL and other
  control characters, zero-width and bidi marks, turns presentation-form ligatures
  into plain letters and tidies whitespace. Diacritics and spelling are kept.
* :func:`normalize` folds text for *matching* (gazetteers, hashing, query parsing):
  it also strips tashkeel and tatweel, unifies alef forms, maps alef maqsura to ya
  and taa marbuta to ha, turns Arabic-Indic and Persian digits into ASCII, lowercases
  Latin letters and turns punctuation into spaces.

The folding mirrors the engine's analysis chain (``mappings/articles.json``: the
``rasd_clean`` char filter plus Lucene's ``arabic_normalization`` and
``decimal_digit``), so a string normalized here analyzes to the same tokens as the
raw string does in the engine. Hamza on waw and ya (ؤ ئ) is deliberately left alone,
as Lucene leaves it alone.
"""

from __future__ import annotations

import re
import unicodedata

import pyarabic.araby as araby

# Characters that carry no text: zero-width, bidi embedding/override/isolate marks,
# BOM, soft hyphen. Removing them never changes what a reader sees.
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
TATWEEL = araby.TATWEEL
# Harakat, shadda, sukun, dagger alef and the small Quranic marks.
DIACRITICS = (
    "".join(araby.TASHKEEL)
    + "\u0670"
    + "".join(
        chr(c)
        for c in [
            *range(0x0610, 0x061B),
            *range(0x0653, 0x0660),
            *range(0x06D6, 0x06DD),
            *range(0x06DF, 0x06E9),
            *range(0x06EA, 0x06EE),
        ]
    )
)
ALEF_FORMS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ
ALEF = "\u0627"
ALEF_MAQSURA = "\u0649"
YA = "\u064a"
TAA_MARBUTA = "\u0629"
HA = "\u0647"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRESENTATION_FORMS_RE = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


# (from, to) pairs for str.replace, which is far faster than translate() with a dict.
_FOLD_PAIRS = (
    [(c, ALEF) for c in ALEF_FORMS]
    + [(ALEF_MAQSURA, YA), (TAA_MARBUTA, HA)]
    + [(d, str(i)) for i, d in enumerate(ARABIC_INDIC_DIGITS)]
    + [(d, str(i)) for i, d in enumerate(PERSIAN_DIGITS)]
)
_DIGITS = str.maketrans(
    {d: str(i % 10) for i, d in enumerate(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS)}
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS}]+")
# A run of spaces, or a single space that is not U+0020; a lone ordinary space (the
# common case) is left alone rather than replaced by itself.
_SPACE_RUNS_RE = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
# Spaces at line edges, including those str.strip() removes that are not folded above.
_LINE_EDGES_RE = re.compile("[ \x85\u1680\u2028\u2029]*\n[ \x85\u1680\u2028\u2029]*")
_STRIP_RE = re.compile(f"[{INVISIBLE_CHARS}{TATWEEL}{DIACRITICS}]+")
# Anything but a letter, digit, space, "_", "#" or "@" separates words when matching
# ("#" and "@" carry meaning in hashtags and handles). One character at a time: a
# "+" run makes this pass slower, and split() collapses the spaces anyway.
_NON_WORD_RE = re.compile(r"[^\w\s#@]")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII."""
    return text.translate(_DIGITS)


def _unligature(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def clean_text(text: str) -> str:
    """Display-safe text: controls and invisible marks gone, ligatures spelled out,
    Unicode composed (NFC), spaces tidied, at most one blank line between paragraphs.

    Each step runs only when a C-speed test shows it has work to do: most text is
    already clean, and regex passes over Arabic text cost ~30 ms per MB each."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # isprintable() is False for every character the next steps remove or fold:
    # controls, format marks (zero-width, bidi, BOM, soft hyphen), line and paragraph
    # separators, and every space but U+0020.
    odd = not text.replace("\n", " ").isprintable()
    if odd:
        text = _INVISIBLE_RE.sub("", _CONTROL_RE.sub("", text))
    # Presentation forms are not NFKC, so NFKC text has none.
    if not unicodedata.is_normalized("NFKC", text):
        text = _PRESENTATION_FORMS_RE.sub(_unligature, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if odd or "  " in text:
        text = _SPACE_RUNS_RE.sub(" ", text)
    if odd or " \n" in text or "\n " in text:
        text = _LINE_EDGES_RE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def normalize(text: str) -> str:
    """Fold text for matching. Idempotent: ``normalize(normalize(t)) == normalize(t)``.

    Expects text that went through :func:`clean_text` (readers and the query parser do
    that); presentation-form ligatures are spelled out there, not here, to keep this
    hot path to a few C-speed passes."""
    text = _STRIP_RE.sub("", text)
    for old, new in _FOLD_PAIRS:
        text = text.replace(old, new)
    return " ".join(_NON_WORD_RE.sub(" ", text).lower().split())


def tokens(text: str) -> list[str]:
    """The normalized words of ``text``."""
    return normalize(text).split()


def strip_diacritics(text: str) -> str:
    """Remove tashkeel and tatweel only (for display variants such as snippets)."""
    return araby.strip_tatweel(araby.strip_tashkeel(text))
