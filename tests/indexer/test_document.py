"""Building documents from records, a batch at a time (pure: no engine)."""

from __future__ import annotations

import pytest

import indexer.document as document
from indexer.document import BuiltDoc, build_batch
from indexer.records import ItemError, Origin, RawRecord

BODIES = [
    "أعلنت المديرية العامة للأمن الوطني بالمغرب تفكيك خلية إرهابية موالية لتنظيم داعش.",
    "قصة تجعل استخراج التواريخ ينهار",
    "قالت الشرطة الفرنسية إنها أوقفت شخصين في مدينة ليون للاشتباه في تهريب المخدرات.",
]


def records() -> list[RawRecord]:
    return [
        RawRecord(Origin("feed.jsonl", line=n), "jsonl", body, title=f"خبر {n}")
        for n, body in enumerate(BODIES, start=1)
    ]


def test_results_follow_the_records_in_order() -> None:
    built = [b for b in build_batch(records()) if isinstance(b, BuiltDoc)]
    assert [b.source["body"] for b in built] == BODIES
    assert [b.origin.line for b in built] == [1, 2, 3]
    assert "MA" in built[0].source["countries"]
    assert "FR" in built[2].source["countries"]


def test_a_record_that_breaks_a_stage_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    real = document.find_dates

    def fragile(text: str, **kwargs: object) -> list:
        if "ينهار" in text:
            raise ValueError("bad date")
        return real(text, **kwargs)

    monkeypatch.setattr(document, "find_dates", fragile)
    first, broken, last = build_batch(records())
    assert isinstance(broken, ItemError)
    assert str(broken) == "feed.jsonl:2: could not extract: ValueError: bad date"
    assert isinstance(first, BuiltDoc) and isinstance(last, BuiltDoc)
    assert "FR" in last.source["countries"]


def test_text_longer_than_any_news_article_is_cut_at_a_paragraph_with_a_warning() -> None:
    paragraph = BODIES[0] * 20  # about 1,700 characters
    body = "\n".join(f"{n} {paragraph}" for n in range(100))  # about 170,000
    (built,) = build_batch([RawRecord(Origin("book.txt"), "text", body, title="كتاب")])
    assert isinstance(built, BuiltDoc)
    kept = built.source["body"]
    assert len(kept) <= document.MAX_BODY_CHARS and body.startswith(kept)
    assert body[len(kept)] == "\n"  # a whole paragraph kept, none cut in half
    assert built.source["warnings"] == [
        f"text cut at {document.MAX_BODY_CHARS:,} characters (of {len(body):,}): "
        "longer than any news article"
    ]
