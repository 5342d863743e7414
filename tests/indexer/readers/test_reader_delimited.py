"""indexer.readers.delimited: CSV and TSV tables, Rasd's own export included."""

from __future__ import annotations

import csv
import io

import pytest

from indexer.readers import delimited, read_bytes, resolve_format
from indexer.records import ItemError, Origin, RawRecord
from search_api.routers.export import CSV_COLUMNS, csv_row

BODY = (
    "أعلنت وزارة الداخلية المغربية تفكيك خلية إرهابية في طنجة.\nوأوضح بيان أنها كانت تخطط لهجمات."
)


def read(text: str, encoding: str = "utf-8", name: str = "a.csv") -> list:
    return list(delimited.read(text.encode(encoding), Origin(name)))


def test_rows_become_records_with_the_line_they_start_on() -> None:
    items = read(f'title,content,url\nخلية طنجة,"{BODY}",https://example.com/a\nعنوان,نص,\n')
    assert [type(i) for i in items] == [RawRecord, RawRecord]
    first, second = items
    assert (first.title, first.body, first.url) == ("خلية طنجة", BODY, "https://example.com/a")
    assert first.origin == Origin("a.csv", line=2)
    assert second.origin == Origin("a.csv", line=4)  # the body above spans lines 2 and 3


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_tables_with_spaced_column_names(delimiter: str) -> None:
    (record,) = read(f" Headline {delimiter} Body\nعنوان الخبر{delimiter}نص الخبر\n")
    assert (record.title, record.body) == ("عنوان الخبر", "نص الخبر")


def test_a_table_without_an_article_column_is_one_error() -> None:
    (error,) = read("a,b,c\n1,2,3\n4,5,6\n")
    assert isinstance(error, ItemError)
    assert "no title / headline" in error.reason and "'a', 'b', 'c'" in error.reason


def test_blank_rows_are_passed_over_and_empty_ones_reported() -> None:
    items = read("title,content,url\n,,\nعنوان,نص,\n,,https://example.com/12345\n")
    assert [type(i) for i in items] == [RawRecord, ItemError]
    assert items[1].origin.line == 4 and "missing title and body" in items[1].reason


def test_a_windows_1256_table_with_a_bom_free_header() -> None:
    (record,) = read("title,content\nعنوان الخبر,نص الخبر عن الأمن\n", encoding="cp1256")
    assert (record.title, record.body) == ("عنوان الخبر", "نص الخبر عن الأمن")


def test_rasd_csv_export_reads_back() -> None:
    article = {
        "id": "x1", "url": "https://example.com/a", "title": "خلية طنجة",
        "source": {"id": "hespress"}, "published_at": "2015-07-09",
        "published_precision": "day", "countries": [{"code": "MA"}], "organizations": [],
        "persons": [], "places": [], "topics": [], "story_id": "s1", "duplicate_of": None,
        "body": BODY,
    }  # fmt: skip
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(csv_row(article))
    data = out.getvalue().encode()
    assert resolve_format("auto", Origin("rasd-export.csv"), data) == "csv"
    (record,) = list(read_bytes(data, Origin("rasd-export.csv")))
    assert (record.title, record.body, record.url) == ("خلية طنجة", BODY, article["url"])
    assert (record.source, record.published_raw) == ("hespress", "2015-07-09")


def test_a_table_with_arabic_column_names() -> None:
    text = f'العنوان;النص;الرابط;التاريخ;الكاتب\nخلية طنجة;"{BODY}";https://example.com/a;21/07/2015;سعيد\n'
    (record,) = read(text, "cp1256")
    assert (record.title, record.body, record.url) == ("خلية طنجة", BODY, "https://example.com/a")
    assert (record.published_raw, record.author) == ("21/07/2015", "سعيد")


def test_rasd_csv_export_keeps_formulas_inert_and_reads_them_back() -> None:
    title, body = '=HYPERLINK("http://x.example","انقر")', "-" + BODY
    article = {
        "id": "x2", "url": "https://example.com/b", "title": title, "source": None,
        "published_at": None, "published_precision": "unknown", "countries": [],
        "organizations": [], "persons": ["@حساب"], "places": [], "topics": [],
        "story_id": "s2", "duplicate_of": None, "body": body,
    }  # fmt: skip
    row = csv_row(article)
    assert (row[2], row[8], row[-1]) == ("'" + title, "'@حساب", "'" + body)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(row)
    (record,) = list(read_bytes(out.getvalue().encode(), Origin("rasd-export.csv")))
    assert (record.title, record.body) == (title, body)
