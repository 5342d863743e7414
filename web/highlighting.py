"""The only place where text from the index becomes markup.

Highlights come from the engine's "html" encoder (``title_html``, ``snippet_html``,
``service.article_highlights``): escaped text whose only tags are <mark> and </mark>.
Everything else from the index is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_MARK_TAG = re.compile(r"</?mark>")


def marked(fragment: str) -> Markup:
    """An engine highlight as markup. Should anything but <mark> tags appear (a bug
    upstream), the whole fragment is escaped instead: the marks are lost, not the page."""
    if "<" in _MARK_TAG.sub("", fragment):
        return escape(_MARK_TAG.sub("", fragment))
    return Markup(fragment)


def paragraphs(text: str, highlighted: str | None = None) -> list[Markup]:
    """An article body as paragraphs (the indexer separates them with newlines): the
    engine's highlighted version when there is one, else the plain text escaped."""
    whole = marked(highlighted) if highlighted else escape(text)
    return [Markup(part.strip()) for part in whole.split("\n") if part.strip()]
