"""indexer.readers.jsondoc / jsonlines / fields: tolerant fields, broken input reported
with its line or record, the neighbours still read."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from indexer.readers import jsondoc, jsonlines
from indexer.readers.common import MAX_LINE_CHARS
from indexer.readers.fields import (
    SLUG_BODY_WARNING,
    SLUG_TITLE_WARNING,
    TITLE_ONLY_WARNING,
    title_from_url,
)
from indexer.records import ItemError, Origin, RawRecord

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BODY = "أعلنت الشرطة توقيف ثلاثة أشخاص يشتبه في تورطهم في قضية اتجار دولي في المخدرات."


def records(items: list) -> list[RawRecord]:
    return [item for item in items if isinstance(item, RawRecord)]


def errors(items: list) -> list[ItemError]:
    return [item for item in items if isinstance(item, ItemError)]


def read_json(obj: object, name: str = "a.json") -> list:
    return list(jsondoc.read(json.dumps(obj, ensure_ascii=False).encode(), Origin(name)))


def test_one_object() -> None:
    (record,) = read_json({"title": "عنوان", "content": BODY, "url": "https://x.example/1"})
    assert (record.title, record.body, record.url) == ("عنوان", BODY, "https://x.example/1")
    assert record.origin == Origin("a.json") and record.format == "json"


@pytest.mark.parametrize(
    ("title_key", "body_key", "url_key", "source_key", "date_key"),
    [
        ("title", "content", "url", "source", "published_at"),
        ("headline", "body", "link", "site", "date"),
        ("Title", "text", "URL", "Source", "pubDate"),
        ("HEADLINE", "article", "Link", "site", "published"),
        ("title", "content", "url", "source", "date_extracted"),
        ("title", "maintext", "url", "source_domain", "date_publish"),  # news-please
        ("title", "content_text", "permalink", "publisher", "date_published"),  # JSON Feed
        ("headline", "full_text", "link", "site_name", "datePublished"),  # schema.org
        ("title", "description", "url", "source_name", "publishedAt"),  # a teaser only
    ],
)
def test_tolerant_field_names(
    title_key: str, body_key: str, url_key: str, source_key: str, date_key: str
) -> None:
    obj = {
        title_key: "عنوان الخبر",
        body_key: BODY,
        url_key: "https://www.hespress.com/x.html",
        source_key: "hespress",
        date_key: "2024-03-05 10:00:00",
        "author": "مراسل",
    }
    (record,) = read_json(obj)
    assert record.title == "عنوان الخبر"
    assert record.body == BODY
    assert record.url == "https://www.hespress.com/x.html"
    assert record.source == "hespress"
    assert record.published_raw == "2024-03-05 10:00:00"
    assert record.metadata["published_from"] == date_key.lower()
    assert record.author == "مراسل"


def test_an_array_gives_record_indexes_and_reports_bad_elements() -> None:
    items = read_json([{"title": "أ", "content": BODY}, "نص", None, {"title": "ب", "body": BODY}])
    assert [str(i.origin) for i in items] == [f"a.json[#{n}]" for n in range(4)]
    assert [i.title for i in records(items)] == ["أ", "ب"]
    assert [e.reason for e in errors(items)] == [
        "expected a JSON object, found a string",
        "expected a JSON object, found null",
    ]


def test_an_object_wrapping_the_articles() -> None:
    items = read_json({"count": 2, "articles": [{"title": "أ", "content": BODY}] * 2})
    assert len(records(items)) == 2


def test_a_teaser_is_the_body_only_without_the_full_text() -> None:
    (record,) = read_json({"title": "عنوان", "description": "موجز", "content": BODY})
    assert record.body == BODY


@pytest.mark.parametrize(
    "document",
    [
        {"data": {"items": [{"title": "أ", "content": BODY}]}},
        # A search engine's answer, as a dump of an existing Elasticsearch index gives it.
        {"took": 3, "hits": {"total": 1, "hits": [{"_id": "1", "_source": {"title": "أ",
                                                                          "body": BODY}}]}},
    ],
)  # fmt: skip
def test_articles_wrapped_a_few_levels_down(document: object) -> None:
    (record,) = records(read_json(document))
    assert (record.title, record.body) == ("أ", BODY)


def test_a_newsapi_answer() -> None:
    article = {
        "source": {"id": None, "name": "Hespress"},
        "author": "مراسل",
        "title": "عنوان",
        "description": "موجز الخبر",
        "url": "https://www.hespress.com/x.html",
        "publishedAt": "2021-03-03T10:00:00Z",
        "content": BODY,
    }
    (record,) = read_json({"status": "ok", "totalResults": 1, "articles": [article]})
    assert (record.source, record.body, record.author) == ("hespress", BODY, "مراسل")
    assert record.published_raw == "2021-03-03T10:00:00Z"
    assert "warning" not in record.metadata


def test_a_wordpress_rest_api_answer() -> None:
    post = {
        "id": 7,
        "date": "2021-06-01T10:00:00",
        "link": "https://news.example/?p=7",
        "title": {"rendered": "توقيف شبكة &#8211; طنجة"},
        "content": {"rendered": f"<p>{BODY}</p>", "protected": False},
        "excerpt": {"rendered": "<p>موجز</p>"},
    }
    (record,) = read_json([post])
    assert (record.title, record.body) == ("توقيف شبكة – طنجة", BODY)
    assert (record.url, record.published_raw) == ("https://news.example/?p=7", post["date"])


def test_a_json_feed() -> None:
    """A feed that describes itself is no article: its items are (jsonfeed.org)."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "أخبار الأمن",
        "description": "آخر الأخبار",
        "items": [
            {"id": "1", "url": "https://x.example/1", "title": "عنوان", "content_text": BODY,
             "date_published": "2020-01-02T08:00:00+01:00",
             "authors": [{"name": "أحمد"}, {"name": "سلمى"}]},
        ],
    }  # fmt: skip
    (record,) = read_json(feed)
    assert (record.title, record.body, record.author) == ("عنوان", BODY, "أحمد, سلمى")
    assert record.published_raw == "2020-01-02T08:00:00+01:00"


