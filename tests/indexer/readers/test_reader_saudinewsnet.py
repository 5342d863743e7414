"""SaudiNewsNet daily zips, read in place from the shared data folder."""

from __future__ import annotations

import zipfile

import orjson
import pytest

from indexer.readers.fields import SLUG_BODY_WARNING, TITLE_ONLY_WARNING
from indexer.readers.saudinewsnet import is_daily_member
from indexer.records import ItemError, Origin, RawRecord
from indexer.sources import iter_items

from support import SAUDINEWSNET

DATA = SAUDINEWSNET
DAY = DATA / "2015-07-25.zip"
needs_data = pytest.mark.skipif(not DAY.exists(), reason="SaudiNewsNet is not on this machine")


def test_daily_members_are_recognised() -> None:
    assert is_daily_member("/data/2015-07-25.zip", "2015-07-25.json")
    assert not is_daily_member("/data/articles.zip", "2015-07-25.json")
    assert not is_daily_member("/data/2015-07-25.zip", "notes.json")


@needs_data
def test_one_daily_zip_is_read_fully() -> None:
    with zipfile.ZipFile(DAY) as archive:
        raw = orjson.loads(archive.read("2015-07-25.json"))
    items = list(iter_items([str(DAY)]))
    assert len(items) == len(raw) == 1559
    records = [i for i in items if isinstance(i, RawRecord)]
    errors = [i for i in items if isinstance(i, ItemError)]
    assert all(r.format == "saudinewsnet" for r in records)
    assert {r.metadata["site_country"] for r in records} == {"SA"}
    assert all(
        r.published_raw and r.metadata["published_from"] == "date_extracted" for r in records
    )
    first = records[0]
    assert first.origin == Origin(str(DAY), member="2015-07-25.json", record=0)
    assert first.url == raw[0]["url"] and first.source == raw[0]["source"]

    # Six records have neither title nor content: three slugs spell the headline.
    empty = [i for i, r in enumerate(raw) if not r["title"].strip() and not r["content"].strip()]
    assert len(empty) == 6
    recovered = [r for r in records if r.metadata.get("warning") == SLUG_BODY_WARNING]
    assert {r.origin.record for r in recovered} < set(empty)
    assert sorted(r.title for r in recovered) == [
        "القصة الكاملة لوفاة معلمة بسبب رفض قبول ابنتها في كلية الطب بجامعة تبوك",
        "بالصور خادم الحرمين يغادر جدة إلى خارج المملكة في إجازة خاصة",
        "وزارة التعليم توضح ملابسات وفاة معلمة بتبوك",
    ]
    assert all(r.body == r.title for r in recovered)
    # The other three (".../pdf", "alriyadh.com/1067290"…) are reported with their
    # record index; the ten title-only records are kept, flagged.
    assert len(errors) == 3
    assert {e.origin.record for e in errors} == set(empty) - {r.origin.record for r in recovered}
    assert sum(r.metadata.get("warning") == TITLE_ONLY_WARNING for r in records) == 10


@pytest.mark.slow
@pytest.mark.skipif(not DATA.exists(), reason="SaudiNewsNet is not on this machine")
def test_the_whole_corpus_is_read() -> None:
    items = list(iter_items([str(DATA)]))
    records = sum(isinstance(i, RawRecord) for i in items)
    assert len(items) == 31_030
    assert records == 31_030 - 26  # 26 have neither title, body nor a headline in the URL
