"""indexer.readers.text: scraped pages like the seed, and plain paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.readers import text
from indexer.readers.common import MAX_LINE_CHARS
from indexer.records import ItemError, Origin, RawRecord

from support import SEED_PAGE

SEED = SEED_PAGE
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TITLE = "وفد أمني مغربي رفيع المستوى يشارك في الملتقى الأمني الدولي بفرنسا"
PARAGRAPH = (
    "أعلنت المديرية العامة للأمن الوطني، اليوم الاثنين، توقيف ثلاثة أشخاص يشتبه في تورطهم "
    "في قضية تتعلق بالاتجار الدولي في المخدرات، وذلك في إطار عملية أمنية مشتركة."
)


def read_one(data: bytes, name: str = "page.txt") -> RawRecord | ItemError:
    items = list(text.read(data, Origin(name)))
    assert len(items) == 1
    return items[0]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not on this machine")
def test_the_seed_page() -> None:
    record = read_one(SEED.read_bytes(), SEED.name)
    assert isinstance(record, RawRecord)
    assert record.title == TITLE
    assert record.source == "akhbarona"
    assert record.metadata == {"site_name": "أخبارنا المغربية", "site_country": "MA"}
    assert record.body.startswith("شارك وفد أمني مغربي رفيع المستوى، يترأسه المدير العام")
    assert record.body.endswith("والاتجار في الأشخاص.")
    assert "يومي 8 و9 يوليوز الجاري" in record.body
    for chrome in ("هل ترغب", "ملحوظة", "التعليقات المنشورة", "من شروط النشر", "*", "•"):
        assert chrome not in record.body
    assert TITLE not in record.body and "أخبارنا المغربية" not in record.body


def seed_shaped(site_line: str, body: str) -> bytes:
    return f"{TITLE}\n\n{TITLE}\n\n{site_line}\n\n{site_line}\n\n{body}\n".encode()


def test_a_repeated_unknown_site_name_is_kept_as_the_source() -> None:
    record = read_one(seed_shaped("جريدة الأمن اليوم", PARAGRAPH))
    assert (record.title, record.source, record.body) == (TITLE, "جريدة الأمن اليوم", PARAGRAPH)
    assert record.metadata == {"site_name": "جريدة الأمن اليوم"}


@pytest.mark.parametrize("site_line", ["هسبريس", "جريدة الأمن اليوم"])
def test_title_and_site_given_twice_as_a_pair(site_line: str) -> None:
    record = read_one(f"{TITLE}\n{site_line}\n{TITLE}\n{site_line}\n{PARAGRAPH}".encode())
    assert isinstance(record, RawRecord)
    assert (record.title, record.body) == (TITLE, PARAGRAPH)
    assert record.metadata["site_name"] == site_line


def test_a_known_site_is_recognised_even_when_not_repeated() -> None:
    record = read_one(f"{TITLE}\nهسبريس\n{PARAGRAPH}".encode())
    assert (record.source, record.body) == ("hespress", PARAGRAPH)
    assert record.metadata["site_country"] == "MA"


def test_a_short_first_paragraph_is_not_mistaken_for_a_site_name() -> None:
    record = read_one(f"{TITLE}\nعاجل من الرباط\n{PARAGRAPH}".encode())
    assert record.source is None
    assert record.body == f"عاجل من الرباط\n{PARAGRAPH}"


def test_a_plain_text_file_is_title_then_body() -> None:
    record = read_one((FIXTURES / "page_plain.txt").read_bytes())
    assert record.title == "الشرطة الإسبانية تفكك خلية إرهابية في برشلونة"
    assert record.body.startswith("أعلنت وزارة الداخلية الإسبانية")
    assert record.body.endswith("شبكات التواصل الاجتماعي.")
    assert record.source is None and record.format == "text"


def test_a_single_paragraph_is_all_body() -> None:
    record = read_one(PARAGRAPH.encode())
    assert (record.title, record.body) == (None, PARAGRAPH)


def test_a_long_first_line_is_not_a_title() -> None:
    first = PARAGRAPH * 3
    record = read_one(f"{first}\n{PARAGRAPH}".encode())
    assert record.title is None
    assert record.body == f"{first}\n{PARAGRAPH}"


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6", "utf-16", "utf-16-le"])
def test_legacy_encodings_read_the_same(encoding: str) -> None:
    page = seed_shaped("أخبارنا المغربية", PARAGRAPH)
    record = read_one(page.decode().encode(encoding))
    assert (record.title, record.source, record.body) == (TITLE, "akhbarona", PARAGRAPH)


def test_a_stray_byte_in_utf8_costs_one_character_not_the_page() -> None:
    page = seed_shaped("أخبارنا المغربية", PARAGRAPH)
    cut = page.index(b" ", page.index(PARAGRAPH.encode()))
    record = read_one(page[:cut] + b"\xff" + page[cut:])
    assert (record.title, record.source) == (TITLE, "akhbarona")
    assert record.body.replace("\ufffd", "") == PARAGRAPH
    assert "1 invalid UTF-8 byte sequence replaced" in record.metadata["warning"]


def test_a_single_byte_encoding_is_noted_in_metadata() -> None:
    record = read_one(seed_shaped("أخبارنا المغربية", PARAGRAPH).decode().encode("cp1256"))
    assert record.metadata["encoding"] == "cp1256"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "only whitespace"),
        ("  \n \n".encode("utf-16"), "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary data (PNG image)"),
        (f"{TITLE}\n\nهل ترغب بالتعليق على الموضوع؟".encode(), "no body text"),
    ],
)
def test_pages_without_an_article_are_errors(data: bytes, reason: str) -> None:
    error = read_one(data, "bad.txt")
    assert isinstance(error, ItemError)
    assert reason in error.reason
    assert error.origin == Origin("bad.txt")


def test_a_two_megabyte_line_is_refused_with_its_line_number() -> None:
    data = f"{TITLE}\n".encode() + b"x" * (2 * 1024 * 1024) + b"\n"
    error = read_one(data, "blob.txt")
    assert isinstance(error, ItemError)
    assert error.origin == Origin("blob.txt", line=2)
    assert f"{MAX_LINE_CHARS:,}" in error.reason


@pytest.mark.parametrize(
    ("first_line", "title"),
    [(f"# {TITLE}", TITLE), (f"### {TITLE}", TITLE), ("#المغرب في ليون", "#المغرب في ليون")],
)
def test_a_markdown_heading_loses_its_marks_a_hashtag_keeps_its_sign(
    first_line: str, title: str
) -> None:
    record = read_one(f"{first_line}\n\n{PARAGRAPH}\n".encode(), "note.md")
    assert isinstance(record, RawRecord) and record.title == title