def test_json_lines_of_an_index_dump() -> None:
    lines = [{"_index": "news", "_id": str(n), "_source": {"title": f"عنوان {n}", "content": BODY}}
             for n in (1, 2)]  # fmt: skip
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    assert [r.title for r in records(list(jsonlines.read(data, Origin("dump.jsonl"))))] == [
        "عنوان 1",
        "عنوان 2",
    ]


def test_values_are_cleaned_and_entities_unescaped() -> None:
    (record,) = read_json(
        {
            "title": " عنوان\u200f &amp; خبر ",
            "content": ["فقرة أولى&nbsp;هنا", "فقرة ثانية"],
            "author": "&nbsp;واس (جدة)",
        }
    )
    assert record.title == "عنوان & خبر"
    assert record.body == "فقرة أولى هنا\n\nفقرة ثانية"
    assert record.author == "واس (جدة)"


def test_markup_in_a_field_becomes_its_text() -> None:
    content = "<p>فقرة <b>أولى</b></p><script>alert('x')</script><p>فقرة&nbsp;ثانية<br>سطر</p>"
    (record,) = read_json({"title": "<h1>عنوان الخبر</h1>", "content": content})
    assert record.title == "عنوان الخبر"
    assert record.body == "فقرة أولى\n\nفقرة ثانية\nسطر"


@pytest.mark.parametrize(
    "prose",
    ["ارتفع المؤشر <5% و 3 < 4 > 2", "زرعوا الشيفرة <script>alert(1)</script> في الصفحات"],
)
def test_angle_brackets_and_quoted_tags_in_prose_are_not_markup(prose: str) -> None:
    (record,) = read_json({"title": "عنوان", "content": prose})
    assert record.body == prose


def test_a_known_source_id_brings_site_name_and_country() -> None:
    (record,) = read_json({"source": "okaz", "title": "عنوان", "content": BODY})
    assert record.source == "okaz"
    assert record.metadata["site_name"] == "عكاظ"
    assert record.metadata["site_country"] == "SA"


