"""The given-names list: clean data, and loaded normalized."""

from __future__ import annotations

import orjson

from rasd.arabic import normalize
from rasd.given_names import GIVEN_NAMES_PATH, load_given_names


def _data() -> dict[str, list[str]]:
    return orjson.loads(GIVEN_NAMES_PATH.read_bytes())


def test_names_are_single_arabic_words_listed_once() -> None:
    data = _data()
    names = data["arabic"] + data["foreign"]
    assert all(len(n.split()) == 1 and "\u0621" <= n[0] <= "\u064a" for n in names)
    normalized = [normalize(n) for n in names]
    duplicates = {n for n in normalized if normalized.count(n) > 1}
    assert not duplicates, f"listed twice (after normalization): {sorted(duplicates)}"


def test_loaded_normalized() -> None:
    names = load_given_names()
    assert normalize("إبراهيم") in names.arabic
    assert normalize("آشتون") in names.foreign
    assert names.all == names.arabic | names.foreign
    assert "إبراهيم" not in names.all  # as written, before normalization
