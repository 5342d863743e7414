"""The article index's Arabic analysis, checked through the real engine's _analyze."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from rasd.engine import Engine
from rasd.index_definition import (
    StemOverrideGroup,
    delete_alias_and_indices,
    ensure_index,
    stem_override_groups,
)

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def analyze(engine: Engine) -> Iterator[Callable[..., list[str]]]:
    alias = f"rasd-test-analysis-{uuid.uuid4().hex[:8]}"
    ensure_index(engine, alias)

    def run(text: str, field: str = "body") -> list[str]:
        return engine.analyze(alias, {"field": field, "text": text})

    yield run
    delete_alias_and_indices(engine, alias)


def shared(*token_lists: list[str]) -> set[str]:
    common = set(token_lists[0])
    for tokens in token_lists[1:]:
        common &= set(tokens)
    return common


def test_terrorist_forms_share_a_token(analyze: Callable[..., list[str]]) -> None:
    assert shared(analyze("الإرهابيين"), analyze("والإرهابي"), analyze("إرهابيون"))


def test_security_adjective_with_and_without_article(analyze: Callable[..., list[str]]) -> None:
    assert analyze("أمنية") == analyze("الأمنية")
    assert shared(analyze("الأمنية"), analyze("أمني"))


@pytest.mark.parametrize("variant", ["الانتربول", "الأنتربول", "الإنتربول", "إنتربول"])
def test_interpol_spellings_meet(analyze: Callable[..., list[str]], variant: str) -> None:
    assert analyze(variant) == analyze("الإنتربول")


def test_tashkeel_and_tatweel_vanish(analyze: Callable[..., list[str]]) -> None:
    assert analyze("الإِرْهَابِيّيـــن") == analyze("الإرهابيين")
    assert analyze("الإِرْهَابِيّيـــن", "body.exact") == analyze("الإرهابيين", "body.exact")


def test_invisible_controls_vanish(analyze: Callable[..., list[str]]) -> None:
    assert analyze("الإر\u200cهاب\u200f") == analyze("الإرهاب")
    assert analyze("\u202bالشرطة\u202c") == analyze("الشرطة")


@pytest.mark.parametrize("field", ["body", "body.exact", "title.keyword"])
def test_quranic_marks_and_soft_hyphens_vanish(
    analyze: Callable[..., list[str]], field: str
) -> None:
    # U+0670 superscript alef, U+06E1 small high dotless head of khah, U+0615 small high
    # tah, U+00AD soft hyphen: in every analyzer and in the keyword normalizer.
    assert analyze("الرحم\u0670ن\u06e1 الأمن\u0615 الشر\u00adطة", field) == analyze(
        "الرحمن الأمن الشرطة", field
    )


@pytest.mark.parametrize("digits", ["٢٠١٥", "۲۰۱۵", "2015"])
def test_eastern_digits_become_ascii(analyze: Callable[..., list[str]], digits: str) -> None:
    assert analyze(digits) == ["2015"]


def test_exact_subfield_does_not_stem(analyze: Callable[..., list[str]]) -> None:
    assert analyze("الإرهابيين", "body.exact") == ["الارهابيين"]
    assert analyze("الإرهابيين", "body.exact") != analyze("الإرهابي", "body.exact")
    assert analyze("الإرهابيين", "title.exact") == ["الارهابيين"]


def test_alef_wasla_is_an_alef(analyze: Callable[..., list[str]]) -> None:
    assert analyze("ٱلشرطة") == analyze("الشرطة")


@pytest.mark.parametrize("group", stem_override_groups(), ids=lambda g: g.stem)
def test_stem_override_group(analyze: Callable[..., list[str]], group: StemOverrideGroup) -> None:
    """Every form of the group reaches one stem; the word it was confused with does not."""
    stems = {tuple(analyze(form)) for form in group.forms}
    assert stems == {(group.stem,)}, f"forms of {group.stem} analyze to {stems}"
    for word in group.collides_with:
        assert analyze(word) != [group.stem]


def test_ministry_forms_meet_and_leave_visited(analyze: Callable[..., list[str]]) -> None:
    assert analyze("وزارة") == analyze("الوزارة") == analyze("وزارات")
    assert analyze("زار") != analyze("وزارة")
