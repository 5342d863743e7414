"""The whole site: the API app with the web UI's pages mounted on it."""

from __future__ import annotations

from fastapi import FastAPI

from rasd.settings import Settings
from search_api.app import create_app


def create_site(settings: Settings | None = None) -> FastAPI:
    app = create_app(settings)
    return app
