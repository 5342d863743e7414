"""The HTML pages: search (/), article, organizations and countries. Each handler reads
its URL, calls the service functions the API uses, and renders a template."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from rasd.settings import Settings
from search_api import service
from search_api.deps import Backend, backend_dep, settings_dep
from search_api.service import BadRequest
from web.browse_view import browse_href, country_rows, organization_groups, type_counts
from web.facet_view import active_chips, build_sidebar
from web.formatting import web_url
from web.highlighting import marked, paragraphs
from web.histogram import build_histogram
from web.i18n import ORG_TYPES, Translator, pick_lang
from web.pagination import build_pagination
from web.state import SearchState, blank_state, canonical
from web.templating import render

router = APIRouter(include_in_schema=False)

BackendDep = Annotated[Backend, Depends(backend_dep)]
SettingsDep = Annotated[Settings, Depends(settings_dep)]

ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
SIMILAR_SHOWN = 6
PREFIX_MAX = 60
BROWSE_LIMIT = 5000
# Which UI label names each search parameter in an "invalid value" message; an error
# on no parameter in particular is the one check across two: dates in the wrong order.
FIELD_LABELS = {
    "q": "search.label", "country": "facet.country", "org": "facet.org",
    "source": "facet.source", "topic": "facet.topic", "person": "facet.person",
    "date_from": "invalid.date_from", "date_to": "invalid.date_to", "sort": "results.sort",
    "page": "invalid.page", "size": "invalid.page", "cursor": "invalid.page",
}  # fmt: skip
DATE_FIELDS = ("date_from", "date_to", "")


def _invalid_fields(exc: ValidationError | BadRequest) -> list[str]:
    if isinstance(exc, BadRequest):
        return [exc.field]
    return list(dict.fromkeys(str(e["loc"][0]) if e["loc"] else "" for e in exc.errors()))


def _invalid_page(request: Request, exc: ValidationError | BadRequest) -> Response:
    state = blank_state(request.query_params)
    t = Translator(state.lang)
    fields = _invalid_fields(exc)
    context = {
        "state": state,
        "invalid": [t(FIELD_LABELS.get(field, "invalid.date_order")) for field in fields],
        "date_hint": any(field in DATE_FIELDS for field in fields),
    }
    return render(request, "invalid.html", state.lang, context, status=422)


@router.get("/")
async def search_page(request: Request, backend: BackendDep, settings: SettingsDep) -> Response:
    target = canonical(request.query_params)
    if target is not None:  # a form sent without JavaScript: drop its empty fields
        return RedirectResponse(target, status_code=303)
    try:
        state = SearchState.from_query(request.query_params)
        result = await service.search(
            backend.engine, backend.alias, state.to_params(), backend.labels
        )
    except (ValidationError, BadRequest) as exc:
        return _invalid_page(request, exc)
    t = Translator(state.lang)
    shown_total = (
        result.get("total_stories", result["total"]) if state.collapse else result["total"]
    )
    context: dict[str, Any] = {
        "state": state,
        "result": result,
        "stats": (
            await run_in_threadpool(service.corpus_stats, backend.engine, backend.alias)
            if state.is_blank
            else None
        ),
        "sidebar": build_sidebar(result["facets"], backend.labels, t),
        "histogram": build_histogram(result["facets"].get("date"), state, t),
        "chips": active_chips(state, backend.labels, t),
        "pagination": build_pagination(state, shown_total, settings.max_page_depth),
        "hidden_fields": state.form_pairs(),
        "nav": "search",
    }
    return render(request, "search.html", state.lang, context)


@router.get("/articles/{article_id}")
def article_page(article_id: str, request: Request, backend: BackendDep) -> Response:
    if not ARTICLE_ID.match(article_id):
        raise HTTPException(404, "no such article")
    try:  # the search the reader came from: for highlights and the way back
        state = SearchState.from_query(request.query_params)
    except ValidationError:
        state = blank_state(request.query_params)
    found = service.get_article(backend.engine, backend.alias, article_id, backend.labels)
    if found is None:
        raise HTTPException(404, "no such article")
    highlights: dict[str, str] = {}
    if state.q:
        try:
            highlights = service.article_highlights(
                backend.engine, backend.alias, article_id, state.to_params(), backend.labels
            )
        except BadRequest:  # a query too long to run: show the article unmarked
            highlights = {}
    context = {
        "state": state,
        "article": found,
        "title_html": marked(highlights["title"]) if "title" in highlights else None,
        "paragraphs": paragraphs(found["body"], highlights.get("body")),
        "original_url": web_url(found["url"]),
        "similar": service.similar(
            backend.engine, backend.alias, article_id, backend.labels, SIMILAR_SHOWN
        )
        or [],
    }
    return render(request, "article.html", state.lang, context)


def _prefix(request: Request) -> str:
    return (request.query_params.get("prefix") or "").strip()[:PREFIX_MAX]


@router.get("/organizations")
def organizations_page(request: Request, backend: BackendDep) -> Response:
    lang = pick_lang(request.query_params.get("lang"))
    prefix = _prefix(request)
    org_type = request.query_params.get("type")
    org_type = org_type if org_type in ORG_TYPES else None
    rows = service.browse_organizations(
        backend.engine,
        backend.alias,
        backend.labels,
        prefix=prefix,
        org_type=None,
        country=None,
        limit=BROWSE_LIMIT,
    )
    t = Translator(lang)
    context = {
        "state": SearchState(lang=lang),
        "prefix": prefix,
        "org_type": org_type,
        "types": type_counts(rows, prefix, org_type, t),
        "groups": organization_groups(rows, org_type, t),
        "clear_href": browse_href("/organizations", lang, type=org_type),
        "nav": "organizations",
    }
    return render(request, "organizations.html", lang, context)


@router.get("/countries")
def countries_page(request: Request, backend: BackendDep) -> Response:
    lang = pick_lang(request.query_params.get("lang"))
    prefix = _prefix(request)
    rows = service.browse_countries(
        backend.engine, backend.alias, backend.labels, prefix=prefix, limit=BROWSE_LIMIT
    )
    context = {
        "state": SearchState(lang=lang),
        "prefix": prefix,
        "rows": country_rows(rows, Translator(lang)),
        "clear_href": browse_href("/countries", lang),
        "nav": "countries",
    }
    return render(request, "countries.html", lang, context)
