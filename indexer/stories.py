"""Near-duplicate detection: the same wire story republished with small edits.

A MinHash signature (one-permutation hashing: one hash per shingle, binned into
``BINS`` minima, which estimates Jaccard similarity like classic MinHash at a fraction
of the cost) over word 3-shingles of the start of the body, where republished wire
stories agree most. Locality-sensitive hashing splits the signature into ``BANDS``
bands; articles sharing a band are candidates, confirmed when the estimated Jaccard
similarity reaches ``THRESHOLD``. Confirmed neighbours share a ``story_id``.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass

import numpy as np

BINS = 64
BANDS = 16
ROWS = BINS // BANDS
THRESHOLD = 0.5
# Headlines differ across sites; the lead paragraphs of a wire story do not.
LEAD_WORDS = 150
MIN_WORDS = 20  # shorter texts are too small to call near-duplicates

_EMPTY = np.iinfo(np.uint32).max
_NO_SHINGLES = np.full(BINS, _EMPTY, dtype=np.uint32)  # copied: np.full is Python code
# A shingle hash is (h0 * 0x9E3779B1 + h1 * 0x85EBCA77 + h2) * 0x27D4EB2F mod 2**32 over
# three consecutive word hashes: one convolution of the word hashes with these factors
# (uint32 arithmetic wraps mod 2**32 by itself). np.convolve reverses its kernel, so
# the factor of the third word comes first.
_SHINGLE_KERNEL = np.array(
    [0x27D4EB2F, 0x85EBCA77 * 0x27D4EB2F % 2**32, 0x9E3779B1 * 0x27D4EB2F % 2**32],
    dtype=np.uint32,
)
_BIN_BITS = np.uint32(BINS - 1)  # BINS is a power of two: "% BINS" is "& (BINS - 1)"
_BIN_SHIFT = np.uint32(BINS.bit_length() - 1)  # and "// BINS" is ">> 6"
# Enough characters for LEAD_WORDS words of nearly every body (a word averages six).
_LEAD_CHARS = 1600
# Odd 32-bit multipliers that mix a band's rows into one key (bands() unpacks four).
_BAND_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F)
assert len(_BAND_MIX) == ROWS
_EMPTY_INT = int(_EMPTY)


@dataclass(frozen=True, slots=True)
class Signature:
    values: np.ndarray  # BINS uint32 minima; _EMPTY where a bin got no shingle

    def __reduce__(self) -> tuple[type[Signature], tuple[np.ndarray]]:
        return Signature, (self.values,)  # see indexer.records.Origin.__reduce__

    def bands(self) -> list[str]:
        """Band keys ("band index:hash"), skipping bands with an empty bin.

        Plain Python over the 64 values: on arrays this small each numpy call costs
        more than the arithmetic, and a band key is a sum mod 2**32 either way."""
        rows = iter(self.values.tolist())
        m0, m1, m2, m3 = _BAND_MIX
        return [
            f"{band}:{(a * m0 + b * m1 + c * m2 + d * m3) & 0xFFFFFFFF:08x}"
            for band, (a, b, c, d) in enumerate(zip(rows, rows, rows, rows, strict=True))
            if _EMPTY_INT not in (a, b, c, d)
        ]

    def similarity(self, other: Signature) -> float:
        filled = (self.values != _EMPTY) & (other.values != _EMPTY)
        if not filled.any():
            return 0.0
        return float((self.values[filled] == other.values[filled]).mean())

    def encode(self) -> str:
        return base64.b64encode(self.values.astype("<u4").tobytes()).decode("ascii")

    @classmethod
    def decode(cls, text: str) -> Signature:
        return cls(np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32))


def signature(normalized_body: str) -> Signature | None:
    """The signature of a normalized body, or None when it is too short to compare."""
    words = _lead_words(normalized_body)
    if len(words) < MIN_WORDS:
        return None
    word_hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint32, count=len(words))
    shingles = np.convolve(word_hashes, _SHINGLE_KERNEL, "valid")
    values = _NO_SHINGLES.copy()
    np.minimum.at(values, shingles & _BIN_BITS, shingles >> _BIN_SHIFT)
    return Signature(values)


def _lead_words(normalized_body: str) -> list[bytes]:
    """The first LEAD_WORDS words, UTF-8 encoded. Normalized text holds single spaces
    only, so splitting its bytes gives the words str.split() would, without a str per
    word and a join to encode them; and only the head of a long body is encoded."""
    head = normalized_body[:_LEAD_CHARS]
    words = head.encode("utf-8").split(maxsplit=LEAD_WORDS)
    if len(words) <= LEAD_WORDS and len(head) < len(normalized_body):
        # The head may end inside the lead (long words): split the whole body.
        words = normalized_body.encode("utf-8").split(maxsplit=LEAD_WORDS)
    return words[:LEAD_WORDS]  # the last item is the unsplit rest


class StoryIndex:
    """Signatures seen in this run, by band, to find each article's story quickly.

    Held as plain ints and strings as far as possible: a run adds sixteen band entries
    per article, and as a list of tuples per band they were a million objects that each
    of the collector's full passes walked (4 s of a 50 s SaudiNewsNet run). A band seen
    once holds its entry number; only a band shared by several articles gets a list."""

    def __init__(self) -> None:
        self._stories: list[str] = []  # entry number → story id
        self._signatures: list[Signature] = []  # entry number → signature
        self._by_band: dict[str, int | list[int]] = {}  # band → entry number(s)

    def find(self, sig: Signature, bands: list[str]) -> str | None:
        """The story id of the most similar known article above THRESHOLD."""
        best, best_score = None, THRESHOLD
        scores: dict[int, float] = {}  # a close neighbour shares many bands: score it once
        for band in bands:
            for entry in _entries(self._by_band.get(band)):
                score = scores.get(entry)
                if score is None:
                    score = scores[entry] = sig.similarity(self._signatures[entry])
                if score >= best_score:
                    best, best_score = self._stories[entry], score
        return best

    def add(self, story_id: str, sig: Signature, bands: list[str]) -> None:
        entry = len(self._stories)
        self._stories.append(story_id)
        self._signatures.append(sig)
        for band in bands:
            known = self._by_band.get(band)
            if known is None:
                self._by_band[band] = entry
            elif isinstance(known, int):
                self._by_band[band] = [known, entry]
            else:
                known.append(entry)


def _entries(known: int | list[int] | None) -> tuple[int, ...] | list[int]:
    if known is None:
        return ()
    return (known,) if isinstance(known, int) else known
