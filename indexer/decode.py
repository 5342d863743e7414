"""Bytes to text: find the encoding and refuse binary data (readers then clean the text).

Order of evidence, strongest first: a byte-order mark; BOM-less UTF-16 recognised from
its NUL/high-byte pattern; strict UTF-8 (valid UTF-8 is almost never an accident, and it
is the common case, so it is also the fast path); UTF-8 with a few damaged bytes, which
are replaced (a truncated copy, one stray byte: read as a code page, the whole text
would turn to mojibake); then detection with charset-normalizer,
checked against Arabic: for the Arabic single-byte encodings (Windows-1256, ISO-8859-6)
the candidate whose text reads as Arabic wins, because charset-normalizer alone mistakes
short ISO-8859-6 text for Cyrillic code pages.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Enough bytes to judge a file's nature without scanning all of it.
SNIFF_BYTES = 8192
# Text files hold almost no C0 control bytes besides tab/newlines; binary files hold many.
MAX_CONTROL_RATIO = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of common binary formats, for a clear error instead of mojibake.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Other binary data (executables, compressed streams, media) is caught by its control
# bytes; short or ambiguous magics such as "MZ" could start a real text.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
# Arabic single-byte encodings worth comparing whatever the detector says.
_ARABIC_SINGLE_BYTE = ("cp1256", "iso8859_6")
# Share of letters that must be Arabic for an Arabic code page to be believed.
MIN_ARABIC_SHARE = 0.3
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
# The definite article, with an optional proclitic, opening a word: in real Arabic text
# a large share of words start this way; in Arabic decoded with the wrong code page
# almost none do.
_ARTICLE_RE = re.compile(r"(?:^|\s)[وفبكل]?ال[\u0621-\u064a]")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a]{2,}")
_LATIN_ACCENTED_RE = re.compile(r"[\u00c0-\u00ff]")
# UTF-8 with damaged bytes: at least this many good non-ASCII characters per bad
# sequence (one stray byte inside a character makes up to three). Arabic in a code page
# read as UTF-8 is nearly all bad sequences: 300 SaudiNewsNet articles in Windows-1256
# gave at most 0.023 good characters per bad one.
GOOD_PER_BAD_SEQUENCE = 5
_REPLACEMENT = "\ufffd"


class DecodeError(ValueError):
    """The bytes are not text this project can read (binary data, unknown encoding)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text (NULs removed, otherwise as in the file) and the encoding used;
    ``warning`` says what was repaired, if anything."""

    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text without cleaning it (structured readers need the raw
    layout: JSON Lines line numbers, HTML markup). Raises :class:`DecodeError`.

    A charset an HTML page declares is not consulted: Arabic pages often declare
    ISO-8859-1 or Windows-1252 while being Windows-1256, and detection gets them right."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decoded(data, encoding) if bom != codecs.BOM_UTF8 else _utf8_with_bom(data)
    utf16 = _sniff_utf16(data[:SNIFF_BYTES])
    if utf16:
        return _decoded(data, utf16)
    _refuse_binary(data[:SNIFF_BYTES])
    try:
        return Decoded(data.decode("utf-8").replace("\x00", ""), "utf-8")
    except UnicodeDecodeError:
        pass
    return damaged_utf8(data) or _decoded(data, _detect(data))


def peek_text(data: bytes, size: int = SNIFF_BYTES) -> str:
    """The first ``size`` bytes as text, leniently: enough to sniff a format (markup and
    JSON punctuation are ASCII in every encoding this module reads)."""
    head = data[:size]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, "ignore")
    return head.decode(_sniff_utf16(head) or "utf-8", "ignore")


def _decoded(data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"not valid {encoding}: {exc}") from None
    return Decoded(text.replace("\x00", ""), _lookup(encoding) or encoding)


def _utf8_with_bom(data: bytes) -> Decoded:
    """UTF-8 after its byte-order mark; a few damaged bytes are repaired as without one."""
    try:
        return _decoded(data, "utf-8-sig")
    except DecodeError:
        repaired = damaged_utf8(data[len(codecs.BOM_UTF8) :])
        if repaired is None:
            raise
        return repaired


def damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid byte sequences, each replaced by U+FFFD; None when the
    bad sequences are too many for UTF-8 (another encoding)."""
    text = data.decode("utf-8", "replace")
    bad = text.count(_REPLACEMENT)
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # non-ASCII characters
    if good < bad * GOOD_PER_BAD_SEQUENCE:
        return None
    return Decoded(text.replace("\x00", ""), "utf-8", replaced_warning(text))


def replaced_warning(text: str) -> str:
    """What a record says of the damaged UTF-8 replaced in ``text``."""
    bad = text.count(_REPLACEMENT)
    return f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced by �"


def _lookup(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _sniff_utf16(sample: bytes) -> str | None:
    """BOM-less UTF-16: Arabic and Latin code points have a high byte of 0x06 or 0x00,
    so one byte parity is dominated by those two values and the other is not. UTF-8
    and single-byte text never hold those bytes; binary data holds them at both."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_high = (even.count(0) + even.count(6)) / len(even)
    odd_high = (odd.count(0) + odd.count(6)) / len(odd)
    if odd_high > 0.5 and even_high < 0.2:
        encoding = "utf-16-le"
    elif even_high > 0.5 and odd_high < 0.2:
        encoding = "utf-16-be"
    else:
        return None
    text = sample[: len(sample) // 2 * 2].decode(encoding, "replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return encoding if controls <= len(text) * MAX_CONTROL_RATIO else None


def _refuse_binary(sample: bytes) -> None:
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            raise DecodeError(f"binary data ({kind}), not text")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * MAX_CONTROL_RATIO:
        raise DecodeError(f"binary data ({controls} control bytes in the first {len(sample)})")


def _detect(data: bytes) -> str:
    """Pick the most plausible encoding for non-UTF-8 bytes."""
    guesses = [match.encoding for match in from_bytes(data)]
    candidates = dict.fromkeys([*_ARABIC_SINGLE_BYTE, *guesses])
    scored = [
        (score, encoding)
        for encoding in candidates
        if (score := _arabic_score(data, encoding)) is not None
    ]
    if scored:
        return max(scored)[1]
    if guesses:
        return guesses[0]
    raise DecodeError("unknown text encoding (not UTF-8, UTF-16 or an Arabic code page)")


def _arabic_score(data: bytes, encoding: str) -> float | None:
    """How well ``data`` decoded as ``encoding`` reads as Arabic; None when it does not
    decode or does not read as Arabic."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    letters = sum(1 for ch in text if ch.isalpha())
    # A Spanish text read as Windows-1256 shows a few Arabic letters where its accents were.
    if arabic == 0 or arabic < letters * MIN_ARABIC_SHARE:
        return None
    # ISO-8859-6 read as Windows-1256 turns common letters (ق ه و ي) into French ones.
    if len(_LATIN_ACCENTED_RE.findall(text)) > arabic * 0.1:
        return None
    articles = len(_ARTICLE_RE.findall(text))
    # Arabic prose without a single definite article is Cyrillic or Greek read with the
    # wrong code page (a lone word or two may lack one).
    if articles == 0 and len(_ARABIC_WORD_RE.findall(text)) >= 3:
        return None
    # Prefer Windows-1256 on a tie: it is by far the more common of the two.
    preference = 0.5 if encoding == "cp1256" else 0.0
    return articles * 10 + arabic + preference
