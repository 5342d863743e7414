"""Deterministic ids (pure)."""

from __future__ import annotations

import pytest

from indexer.ids import _canonical_parsed, canonical_url, content_hash, document_id


def test_canonical_url_ignores_what_does_not_change_the_page() -> None:
    base = canonical_url("https://www.Example.ma/news/1")
    assert canonical_url("http://example.ma/news/1/") == base
    assert canonical_url("https://example.ma/news/1?utm_source=x&fbclid=y#top") == base
    assert canonical_url("https://example.ma/news/1?id=2") != base


def test_canonical_url_is_the_same_however_the_path_was_escaped() -> None:
    arabic = canonical_url("http://al-madina.com/node/621079/محكمة-مصرية.html")
    escaped = "http://al-madina.com/node/621079/%D9%85%D8%AD%D9%83%D9%85%D8%A9-%D9%85%D8%B5%D8%B1%D9%8A%D8%A9.html"
    assert canonical_url(escaped) == canonical_url(escaped.lower()) == arabic
    assert canonical_url("https://x.ma/%7euser/a%2fb%20c") == "https://x.ma/~user/a%2Fb%20c"
    assert canonical_url("https://x.ma/%ff%FE") == "https://x.ma/%FF%FE"  # no UTF-8: kept
    assert canonical_url("https://x.ma/a%2Fb") != canonical_url("https://x.ma/a/b")


def test_content_hash_ignores_spelling_noise_only() -> None:
    plain = content_hash("عنوان", "نص الخبر ٢٠١٥")
    assert content_hash("عُنوان", "نص  الخبـــر 2015") == plain
    assert content_hash("عنوان", "نص خبر آخر") != plain


def test_ids_come_from_the_url_else_the_content() -> None:
    digest = content_hash("عنوان", "نص")
    assert document_id("https://a.ma/1", digest) == document_id("http://a.ma/1/", "other")
    assert document_id(None, digest) != document_id("https://a.ma/1", digest)
    assert document_id(None, digest) == document_id(None, digest)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.Example.ma/news/1",
        "http://example.ma/news/1/",
        "https://example.ma",
        "http://aawsat.com/home/article/410826/بريطانيا-أربعة-محاور",
        "https://x.ma/a//",
        "HTTP://X.ma/a",
        "https://x.ma:8080/a",
        "https://x.ma/a?utm_source=y&id=2#top",
        "https://x.ma/a;p=1",
        "https://x.ma/a%20b",
        "https://x.ma/%D9%85%d8%ad/",
    ],
)
def test_the_fast_path_agrees_with_the_parser(url: str) -> None:
    assert canonical_url(f"  {url} ") == _canonical_parsed(url)