def test_a_source_given_as_an_object_with_an_id_is_that_id() -> None:
    # Rasd's own JSON Lines export labels the source: {"id", "label_ar", "label_en", …}
    source = {"id": "hespress", "label_ar": "هسبريس", "label_en": "Hespress"}
    (record,) = read_json({"title": "عنوان", "content": BODY, "source": source})
    assert record.source == "hespress" and "warning" not in record.metadata


def test_an_unknown_source_is_kept_as_given() -> None:
    (record,) = read_json({"source": "مدونة الحي", "title": "عنوان", "content": BODY})
    assert record.source == "مدونة الحي"
    assert "site_country" not in record.metadata


def test_a_record_with_a_title_and_no_body_is_kept_with_a_warning() -> None:
    (record,) = read_json({"title": "عنوان فقط", "content": " ", "url": "https://x.example/a"})
    assert isinstance(record, RawRecord)
    assert (record.title, record.body) == ("عنوان فقط", "")
    assert record.metadata["warning"] == TITLE_ONLY_WARNING


def test_a_record_with_neither_title_nor_body_names_the_missing_fields() -> None:
    (error,) = read_json({"title": " ", "content": " "})
    assert isinstance(error, ItemError)
    assert error.reason.startswith("missing title and body")
    assert "content" in error.reason


URL_WITH_HEADLINE = (
    "http://www.al-madina.com/node/621034/"
    "%D9%88%D8%B2%D8%A7%D8%B1%D8%A9-%D8%A7%D9%84%D8%AA%D8%B9%D9%84%D9%8A%D9%85-"
    "%D8%AA%D9%88%D8%B6%D8%AD-%D9%85%D9%84%D8%A7%D8%A8%D8%B3%D8%A7%D8%AA.html"
)


def test_title_and_body_are_recovered_from_a_url_slug() -> None:
    (record,) = read_json(
        {"source": "almadina", "url": URL_WITH_HEADLINE, "title": "", "content": " "}
    )
    assert record.title == record.body == "وزارة التعليم توضح ملابسات"
    assert record.metadata["warning"] == SLUG_BODY_WARNING
    assert record.source == "almadina"


def test_only_the_title_is_recovered_when_there_is_a_body() -> None:
    (record,) = read_json({"url": URL_WITH_HEADLINE, "content": BODY})
    assert (record.title, record.body) == ("وزارة التعليم توضح ملابسات", BODY)
    assert record.metadata["warning"] == SLUG_TITLE_WARNING


@pytest.mark.parametrize(
    "url",
    [
        "http://www.al-madina.com/node/620214/pdf",
        "http://www.al-madina.com/node/619596/array.html",
        "http://www.al-madina.com/node/621066/.html",
        "http://www.alriyadh.com/1066761",
        "http://sabq.org/PHGKif",
        "http://www.aleqt.com/2015/08/05/article_979345.html",
        "http://www.alwatan.com.sa/Politics/News_Detail.aspx?ArticleID=229720",
    ],
)
def test_a_slug_without_words_gives_an_error(url: str) -> None:
    assert title_from_url(url) is None
    (error,) = read_json({"url": url, "title": "", "content": ""})
    assert isinstance(error, ItemError)
    assert "missing title and body" in error.reason and "slug" in error.reason


def test_latin_slugs_need_several_words() -> None:
    assert title_from_url("https://x.example/news/police-arrest-three-smugglers") == (
        "police arrest three smugglers"
    )
    assert title_from_url("https://x.example/news/breaking-news") is None


def test_a_record_without_anything_or_url() -> None:
    (error,) = read_json({"author": "مجهول"})
    assert error.reason.endswith("and no URL")


def test_a_truncated_array_keeps_the_records_before_the_break() -> None:
    origin = Origin("articles_truncated.json")
    items = list(jsondoc.read((FIXTURES / origin.path).read_bytes(), origin))
    assert [r.title for r in records(items)] == ["المقال الأول", "المقال الثاني"]
    (error,) = errors(items)
    assert error.origin == Origin("articles_truncated.json", record=2)
    assert "broken at record 2" in error.reason and "records 0-1 were read" in error.reason


def test_a_trailing_comma_in_an_array_loses_nothing() -> None:
    items = list(
        jsondoc.read(
            f"[{json.dumps({'title': 'أ', 'content': BODY})},\n]".encode(), Origin("t.json")
        )
    )
    assert [type(i).__name__ for i in items] == ["RawRecord"]


