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
_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77], dtype=np.uint64)
# Odd 32-bit multipliers that mix a band's rows into one key.
_BAND_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F][:ROWS], dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Signature:
    values: np.ndarray  # BINS uint32 minima; _EMPTY where a bin got no shingle

    def bands(self) -> list[str]:
        """Band keys ("band index:hash"), skipping bands with an empty bin."""
        rows = self.values.reshape(BANDS, ROWS).astype(np.uint64)
        full = ~(rows == _EMPTY).any(axis=1)
        keys = ((rows * _BAND_MIX).sum(axis=1) & np.uint64(0xFFFFFFFF)).tolist()
        return [f"{band}:{key:08x}" for band, key in enumerate(keys) if full[band]]

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
    words = normalized_body.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS]
    if len(words) < MIN_WORDS:
        return None
    # One encode and a C-level map: a Python loop per word would double the cost.
    encoded = " ".join(words).encode("utf-8").split()
    word_hashes = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(encoded))
    # Combine three consecutive word hashes into one shingle hash, vectorized.
    shingles = (
        word_hashes[:-2] * _MULTIPLIERS[0] + word_hashes[1:-1] * _MULTIPLIERS[1] + word_hashes[2:]
    ) & np.uint64(0xFFFFFFFF)
    shingles = (shingles * np.uint64(0x27D4EB2F)) & np.uint64(0xFFFFFFFF)  # mix low bits
    values = np.full(BINS, _EMPTY, dtype=np.uint32)
    np.minimum.at(values, (shingles % BINS).astype(np.intp), (shingles // BINS).astype(np.uint32))
    return Signature(values)


class StoryIndex:
    """Signatures seen in this run, by band, to find each article's story quickly."""

    def __init__(self) -> None:
        self._by_band: dict[str, list[tuple[str, Signature]]] = {}

    def find(self, sig: Signature, bands: list[str]) -> str | None:
        """The story id of the most similar known article above THRESHOLD."""
        best, best_score = None, THRESHOLD
        for band in bands:
            for story_id, other in self._by_band.get(band, ()):
                score = sig.similarity(other)
                if score >= best_score:
                    best, best_score = story_id, score
        return best

    def add(self, story_id: str, sig: Signature, bands: list[str]) -> None:
        for band in bands:
            self._by_band.setdefault(band, []).append((story_id, sig))
