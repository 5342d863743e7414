"""Query parsing (pure): syntax, normalization, alias expansion."""

from __future__ import annotations

import pytest

from rasd.gazetteer import load_gazetteer
from search_api.query_parser import (
    AnyOf,
    EntityRef,
    Phrase,
    QueryTooLong,
    Word,
    parse_query,
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_words_are_normalized(gazetteer) -> None:
    parsed = parse_query("الإِرْهَابِيّيـــن ٢٠١٥", gazetteer)
    assert parsed.required == (Word("الارهابيين"), Word("2015"))


def test_phrase_exclusion_and_or(gazetteer) -> None:
    parsed = parse_query('"الهجرة غير الشرعية" -كرة تهريب OR اتجار', gazetteer)
    assert parsed.required[0] == Phrase("الهجره غير الشرعيه")
    assert parsed.required[1] == AnyOf((Word("تهريب"), Word("اتجار")))
    assert parsed.excluded == (Word("كره"),)


def test_unbalanced_quote_and_dangling_or_still_parse(gazetteer) -> None:
    parsed = parse_query('OR "وزارة الداخلية', gazetteer)
    assert parsed.required == (Phrase("وزاره الداخليه"),)
    assert parse_query("OR", gazetteer).is_empty
    assert parse_query("   ", gazetteer).is_empty
    assert parse_query('"" - --', gazetteer).is_empty


def test_organization_alias_expands(gazetteer) -> None:
    (clause,) = parse_query("داعش", gazetteer).required
    assert isinstance(clause, EntityRef) and clause.kind == "organization"
    assert clause.aliases[0] == "داعش"
    assert any("تنظيم الدوله" in alias for alias in clause.aliases)


def test_interpol_spellings_expand_to_the_full_name(gazetteer) -> None:
    (clause,) = parse_query("الانتربول", gazetteer).required
    assert isinstance(clause, EntityRef) and clause.id == "interpol"
    assert "المنظمه الدوليه للشرطه الجنائيه" in clause.aliases


def test_words_around_an_entity_stay_words(gazetteer) -> None:
    parsed = parse_query("هجوم داعش في سيناء", gazetteer)
    kinds = [type(c).__name__ for c in parsed.required]
    assert kinds[0] == "Word" and "EntityRef" in kinds


def test_too_many_terms(gazetteer) -> None:
    with pytest.raises(QueryTooLong):
        parse_query(" ".join(f"كلمة{i}" for i in range(40)), gazetteer, max_terms=32)