def test_an_array_cut_between_records() -> None:
    data = '[{"title": "أ", "content": "نص أ"}, {"title": "ب", "content": "نص ب"}'.encode()
    items = list(jsondoc.read(data, Origin("cut.json")))
    assert len(records(items)) == 2
    assert errors(items)[0].origin.record == 2
    assert "end of file" in errors(items)[0].reason


def test_a_broken_array_opening() -> None:
    items = list(jsondoc.read(b'[{"title": oops}]', Origin("bad.json")))
    assert [e.reason.split(":")[0] for e in errors(items)] == ["JSON array broken at record 0"]
    assert "no record before it was read" in items[0].reason


def test_an_invalid_object_document() -> None:
    (error,) = list(jsondoc.read(b'{"title": ', Origin("bad.json")))
    assert error.reason.startswith("invalid JSON")


def test_json_lines_with_broken_lines() -> None:
    origin = Origin("articles.jsonl")
    items = list(jsonlines.read((FIXTURES / origin.path).read_bytes(), origin))
    assert [str(i.origin) for i in items] == [f"articles.jsonl:{n}" for n in (1, 3, 4, 5, 6)]
    first, broken, fourth, array, title_only = items
    assert first.title == "اعتقال مشتبه به في هجوم مسلح بعمان"
    assert (first.source, first.published_raw, first.author) == (
        "alghad",
        "Tue, 05 Mar 2024 10:00:00 GMT",
        "عمان - الغد",
    )
    assert broken.reason.startswith("invalid JSON")
    assert fourth.source == "aljazeera" and fourth.format == "jsonl"
    assert array.reason == "expected a JSON object, found an array"
    assert title_only.body == "" and title_only.metadata["warning"] == TITLE_ONLY_WARNING


def test_an_overlong_json_line_is_refused_and_its_neighbours_read() -> None:
    good = json.dumps({"title": "عنوان", "content": BODY}, ensure_ascii=False)
    huge = json.dumps({"title": "ضخم", "content": "x" * (2 * 1024 * 1024)})
    items = list(jsonlines.read(f"{good}\n{huge}\n{good}\n".encode(), Origin("big.jsonl")))
    assert [type(i).__name__ for i in items] == ["RawRecord", "ItemError", "RawRecord"]
    assert items[1].origin.line == 2 and f"{MAX_LINE_CHARS:,}" in items[1].reason


def test_json_lines_in_utf16() -> None:
    line = json.dumps({"title": "عنوان", "content": BODY}, ensure_ascii=False)
    items = list(jsonlines.read(f"{line}\n{line}\n".encode("utf-16"), Origin("u16.jsonl")))
    assert [r.body for r in records(items)] == [BODY, BODY]


def test_json_lines_from_several_encodings_are_read_line_by_line() -> None:
    lines = [
        json.dumps({"title": f"عنوان {n}", "content": BODY}, ensure_ascii=False) for n in range(4)
    ]
    damaged = lines[3].encode().replace(b'"content": "', b'"content": "\xff')  # a stray byte
    data = b"\n".join(
        [lines[0].encode(), lines[1].encode("cp1256"), lines[2].encode(), damaged]
    )  # the second line comes from a source in Windows-1256
    items = list(jsonlines.read(data, Origin("mixed.jsonl")))
    assert [r.title for r in records(items)] == [f"عنوان {n}" for n in range(4)]
    assert [r.body for r in records(items)] == [BODY] * 3 + ["\ufffd" + BODY]
    warnings = [r.metadata.get("warning") for r in records(items)]
    assert warnings[:3] == [None, None, None]
    assert warnings[3] is not None and "replaced" in warnings[3]


def test_json_lines_with_a_byte_order_mark_and_a_damaged_line() -> None:
    lines = [
        json.dumps({"title": f"عنوان {n}", "content": BODY}, ensure_ascii=False) for n in (1, 2)
    ]
    damaged = lines[1].encode().replace(b'"content": "', b'"content": "\xfe')
    data = codecs.BOM_UTF8 + lines[0].encode() + b"\n" + damaged + b"\n"
    first, second = jsonlines.read(data, Origin("bom.jsonl"))
    assert (first.title, second.title) == ("عنوان 1", "عنوان 2")
    assert "warning" not in first.metadata and "replaced" in second.metadata["warning"]


