"""indexer.readers.html: the article text without page chrome, plus page metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.readers import html
from indexer.records import ItemError, Origin, RawRecord

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PARAGRAPHS = [
    "أعلنت وزارة الداخلية، مساء الأحد، إحباط مخطط إرهابي كان يستهدف منشآت حيوية في العاصمة، "
    "وتوقيف أربعة عناصر يشتبه في انتمائهم إلى خلية متطرفة.",
    "وأوضح بيان الوزارة أن العملية جاءت بعد أشهر من المتابعة الدقيقة، وأن الموقوفين سيحالون "
    "على النيابة العامة المختصة بعد انتهاء البحث القضائي.",
]


def page(head: str = "", body_extra: str = "", *, charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<html><head><meta charset="{charset}"><title>إحباط مخطط إرهابي</title>{head}</head>'
        f"<body><article><h1>إحباط مخطط إرهابي</h1>{paragraphs}{body_extra}</article>"
        "</body></html>"
    )


def read_one(data: bytes) -> RawRecord | ItemError:
    items = list(html.read(data, Origin("page.html")))
    assert len(items) == 1
    return items[0]


def test_a_full_article_page() -> None:
    record = read_one((FIXTURES / "article_hespress.html").read_bytes())
    assert isinstance(record, RawRecord)
    assert record.title == "توقيف شبكة لتهريب المخدرات بطنجة"
    assert record.url == "https://www.hespress.com/tawqif-shabaka-1234567.html"
    assert record.source == "hespress"
    assert record.metadata["site_name"] == "هسبريس"
    assert record.metadata["site_country"] == "MA"
    assert record.published_raw == "2024-03-05T10:15:00+01:00"
    assert record.metadata["published_from"] == "meta article:published_time"
    assert record.body.startswith("تمكنت عناصر الشرطة القضائية بمدينة طنجة")
    assert record.format == "html"


def test_scripts_styles_and_chrome_never_reach_the_body() -> None:
    record = read_one((FIXTURES / "article_hespress.html").read_bytes())
    for leak in (
        "SCRIPT-LEAK",
        "STYLE-LEAK",
        "NAV-LEAK",
        "HEADER-LEAK",
        "ASIDE-LEAK",
        "FOOTER-LEAK",
        "tracker",
        "color: red",
        "Google News",
    ):
        assert leak not in record.body
    assert not record.body.startswith(record.title)


def test_literal_script_text_in_the_article_stays_text() -> None:
    record = read_one((FIXTURES / "article_hespress.html").read_bytes())
    assert "العبارة <script>alert(1)</script> لاختبار" in record.body


def test_date_from_json_ld() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "WebPage", "headline": "الصفحة"}, {"@type": "NewsArticle", "datePublished": '
        '"2023-11-02T08:30:00+03:00"}]}</script>'
    )
    record = read_one(page(ld).encode())
    assert record.published_raw == "2023-11-02T08:30:00+03:00"
    assert record.metadata["published_from"] == "json-ld datePublished"


def test_headline_author_and_publisher_from_json_ld() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"الداخلية تحبط مخططا إرهابيا في العاصمة", "datePublished": "2022-05-10", '
        '"author": [{"@type": "Person", "name": "هيئة التحرير"}, {"name": "مراسل"}], '
        '"publisher": {"@type": "Organization", "name": "هسبريس"}, '
        '"url": "https://www.hespress.com/a-1.html"}</script>'
    )
    record = read_one(page(ld).replace("<h1>إحباط مخطط إرهابي</h1>", "").encode())
    assert record.title == "الداخلية تحبط مخططا إرهابيا في العاصمة"  # before <title>
    assert (record.author, record.source) == ("هيئة التحرير, مراسل", "hespress")
    assert record.url == "https://www.hespress.com/a-1.html"


def test_date_from_a_time_element_in_the_article() -> None:
    record = read_one(page(body_extra='<time datetime="2022-06-14">14 يونيو 2022</time>').encode())
    assert record.published_raw == "2022-06-14"
    assert record.metadata["published_from"] == "time element"


def test_a_time_in_the_page_header_is_not_the_publication_date() -> None:
    data = page().replace(
        "<body>", '<body><header><time datetime="2030-01-01">اليوم</time></header>'
    )
    record = read_one(data.encode())
    assert record.published_raw is None


def test_a_windows_1256_page() -> None:
    record = read_one(page(charset="windows-1256").encode("cp1256"))
    assert record.title == "إحباط مخطط إرهابي"
    assert record.body == "\n".join(PARAGRAPHS)


def test_a_page_without_article_text() -> None:
    data = "<html><head><title>صفحة</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
    error = read_one(f"{data}</body></html>".encode())
    assert isinstance(error, ItemError)
    assert error.reason == "no article text found in the page"


def test_text_straight_in_the_body_split_by_line_breaks_is_read() -> None:
    lines = "<br>".join(PARAGRAPHS)
    data = f"<html><body><h1>إحباط مخطط إرهابي</h1>{lines}<br/><script>var x = 1;</script>"
    record = read_one(f"{data}</body></html>".encode())
    assert isinstance(record, RawRecord) and record.title == "إحباط مخطط إرهابي"
    assert record.body == "\n".join(PARAGRAPHS)


def test_a_page_of_headline_links_yields_no_article() -> None:
    links = "".join(f"<li><a href='/{i}'>{p}</a></li>" for i, p in enumerate(PARAGRAPHS))
    data = f"<html><body><h1>آخر الأخبار</h1><ul>{links}</ul></body></html>"
    error = read_one(data.encode())
    assert isinstance(error, ItemError) and error.reason == "no article text found in the page"


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03" * 50])
def test_unreadable_pages_are_errors(data: bytes) -> None:
    assert isinstance(read_one(data), ItemError)


def test_title_falls_back_to_the_heading_then_the_longest_part_of_title() -> None:
    assert read_one(page().encode()).title == "إحباط مخطط إرهابي"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    bare = (
        "<html><head><title>الخبر | إحباط مخطط إرهابي في العاصمة</title></head>"
        f"<body><div>{paragraphs}</div></body></html>"
    )
    assert read_one(bare.encode()).title == "إحباط مخطط إرهابي في العاصمة"


def test_author_url_and_unknown_site_from_meta_tags() -> None:
    head = (
        '<meta name="author" content="مراسل الموقع">'
        '<meta property="article:author" content="https://x.example/authors/1">'
        '<meta property="og:url" content="https://news.example/a/1">'
        '<meta property="og:site_name" content="موقع أخبار محلي">'
    )
    record = read_one(page(head).encode())
    assert record.author == "مراسل الموقع"
    assert record.url == "https://news.example/a/1"
    assert record.source == record.metadata["site_name"] == "موقع أخبار محلي"
    assert "site_country" not in record.metadata


def test_a_known_site_is_found_from_the_canonical_url() -> None:
    record = read_one(page('<link rel="canonical" href="https://www.youm7.com/story/1">').encode())
    assert (record.source, record.metadata["site_country"]) == ("youm7", "EG")


def test_xhtml_with_an_xml_declaration() -> None:
    declaration = '<?xml version="1.0" encoding="windows-1256"?>\n'
    record = read_one((declaration + page(charset="windows-1256")).encode("cp1256"))
    assert record.body == "\n".join(PARAGRAPHS)
