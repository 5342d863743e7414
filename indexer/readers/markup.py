"""HTML markup inside a text field (scrapers often store an article's HTML in its JSON
``content``): the text a reader sees, with paragraphs kept and scripts dropped."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# Tags of text structure and style: a field holding one of them is markup. Prose may
# mention "<" (a formula) or even a tag (an article on attacks that quotes
# "<script>alert(1)</script>"), but not lay itself out in paragraphs. Closing tags count
# too: a fragment may open outside the field.
_TAG_RE = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|strong|em|h[1-6]|ul|ol|li|table|tbody|tr|td|th"
    r"|figure|figcaption|blockquote|section|article|font|center)\b[^<>]*>",
    re.I,
)
_DROPPED = ("script", "style", "noscript", "iframe", "template", "object", "embed")
_BLOCKS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section",
    "article", "figure", "figcaption", "table", "ul", "ol",
)  # fmt: skip


def has_markup(text: str) -> bool:
    return "<" in text and _TAG_RE.search(text) is not None


def markup_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment: blocks and <br> become line breaks, scripts,
    styles and embeds go, entities are decoded. Unparsable markup is returned as is."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for element in root.iter(*_DROPPED):
        element.drop_tree()  # keeps the text that follows it
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()