def test_empty_json_files_are_errors() -> None:
    for reader in (jsondoc.read, jsonlines.read):
        (error,) = list(reader(b"  \n", Origin("empty")))
        assert "whitespace" in error.reason


def test_author_lists_are_joined_with_commas() -> None:
    (record,) = read_json({"title": "عنوان", "content": BODY, "author": ["أحمد", "سلمى"]})
    assert record.author == "أحمد, سلمى"


@pytest.mark.parametrize("url", [5, "5", "ftp://x.example/a", "javascript:alert(1)", "/news/1"])
def test_a_url_that_is_no_web_address_is_dropped_with_a_warning(url: object) -> None:
    (record,) = read_json({"title": "عنوان", "content": BODY, "url": url})
    assert isinstance(record, RawRecord)
    assert record.url is None  # the id comes from the content instead
    assert record.metadata["warning"].startswith("URL ignored, not an http(s) address")


def test_warnings_add_up() -> None:
    (record,) = read_json({"title": "عنوان فقط", "url": "www.example.com/a"})
    assert isinstance(record, RawRecord)
    assert record.metadata["warning"] == (
        f"URL ignored, not an http(s) address: 'www.example.com/a'; {TITLE_ONLY_WARNING}"
    )


@pytest.mark.parametrize("document", [[], {"articles": []}])
def test_an_empty_array_is_reported(document: object) -> None:
    (error,) = read_json(document)
    assert isinstance(error, ItemError)
    assert error.reason == "no articles: the JSON array is empty"


def test_a_text_given_per_language_is_the_arabic_one() -> None:
    title = {"en": "Police arrest a network", "ar": "الشرطة توقف شبكة"}
    (record,) = read_json({"title": title, "content": {"ar": BODY, "fr": "Texte"}})
    assert (record.title, record.body) == ("الشرطة توقف شبكة", BODY)


def test_fields_that_are_not_text_are_named_in_a_warning() -> None:
    (record,) = read_json({"title": {"fr": "titre"}, "content": BODY, "author": True})
    assert isinstance(record, RawRecord)
    assert record.title is None
    assert record.metadata["warning"] == (
        "'title' ignored: an object, not text; 'author' ignored: a boolean, not text"
    )


def test_a_record_lost_to_unreadable_fields_says_why() -> None:
    (error,) = read_json({"title": ["عنوان", 1], "content": {"text": BODY}})
    assert isinstance(error, ItemError)
    assert error.reason.endswith(
        "('title' ignored: an array, not text; 'content' ignored: an object, not text)"
    )


def test_json_nested_too_deeply_is_a_clear_error() -> None:
    items = list(jsondoc.read(b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]", Origin("deep.json")))
    assert [str(i) for i in items] == [
        "deep.json[#0]: JSON array broken at record 0: arrays or objects nested too deeply; "
        "no record before it was read"
    ]


def test_nan_and_infinity_as_python_writes_them_count_as_missing() -> None:
    data = f'{{"title": "عنوان", "content": "{BODY}", "summary": NaN, "score": Infinity}}'
    (record,) = jsondoc.read(data.encode(), Origin("a.json"))
    assert isinstance(record, RawRecord) and record.body == BODY


WHOLE = '{{"title": "{t}", "content": "{b}"}}'
BROKEN_ARRAY = '[{{"title": "{t}", "content": "{b}"}}, {{"title": "x"'


@pytest.mark.parametrize("document", [WHOLE, BROKEN_ARRAY])
def test_a_lone_surrogate_becomes_a_replacement_character(document: str) -> None:
    # "\ud83d" is half an emoji: orjson refuses it, Python's json module does not.
    data = document.format(t="خبر \\ud83d عاجل", b=BODY).encode()
    record = next(iter(jsondoc.read(data, Origin("a.json"))))
    assert isinstance(record, RawRecord) and record.title == "خبر \ufffd عاجل"
