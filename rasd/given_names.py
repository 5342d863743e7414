"""Given names (``gazetteers/given_names.json``), normalized: what a person's name may
open with when nothing else marks where it starts (see the file's ``_doc``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import orjson

from rasd.arabic import normalize

GIVEN_NAMES_PATH = Path(__file__).resolve().parent / "gazetteers" / "given_names.json"


@dataclass(frozen=True, slots=True)
class GivenNames:
    arabic: frozenset[str]
    foreign: frozenset[str]  # their bearers' family names never take the article

    @property
    def all(self) -> frozenset[str]:
        return self.arabic | self.foreign


@cache
def load_given_names(path: Path = GIVEN_NAMES_PATH) -> GivenNames:
    data = orjson.loads(path.read_bytes())
    return GivenNames(
        frozenset(normalize(name) for name in data["arabic"]),
        frozenset(normalize(name) for name in data["foreign"]),
    )
