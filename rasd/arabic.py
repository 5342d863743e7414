"""Arabic text normalization: the one module used at index time and at query time.

Two levels, because the original text is kept for display:

* :func:`clean_text` makes text safe and tidy to *show*: it removes NUL and other
  control characters, zero-width and bidi marks, turns presentation-form ligatures
  into plain letters and tidies whitespace, after restoring Arabic UTF-8 that was
  once garbled through a code page ("ط§ظ„ط£ظ…ظ†" → "الأمن"). Diacritics and spelling
  are kept.
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

import codecs
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
ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")  # a letter of the Arabic alphabet
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

_CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # a regex range: all but \t \n \r
_PRESENTATION_FORMS_RE = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# Shadda (canonical combining class 33) before a vowel mark or tanween (27-32).
_SHADDA = "\u0651"
_SHADDA_FIRST_RE = re.compile("\u0651([\u064b-\u0650])")
_VOWEL_FIRST = "\\1\u0651"


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
# One character at a time, as _STRIP_RE below.
_UNSEEN_RE = re.compile(f"[{_CONTROL_CHARS}{INVISIBLE_CHARS}]")  # one pass for both
# Spaces that clean_text turns into U+0020. Each is replaced by str.replace, a C scan
# that costs about a microsecond when the character is absent: a regex alternation
# over the same class costs some 30 µs per KB, as re tries it at every position.
_ODD_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_ODD_SPACES += "\u202f\u205f\u3000"
_SPACE_RUN_RE = re.compile("  +")  # a literal prefix: re skips to each space
# Spaces str.strip() removes that are kept inside a line but dropped at its edges.
_EDGE_SPACES = "\x85\u1680\u2028\u2029"
_LINE_EDGES_RE = re.compile(f"[ {_EDGE_SPACES}]*\n[ {_EDGE_SPACES}]*")
# One character at a time: with a "+" run re cannot skip ahead to the first mark, and
# the pass costs twice as much; deleting runs or single marks gives the same text.
_STRIP_RE = re.compile(f"[{INVISIBLE_CHARS}{TATWEEL}{DIACRITICS}]")
# Anything but a letter, digit, space, "_", "#" or "@" separates words when matching
# ("#" and "@" carry meaning in hashtags and handles). One character at a time: a
# "+" run makes this pass slower, and split() collapses the spaces anyway.
_NON_WORD_RE = re.compile(r"[^\w\s#@]")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII."""
    return text.translate(_DIGITS)


def _unligature(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def _nfc(text: str) -> str:
    """NFC. Nearly always what is wrong is a shadda typed before its vowel ("ـّـَ"),
    which canonical order puts after it: swapping those pairs is one regex pass that
    skips from shadda to shadda, far cheaper than normalizing, and whatever else is left
    is normalized line by line."""
    if _SHADDA in text:
        text = _SHADDA_FIRST_RE.sub(_VOWEL_FIRST, text)
    return text if unicodedata.is_normalized("NFC", text) else _nfc_by_line(text)


def _nfc_by_line(text: str) -> str:
    """NFC, normalizing only the lines that need it (usually a few: a shadda typed
    before its vowel, a separate hamza). A newline composes and reorders with nothing,
    so the lines can be normalized apart; normalizing whole articles costs ~100 µs."""
    return "\n".join(
        line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)
        for line in text.split("\n")
    )


# Arabic UTF-8 once decoded with a code page and saved again: "الأمن" shows as "ط§ظ„ط£ظ…ظ†"
# (Windows-1256) or "Ø§Ù„Ø£Ù…Ù†" (Windows-1252, Latin-1). The letters ا ل م ن و ي
# are the bytes D8 A7, D9 84, D9 85, D9 86, D9 88, D9 8A: read so, they make pairs that
# real Arabic or Latin text never has (a letter, then "§", "„", "…", "†", "ˆ", "ٹ").
_MOJIBAKE_SIGNS = re.compile("ط§|ظ[„…†ˆٹ]|Ø§|Ù[„…†ˆŠ\x84\x85\x86\x88\x8a]")
# Every sign ends in one of these. Looking for each with ``in`` (a fast C search) and
# running the regex only when one is there costs 3 µs on an average article instead of
# 30 µs: the regex's alternatives start with letters that fill every Arabic text.
_MOJIBAKE_SECOND_CHARS = "§„…†ˆٹŠ\x84\x85\x86\x88\x8a"


