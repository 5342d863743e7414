"""The whole site: the API app with the web UI's pages mounted on it."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rasd.settings import Settings
from search_api.app import create_app
from web import routes
from web.errors import install_page_errors
from web.templating import STATIC_DIR


def create_site(settings: Settings | None = None) -> FastAPI:
    app = create_app(settings)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(routes.router)
    install_page_errors(app)
    return app
