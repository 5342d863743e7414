"""Deterministic ids (pure)."""

from __future__ import annotations

from indexer.ids import canonical_url, content_hash, document_id


def test_canonical_url_ignores_what_does_not_change_the_page() -> None:
    base = canonical_url("https://www.Example.ma/news/1")
    assert canonical_url("http://example.ma/news/1/") == base
    assert canonical_url("https://example.ma/news/1?utm_source=x&fbclid=y#top") == base
    assert canonical_url("https://example.ma/news/1?id=2") != base


def test_content_hash_ignores_spelling_noise_only() -> None:
    plain = content_hash("عنوان", "نص الخبر ٢٠١٥")
    assert content_hash("عُنوان", "نص  الخبـــر 2015") == plain
    assert content_hash("عنوان", "نص خبر آخر") != plain


def test_ids_come_from_the_url_else_the_content() -> None:
    digest = content_hash("عنوان", "نص")
    assert document_id("https://a.ma/1", digest) == document_id("http://a.ma/1/", "other")
    assert document_id(None, digest) != document_id("https://a.ma/1", digest)
    assert document_id(None, digest) == document_id(None, digest)