def undo_mojibake(text: str) -> str | None:
    """``text`` as it was before UTF-8 was read with a code page ("ط§ظ„ط£ظ…ظ†" →
    "الأمن"), line by line so that sound lines stay as they are; None when no line
    was garbled. A line is replaced only when its code-page bytes are valid UTF-8 with
    Arabic in it: the bytes of sound Arabic in a code page never are."""
    if not any(c in text for c in _MOJIBAKE_SECOND_CHARS) or not _MOJIBAKE_SIGNS.search(text):
        return None
    lines = text.split("\n")
    repaired = [_undo_line(line) if _MOJIBAKE_SIGNS.search(line) else line for line in lines]
    return "\n".join(repaired) if repaired != lines else None


def _undo_line(line: str) -> str:
    for encode in (_cp1256, _sloppy_cp1252):
        try:
            candidate = encode(line).decode("utf-8")
        except UnicodeError:
            continue
        if ARABIC_LETTER_RE.search(candidate) and not _MOJIBAKE_SIGNS.search(candidate):
            return candidate
    return line


def _cp1256(text: str) -> bytes:
    return text.encode("cp1256")


def _sloppy_cp1252(text: str) -> bytes:
    """Windows-1252 as browsers and editors write it: the five bytes it leaves undefined
    (81 8D 8F 90 9D, as in ف = D9 81) come out as U+0081… (Latin-1 does the same)."""
    return bytes(
        b
        for ch in text
        for b in (ch.encode("latin-1") if "\x80" <= ch <= "\x9f" else ch.encode("cp1252"))
    )


def clean_text(text: str) -> str:
    """Display-safe text: controls and invisible marks gone, ligatures spelled out,
    Unicode composed (NFC), spaces tidied, at most one blank line between paragraphs.

    Each step runs only when a C-speed test shows it has work to do: most text is
    already clean, and regex passes over Arabic text cost ~30 ms per MB each.

    First of all, Arabic UTF-8 once read with a code page is restored
    (:func:`undo_mojibake`), before the control characters that garbling leaves go."""
    if (restored := undo_mojibake(text)) is not None:
        text = restored
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # isprintable() is False for every character the next steps remove or fold:
    # controls, format marks (zero-width, bidi, BOM, soft hyphen), line and paragraph
    # separators, and every space but U+0020.
    odd = not text.replace("\n", " ").isprintable()
    if odd:
        text = _UNSEEN_RE.sub("", text)
        # Before the NFKC test below: a no-break space (in a third of SaudiNewsNet's
        # articles) is not NFKC either, and would send the text through a regex pass.
        for space in _ODD_SPACES:
            text = text.replace(space, " ")
    # Presentation forms are not NFKC, so NFKC text has none.
    if not unicodedata.is_normalized("NFKC", text):
        text = _PRESENTATION_FORMS_RE.sub(_unligature, text)
    if not unicodedata.is_normalized("NFC", text):
        text = _nfc(text)
    if "  " in text:
        text = _SPACE_RUN_RE.sub(" ", text)
    if odd and any(space in text for space in _EDGE_SPACES):
        text = _LINE_EDGES_RE.sub("\n", text)
    else:  # spaces are single U+0020 by now: a line has at most one at each edge
        text = text.replace(" \n", "\n").replace("\n ", "\n")
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def normalize(text: str) -> str:
    """Fold text for matching. Idempotent: ``normalize(normalize(t)) == normalize(t)``.

    Expects text that went through :func:`clean_text` (readers and the query parser do
    that); presentation-form ligatures are spelled out there, not here, to keep this
    hot path to a few C-speed passes."""
    try:
        data = codecs.charmap_encode(text, "strict", _FAST_ENCODING)[0]
    except UnicodeEncodeError:
        return _normalize_general(text)
    data = _SPACE_RUN_BYTES_RE.sub(b" ", data.translate(_FAST_TABLE, _FAST_DROPPED))
    return codecs.charmap_decode(data.strip(b" "), "strict", _FAST_DECODING)[0]


