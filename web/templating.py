"""Jinja2 set-up and the one function that turns a template into an HTML response."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from web.formatting import bilingual, format_event, format_published, number, seconds
from web.highlighting import marked
from web.i18n import DEFAULT_LANG, Translator, direction

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

# No inline script, style or handler anywhere: the pages work under this policy.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,  # every template, whatever its name
    undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, in tests
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    bilingual=bilingual,
    format_event=format_event,
    format_published=format_published,
    marked=marked,
    number=number,
    seconds=seconds,
)
templates = Jinja2Templates(env=_env)


def local_path(request: Request) -> str:
    """The request's path as a link that cannot leave the site ("//host/x" would)."""
    return "/" + request.url.path.lstrip("/")


def other_lang_href(request: Request, lang: str) -> str:
    """This very page in the other language: every parameter kept, ``lang`` switched."""
    other = "en" if lang == "ar" else "ar"
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if other != DEFAULT_LANG:
        pairs.append(("lang", other))
    path = local_path(request)
    return f"{path}?{urlencode(pairs)}" if pairs else path


def render(
    request: Request, name: str, lang: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    page = {
        "lang": lang,
        "dir": direction(lang),
        "t": Translator(lang),
        "other_lang": "en" if lang == "ar" else "ar",
        "lang_href": other_lang_href(request, lang),
        "nav": None,
        "hidden_fields": [("lang", lang)] if lang != DEFAULT_LANG else [],
        **context,
    }
    response = templates.TemplateResponse(request, name, page, status_code=status)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
