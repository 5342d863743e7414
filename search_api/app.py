"""The FastAPI application: routers, middleware and the error contract.

Error contract: every error is JSON ``{"error", "message", "details"}``; bad parameters
are 422 with one detail per field; an unreachable engine is 503; nothing ever shows a
stack trace to a client (unexpected errors are logged with one and answered 500).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd.engine import EngineError, EngineUnavailable
from rasd.heap import collect_young_less_often, freeze_loaded
from rasd.settings import Settings, get_settings
from search_api.access_log import AccessLogMiddleware
from search_api.compression import GZipMiddleware
from search_api.deps import forget_engine
from search_api.labels import get_labels
from search_api.routers import articles, browse, export, health, search
from search_api.service import BadRequest

log = logging.getLogger("rasd.api")

DESCRIPTION = """
Search Arabic security news. Queries are normalized like the indexed text, so spelling
variants, diacritics and word forms match (الانتربول = الإنتربول; الإرهابيين finds
إرهابي), and organization and country aliases expand (داعش finds تنظيم الدولة).

Facets are disjunctive: a facet's counts honour the query and every other facet's
filters, not its own. The API is read-only.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # /docs and /redoc with their scripts served from here: the stock pages load them
    # from a CDN, which leaves the docs blank on a machine without one.
    app = FastAPIOffline(
        title="Rasd API",
        description=DESCRIPTION,
        version="1.0",
        lifespan=_lifespan,
        openapi_tags=[
            {"name": "search", "description": "Full-text search with facets."},
            {"name": "articles", "description": "One article, its versions, similar ones."},
            {"name": "browse", "description": "Organizations and countries with counts."},
            {"name": "export", "description": "All matches as CSV or JSON Lines."},
            {"name": "health", "description": "Liveness of the API and the engine."},
        ],
    )
    app.state.settings = settings
    app.state.engine = None
    for router in (search.router, articles.router, browse.router, export.router, health.router):
        app.include_router(router)
    if settings.gzip:
        # Level 1: JSON still shrinks about 4×, at a fraction of the CPU of higher levels.
        app.add_middleware(GZipMiddleware, minimum_size=1024, level=1)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"]
        )
    app.add_middleware(AccessLogMiddleware)  # outermost: logs what the client got
    _install_error_handlers(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Load the gazetteers now, not on the first user's request, and build the alias
    # matcher that finds entities in queries (~0.7 s; the first search paid it before).
    get_labels().gazetteer.find("")
    freeze_loaded()
    collect_young_less_often()
    yield
    await forget_engine(app)


def error_body(error: str, message: str, details: list[dict[str, Any]] | None = None) -> dict:
    return {"error": error, "message": message, "details": details or []}


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details)
        return JSONResponse(error_body("invalid_request", message, details), status_code=422)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> JSONResponse:
        details = [{"field": exc.field, "message": exc.message}]
        body = error_body("invalid_request", f"{exc.field}: {exc.message}", details)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(EngineError)
    async def engine_error(request: Request, exc: EngineError) -> JSONResponse:
        if isinstance(exc, EngineUnavailable) or exc.status is None or exc.status >= 429:
            await forget_engine(request.app)
            log.warning("engine unavailable: %s", exc)
            message = "The search engine is unavailable right now; try again shortly."
            return JSONResponse(error_body("engine_unavailable", message), status_code=503)
        if exc.status == 400:  # the engine refused this query (too many clauses, …)
            body = error_body("invalid_request", f"the query cannot be run: {exc}")
            return JSONResponse(body, status_code=422)
        log.error("engine error: %s", exc)
        return JSONResponse(error_body("engine_error", "The search engine failed."), 502)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        names = {404: "not_found", 405: "method_not_allowed"}
        body = error_body(names.get(exc.status_code, "http_error"), str(exc.detail))
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        body = error_body("internal_error", "Unexpected error; it has been logged.")
        return JSONResponse(body, status_code=500)