def _normalize_general(text: str) -> str:
    """:func:`normalize` for any text, in regex and str passes."""
    text = _STRIP_RE.sub("", text)
    for old, new in _FOLD_PAIRS:
        text = text.replace(old, new)
    return " ".join(_NON_WORD_RE.sub(" ", text).lower().split())


# normalize()'s fast path. Apart from collapsing separators, normalizing is a function of
# each character alone: dropped (marks), folded (letters, digits), made a separator
# (punctuation, spaces) or lowercased. So for text written only in the characters of
# _FAST_ALPHABET it is a byte-table lookup: encode with a one-byte-per-character charmap
# codec, bytes.translate, collapse the spaces, decode. Those are C passes over bytes,
# about four times cheaper than the regex passes and the split/join of the general path,
# which takes any text holding another character. The tables are computed from
# _normalize_general itself, character by character, so the two paths cannot disagree.


def _code_points(first: int, last: int) -> str:
    return "".join(map(chr, range(first, last + 1)))


# The characters of Arabic news (SaudiNewsNet uses 257 distinct ones, nearly all of these);
# a charmap codec holds 256. NUL comes first: only then does codecs.charmap_build make its
# fast three-level map rather than a dict.
_FAST_ALPHABET = (
    "\x00\t\n\x0b\x0c\r"
    + _code_points(0x20, 0x7E)  # printable ASCII
    + "\u060c\u061b\u061f"  # ، ؛ ؟
    + _code_points(0x0621, 0x063A)  # ء … غ
    + _code_points(0x0640, 0x0655)  # tatweel, ف … ي, harakat
    + _code_points(0x0660, 0x066C)  # Arabic-Indic digits, ٪ ٫ ٬
    + "\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06cc"  # ٰ ٱ پ چ ژ ڤ ک گ ی
    + _code_points(0x06F0, 0x06F9)  # Persian digits
    + "\u00a0\u00a9\u00ab\u00ae\u00b0\u00b7\u00bb\u00c9\u00d7"  # nbsp © « ® ° · » É ×
    + "\u00e0\u00e1\u00e2\u00e4\u00e7\u00e8\u00e9\u00ea\u00eb\u00ed\u00ee\u00ef"
    + "\u00f1\u00f3\u00f4\u00f6\u00f9\u00fa\u00fb\u00fc"  # à á â ä ç è é … ü
    + "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2032\u2033\u2039\u203a"
    + "\u25cf\ufd3e\ufd3f"  # – — ‘ ’ “ ” • … ′ ″ ‹ › ● ﴾ ﴿
    + INVISIBLE_CHARS
)
_SPACE_RUN_BYTES_RE = re.compile(rb"  +")


def _fast_tables() -> tuple[object, bytes, bytes, str]:
    """(encoding map, translate table, bytes to drop, decoding table) of the fast path.

    Output bytes below 128 are ASCII itself (so the separator is b" "); the other
    normalized characters take the bytes from 128 on."""
    # Between two letters, a character comes out as itself folded, as "" or as " ".
    results = [_normalize_general(f"a{ch}a")[1:-1] for ch in _FAST_ALPHABET]
    output = _code_points(0, 127) + "".join(
        sorted({r for r in results if len(r) == 1} - {*_code_points(0, 127)})
    )
    unique = len(set(_FAST_ALPHABET)) == len(_FAST_ALPHABET)
    if not unique or len(_FAST_ALPHABET) > 256 or len(output) > 256 or max(map(len, results)) > 1:
        raise RuntimeError("normalize's fast path needs one byte per character")
    table = bytes(output.index(r) if r else 0 for r in results).ljust(256, b"\x00")
    dropped = bytes(code for code, r in enumerate(results) if not r)
    encoding = codecs.charmap_build(_FAST_ALPHABET.ljust(256, "\ufffe"))
    return encoding, table, dropped, output


_FAST_ENCODING, _FAST_TABLE, _FAST_DROPPED, _FAST_DECODING = _fast_tables()
