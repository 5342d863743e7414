"""indexer.readers: format detection and the never-raise dispatch."""

from __future__ import annotations

import json

import pytest

import indexer.readers as readers
from indexer.formats import FORMATS
from indexer.readers import format_for_name, read_bytes, resolve_format, sniff_format
from indexer.records import ItemError, Origin, RawRecord

ARTICLE = {"title": "عنوان", "content": "نص الخبر عن توقيف مشتبه فيهم في قضية إرهاب."}


def test_every_format_named_has_a_reader() -> None:
    assert ("auto", *readers.READERS) == FORMATS


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("dir/A.TXT", "text"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.json", "json"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("news.rss", "feed"),
        ("news.atom", "feed"),
        ("feed.xml", None),  # sitemaps and configurations too: the content decides
        ("a.pdf", None),
        ("README", None),
    ],
)
def test_format_for_name(name: str, fmt: str | None) -> None:
    assert format_for_name(name) == fmt


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (json.dumps([ARTICLE]), "json"),
        (json.dumps(ARTICLE, indent=2), "json"),
        (json.dumps(ARTICLE), "json"),
        (f"{json.dumps(ARTICLE)}\n{json.dumps(ARTICLE)}\n", "jsonl"),
        ("<!DOCTYPE html><html><body><p>نص</p></body></html>", "html"),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>', "html"),
        ("<p>فقرة</p>", "html"),
        ("عنوان الخبر\n\nنص الخبر", "text"),
        ("<<< ليس وسما >>>", "text"),
        ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>', "feed"),
        ('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- x --><feed xmlns="">', "feed"),
        ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
        ('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', "feed"),
    ],
)
def test_sniff_format(content: str, fmt: str) -> None:
    assert sniff_format(content.encode()) == fmt
    assert sniff_format(content.encode("utf-16")) == fmt


def test_auto_resolves_by_name_then_content() -> None:
    jsonl = f"{json.dumps(ARTICLE)}\n{json.dumps(ARTICLE)}".encode()
    assert resolve_format("auto", Origin("x.txt"), jsonl) == "text"
    assert resolve_format("auto", Origin("-"), jsonl) == "jsonl"
    assert resolve_format("text", Origin("x.json"), jsonl) == "text"
    daily = Origin("data/2015-07-21.zip", member="2015-07-21.json")
    assert resolve_format("auto", daily, b"[]") == "saudinewsnet"
    assert resolve_format("auto", Origin("a.zip", member="2015-07-21.json"), b"[]") == "json"


def test_json_and_json_lines_are_read_as_their_content_is_whatever_the_name() -> None:
    line = json.dumps(ARTICLE, ensure_ascii=False)
    lines = f"{line}\n{line}\n".encode()
    array = json.dumps([ARTICLE, ARTICLE], ensure_ascii=False, indent=2).encode()
    assert resolve_format("auto", Origin("lines.json"), lines) == "jsonl"
    assert resolve_format("auto", Origin("array.jsonl"), array) == "json"
    assert [type(i) for i in read_bytes(array, Origin("array.jsonl"))] == [RawRecord] * 2
    # a first line cut short stays JSON Lines: the lines after it are still read
    broken = f'{{"title": "عنو\n{line}\n'.encode()
    assert resolve_format("auto", Origin("cut.jsonl"), broken) == "jsonl"
    assert resolve_format("auto", Origin("one.jsonl"), f"{line}\n".encode()) == "jsonl"


def test_a_web_page_saved_as_text_is_read_as_html() -> None:
    page = "\ufeff\n<!DOCTYPE html><html><body><p>نص</p></body></html>".encode()
    assert resolve_format("auto", Origin("page.txt"), page) == "html"
    assert resolve_format("auto", Origin("page.txt"), b"<html lang='ar'>") == "html"
    # prose that opens with a tag-like word stays text, and --format text is obeyed
    assert resolve_format("auto", Origin("a.txt"), "<p> في النص".encode()) == "text"
    assert resolve_format("text", Origin("page.txt"), page) == "text"


def test_read_bytes_dispatches() -> None:
    data = json.dumps([ARTICLE, ARTICLE], ensure_ascii=False).encode()
    items = list(read_bytes(data, Origin("-")))
    assert [type(i) for i in items] == [RawRecord, RawRecord]
    assert items[1].origin == Origin("-", record=1)


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        list(read_bytes(b"", Origin("a"), "xml"))


def test_a_failing_reader_becomes_an_error_after_what_it_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def flaky(data: bytes, origin: Origin):
        yield ItemError(origin, "first")
        raise RecursionError("too deep")

    monkeypatch.setitem(readers.READERS, "json", flaky)
    items = list(read_bytes(b"[]", Origin("a.json")))
    assert [i.reason for i in items] == ["first", "json reader failed: RecursionError: too deep"]
