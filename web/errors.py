"""Errors on pages are pages: the API's handlers stay in charge of what happened (status,
logging, dropping a dead engine client) and, outside /api, their JSON answer is
replaced by a friendly HTML page with the same status. Never a stack trace."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd.engine import EngineError
from search_api.service import BadRequest
from web.i18n import pick_lang
from web.state import blank_state
from web.templating import local_path, render

# The API's own documentation pages and schema keep the API's error contract.
API_PATHS = ("/api", "/docs", "/redoc", "/openapi.json")
KNOWN_STATUSES = (404, 422, 502, 503)

Handler = Callable[[Request, Exception], Awaitable[Response]]


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(API_PATHS)


def error_page(request: Request, status: int) -> Response:
    lang = pick_lang(request.query_params.get("lang"))
    kind = status if status in KNOWN_STATUSES else 500
    query = request.url.query
    context = {
        "status": status,
        "kind": kind,
        "state": blank_state(request.query_params),
        "retry_href": local_path(request) + (f"?{query}" if query else ""),
    }
    response = render(request, "error.html", lang, context, status)
    if status == 503:
        response.headers["Retry-After"] = "30"
    return response


def _for_pages(api_handler: Handler) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        response = await api_handler(request, exc)
        if not is_page(request):
            return response
        return error_page(request, response.status_code)

    return handle


def install_page_errors(app: FastAPI) -> None:
    """Wrap the API's exception handlers (installed by ``create_app``)."""
    for exc_class in (RequestValidationError, BadRequest, EngineError, StarletteHTTPException,
                      Exception):  # fmt: skip
        app.exception_handlers[exc_class] = _for_pages(app.exception_handlers[exc_class])
