"""HTML pages: the article text by trafilatura (scripts, styles, navigation, comments and
other chrome never reach the body); title, site name, canonical URL, author and the
publication date from the page's own metadata.

The metadata is read here rather than by trafilatura: its metadata pass (author and
date guessing) costs more than the text extraction itself, and it reduces the date to
a day where the date extractor wants the page's own string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Extractor

from indexer.readers.boilerplate import strip_boilerplate
from indexer.readers.common import Item, decode_item, scrubbed, with_warning
from indexer.records import ItemError, Origin, RawRecord
from rasd.arabic import clean_text
from rasd.sites import load_sites

# fast: no fallback extractors (they bring navigation back on thin pages, and cost a
# third of the time); precision: a page of links yields nothing, not its menu.
_EXTRACTOR = Extractor(output_format="python", fast=True, precision=True, comments=False)
# A page the precise extractor finds nothing in is read plainly when it has this many
# words, at most this share of its text in links.
MIN_THIN_PAGE_WORDS = 30
MAX_THIN_PAGE_LINK_SHARE = 0.5
# <meta> tags by property/name/itemprop (lowercase), the most specific first.
DATE_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
TITLE_META = ("og:title", "twitter:title", "headline")
SITE_META = ("og:site_name", "application-name")
AUTHOR_META = ("author", "article:author", "byl", "dc.creator")
# <time> elements inside these are page furniture (today's date in a header), not dates
# of the article.
_CHROME_ANCESTORS = "ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside"
# "Headline | Site" and "Headline - Site" in <title>.
_TITLE_SEPARATORS_RE = re.compile(r"\s+[|\-–—:»«•]+\s+")


def read(data: bytes, origin: Origin) -> Iterator[Item]:
    decoded = decode_item(data, origin)
    if isinstance(decoded, ItemError):
        yield decoded
        return
    tree = trafilatura.load_html(decoded.text)
    if tree is None:
        yield ItemError(origin, "not an HTML page (no document tree could be built)")
        return
    yield from with_warning([page_record(tree, origin)], decoded.warning)


def page_record(tree: HtmlElement, origin: Origin) -> RawRecord | ItemError:
    meta = _meta_tags(tree)
    article = _json_ld_article(tree)
    published, published_from = published_date(tree, meta, article)
    url = _canonical_url(tree, meta) or article.get("url")
    title = _title(tree, meta, article)
    site_name = clean_text(_first(meta, SITE_META) or article.get("publisher") or "") or None
    document = trafilatura.bare_extraction(tree, options=_EXTRACTOR)
    text = (document.text if document is not None else None) or _thin_page_text(tree)
    if not (text or "").strip():
        return ItemError(origin, "no article text found in the page")
    site = (load_sites().by_name(site_name) if site_name else None) or (
        load_sites().by_url(url) if url else None
    )
    body, metadata = strip_boilerplate(
        _without_title(clean_text(text), title), site.id if site else None
    )
    if not body:
        return ItemError(origin, "no article text left after removing site chrome")
    if published_from:
        metadata["published_from"] = published_from
    if site:
        metadata.update(site_name=site.name_ar, site_country=site.country)
    elif site_name:
        metadata["site_name"] = site_name
    return RawRecord(
        origin=origin,
        format="html",
        body=body,
        title=title,
        url=url,
        source=site.id if site else site_name,
        published_raw=published,
        author=_author(meta) or (clean_text(article.get("author", "")) or None),
        metadata=metadata,
    )


def _thin_page_text(tree: HtmlElement) -> str | None:
    """The text of a page the precise extractor finds nothing in, such as text straight
    in <body> with lines split by <br>: trafilatura's baseline extractor reads it. Not
    on a page that is mostly links (a menu, a list of headlines), which that would hand
    back, nor on a few words."""
    text = trafilatura.baseline(tree)[1]
    if len(text.split()) < MIN_THIN_PAGE_WORDS:
        return None
    linked = sum(len(link.text_content()) for link in tree.iter("a"))
    return None if linked > MAX_THIN_PAGE_LINK_SHARE * len(text) else text


def published_date(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, str]
) -> tuple[str | None, str | None]:
    """The publication date as the page writes it, and where it was found."""
    for key in DATE_META:
        if key in meta:
            return meta[key], f"meta {key}"
    if article.get("datePublished"):
        return article["datePublished"], "json-ld datePublished"
    for xpath in (
        "//article//time[@datetime]",
        "//time[@datetime][@pubdate or @itemprop='datePublished']",
        f"//time[@datetime][not({_CHROME_ANCESTORS})]",
    ):
        for element in tree.xpath(xpath):
            value = element.get("datetime", "").strip()
            if value:
                return value, "time element"
    return None, None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Non-empty <meta> contents by lowercase property/name/itemprop; the first wins."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = (element.get("content") or "").strip()
        if key and value:
            tags.setdefault(key.strip().lower(), value)
    return tags


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[key] for key in keys if key in meta), None)


def _title(tree: HtmlElement, meta: dict[str, str], article: dict[str, str]) -> str | None:
    """og:title, else the structured data's headline, else the article's <h1>, else the
    longest part of <title> (the rest being the site name)."""
    title = _first(meta, TITLE_META) or article.get("headline")
    if not title:
        headings = tree.xpath("//article//h1") or tree.xpath("//h1")
        title = headings[0].text_content() if headings else None
    if not title:
        element = tree.find(".//title")
        text = element.text_content() if element is not None else ""
        title = max(_TITLE_SEPARATORS_RE.split(text), key=len) if text.strip() else None
    return (clean_text(title) or None) if title else None


def _canonical_url(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    for link in tree.xpath("//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href").strip() or None
    return meta.get("og:url")


def _author(meta: dict[str, str]) -> str | None:
    for key in AUTHOR_META:
        value = meta.get(key, "")
        # article:author is often a profile URL rather than a name.
        if value and not value.startswith(("http://", "https://")):
            return clean_text(value) or None
    return None


def _json_ld_article(tree: HtmlElement) -> dict[str, str]:
    """What the page's structured data (JSON-LD) says of its article: headline,
    datePublished, author, publisher (names) and url, from the first node with a
    datePublished, else the first with a headline (however nested in @graph)."""
    nodes: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            pending = [scrubbed(json.loads(script.text_content()))]
        except ValueError:
            continue
        while pending:
            node = pending.pop(0)
            if isinstance(node, list):
                pending.extend(node)
            elif isinstance(node, dict):
                nodes.append(node)
                pending.extend(node.values())
    for key in ("datePublished", "headline"):
        found = next((node for node in nodes if node.get(key)), None)
        if found is not None:
            return _article_facts(found)
    return {}


def _article_facts(node: dict) -> dict[str, str]:
    facts = {
        "headline": node.get("headline"),
        "datePublished": node.get("datePublished"),
        "author": ", ".join(_names(node.get("author"))),
        "publisher": next(iter(_names(node.get("publisher"))), None),
        "url": node.get("url") if str(node.get("url", "")).startswith("http") else None,
    }
    return {k: v.strip() for k, v in facts.items() if isinstance(v, str) and v.strip()}


def _names(value: object) -> list[str]:
    """Names in a schema.org Person/Organization value: text, {"name"}, or a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _without_title(text: str, title: str | None) -> str:
    """Extraction often repeats the headline as the first line of the body."""
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if title and first.strip() == title else text
