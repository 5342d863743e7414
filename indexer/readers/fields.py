"""A JSON object (from a JSON document, JSON Lines or SaudiNewsNet) to a RawRecord.

Field names vary between scrapers and data sets, so each field has a list of accepted
names, compared case-insensitively; the first one present with a usable value wins.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from indexer.readers.boilerplate import strip_boilerplate
from indexer.readers.markup import has_markup, markup_to_text
from indexer.records import ItemError, Origin, RawRecord, add_warning
from rasd.arabic import ARABIC_LETTER_RE, clean_text
from rasd.sites import load_sites

# The names of common exports too: NewsAPI (publishedAt, source.name, description),
# news-please (maintext, date_publish, source_domain, authors), the WordPress REST API
# (title.rendered, content.rendered, excerpt, link, date), JSON Feed (content_text,
# date_published, authors: [{"name"}]), RSS turned JSON (link, pubDate, description,
# creator), schema.org (datePublished). A teaser (description, summary) is the body only
# when there is no full text.
# A table a researcher keeps by hand often names its columns in Arabic: those names are
# accepted after the English ones (العنوان، النص، الرابط، المصدر، التاريخ، الكاتب).
TITLE_FIELDS = ("title", "headline", "العنوان", "عنوان", "عنوان الخبر", "عنوان المقال")
FULL_TEXT_FIELDS = ("content", "body", "text", "article", "maintext", "full_text",
                    "content_text", "content_html", "النص", "نص", "المحتوى", "محتوى",
                    "نص الخبر", "نص المقال", "المتن", "التفاصيل", "الخبر", "المقال")  # fmt: skip
BODY_FIELDS = (*FULL_TEXT_FIELDS, "description", "summary", "excerpt", "الملخص", "ملخص",
               "الوصف", "وصف")  # fmt: skip
URL_FIELDS = ("url", "link", "permalink", "الرابط", "رابط", "رابط الخبر", "الرابط الأصلي")
SOURCE_FIELDS = ("source", "site", "source_name", "site_name", "publisher", "source_domain",
                 "المصدر", "مصدر", "الموقع", "الصحيفة", "الجريدة")  # fmt: skip
# Publication dates before a crawl date (SaudiNewsNet's date_extracted).
DATE_FIELDS = ("published_at", "publishedat", "published", "published_date",
               "publish_date", "date_publish", "date_published", "datepublished", "pubdate",
               "pub_date", "date", "date_extracted", "تاريخ النشر", "التاريخ", "تاريخ",
               "تاريخ الخبر")  # fmt: skip
AUTHOR_FIELDS = ("author", "authors", "byline", "creator", "الكاتب", "كاتب", "المحرر",
                 "المؤلف")  # fmt: skip

SLUG_TITLE_WARNING = "title recovered from the URL slug"
SLUG_BODY_WARNING = "title and body recovered from the URL slug"
TITLE_ONLY_WARNING = "no body text: the title alone is indexed"
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d?);", re.I)
_SLUG_EXTENSION_RE = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.I)
_SLUG_SPLIT_RE = re.compile(r"[-_+\s]+")
# A Latin slug needs this many words to pass for a headline ("news-detail" does not).
_MIN_LATIN_SLUG_WORDS = 4


def record_from_mapping(obj: object, origin: Origin, fmt: str) -> RawRecord | ItemError:
    """Map one decoded JSON value to a record, or explain why it is not one."""
    if not isinstance(obj, Mapping):
        return ItemError(origin, f"expected a JSON object, found {_json_type(obj)}")
    fields = _lowercase_fields(obj)
    metadata: dict[str, str] = {}
    for name in _unreadable(fields):
        add_warning(metadata, f"{name!r} ignored: {_json_type(fields[name])}, not text")
    url = _text(fields, URL_FIELDS, clean=False)
    if url and not _is_web_address(url):
        # An id made from a non-address would merge unrelated records; the content decides.
        add_warning(metadata, f"URL ignored, not an http(s) address: {url[:80]!r}")
        url = None
    source = _text(fields, SOURCE_FIELDS)
    site = load_sites().resolve(source, url)
    title = _text(fields, TITLE_FIELDS)
    body = _text(fields, BODY_FIELDS)
    if body:
        body, found = strip_boilerplate(body, site.id if site else None)
        metadata.update(found)
    slug_title = title_from_url(url) if url and not title else None
    if not body and title:
        # A headline alone is still worth finding (SaudiNewsNet has ~300 such records).
        add_warning(metadata, TITLE_ONLY_WARNING)
    elif not body:
        if not slug_title:
            reason = (
                f"missing title and body: no non-empty {' / '.join(TITLE_FIELDS + BODY_FIELDS)}"
                + (", and the URL slug holds no headline" if url else ", and no URL")
            )
            if metadata.get("warning"):
                reason += f" ({metadata['warning']})"
            return ItemError(origin, reason)
        body = slug_title
        add_warning(metadata, SLUG_BODY_WARNING)
    elif slug_title:
        add_warning(metadata, SLUG_TITLE_WARNING)
    title = title or slug_title
    published, published_from = _first(fields, DATE_FIELDS)
    if published_from:
        metadata["published_from"] = published_from
    if site:
        metadata.update(site_name=site.name_ar, site_country=site.country)
    return RawRecord(
        origin=origin,
        format=fmt,
        body=body or "",
        title=title,
        url=url,
        source=site.id if site else source,
        published_raw=published,
        author=_text(fields, AUTHOR_FIELDS, joiner=", "),
        metadata=metadata,
    )


# An object that stands for a text: WordPress's rendered fields ({"title": {"rendered":
# "…"}}), or the text per language ({"title": {"ar": "…", "en": "…"}}: the Arabic one).
_TEXT_OBJECT_KEYS = ("rendered", "ar")


def _lowercase_fields(obj: Mapping[object, object]) -> dict[str, object]:
    """The object's fields under lowercase names, with the shapes some exports give
    them flattened: a search engine's hit or dump line ({"_id", "_source": {…}}),
    objects standing for a text (``_TEXT_OBJECT_KEYS``), a source object
    (Rasd's export: {"id", "label_ar", …}; NewsAPI: {"id": null, "name"}), authors as
    objects (JSON Feed: [{"name"}])."""
    fields = {str(key).lower(): value for key, value in obj.items()}
    inner = fields.get("_source")
    if isinstance(inner, Mapping) and fields.keys().isdisjoint(BODY_FIELDS):
        fields = {str(key).lower(): value for key, value in inner.items()}
    for name, value in fields.items():
        if isinstance(value, Mapping):
            texts = (value.get(key) for key in _TEXT_OBJECT_KEYS)
            fields[name] = next((text for text in texts if isinstance(text, str)), value)
    source = fields.get("source")
    if isinstance(source, Mapping):
        named = (source.get(key) for key in ("id", "name"))
        fields["source"] = next((v for v in named if isinstance(v, str) and v.strip()), source)
    for name in AUTHOR_FIELDS:
        people = fields.get(name)
        if isinstance(people, Mapping):
            people = [people]
        if isinstance(people, list) and all(isinstance(p, Mapping) for p in people):
            fields[name] = [p["name"] for p in people if isinstance(p.get("name"), str)]
    return fields


_KNOWN_FIELDS = (
    TITLE_FIELDS + BODY_FIELDS + URL_FIELDS + SOURCE_FIELDS + DATE_FIELDS + AUTHOR_FIELDS
)


def _unreadable(fields: Mapping[str, object]) -> list[str]:
    """Known fields whose value is no text ({"title": {"fr": …}}, "content": [1, 2]):
    they are ignored, and the record says so rather than losing them silently."""
    return [
        name
        for name in _KNOWN_FIELDS
        if fields.get(name) not in (None, "", [], {}) and _as_text(fields[name], "") is None
    ]


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def title_from_url(url: str) -> str | None:
    """The headline a URL's last path segment spells (``/node/1/وزير-يزور-جدة.html`` →
    "وزير يزور جدة"), or None when the segment is an id, a file type or a code."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    segment = unquote(path.rstrip("/").rpartition("/")[2])
    words = [w for w in _SLUG_SPLIT_RE.split(_SLUG_EXTENSION_RE.sub("", segment)) if w]
    lettered = [w for w in words if any(ch.isalpha() for ch in w)]
    arabic = any(ARABIC_LETTER_RE.search(w) for w in lettered)
    if len(lettered) < 2 or not (arabic or len(lettered) >= _MIN_LATIN_SLUG_WORDS):
        return None
    return clean_text(" ".join(words))


def _text(
    fields: Mapping[str, object],
    names: tuple[str, ...],
    *,
    clean: bool = True,
    joiner: str = "\n\n",
) -> str | None:
    value, _ = _first(fields, names, joiner)
    if value is None:
        return None
    if clean:
        if has_markup(value):
            value = markup_to_text(value)  # decodes the entities too
        elif "&" in value and _ENTITY_RE.search(value):
            value = html.unescape(value)
        value = clean_text(value)
    else:
        value = value.strip()
    return value or None


def _first(
    fields: Mapping[str, object], names: tuple[str, ...], joiner: str = "\n\n"
) -> tuple[str | None, str | None]:
    """The first of ``names`` whose value is non-blank text, and that name."""
    for name in names:
        value = _as_text(fields.get(name), joiner)
        if value and not value.isspace():
            return value, name
    return None, None


def _as_text(value: object, joiner: str) -> str | None:
    """Strings as they are, numbers as text, lists of strings (paragraphs, authors) joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return joiner.join(value)
    return None


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return type(value).__name__
