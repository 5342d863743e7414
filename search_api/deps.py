"""FastAPI dependencies. Each app carries its own settings and engine client in
``app.state``, so tests and benchmarks can run several apps side by side."""

from __future__ import annotations

from threading import Lock

from fastapi import FastAPI, Request

from rasd.engine import Engine, connect
from rasd.settings import Settings
from search_api.labels import Labels, get_labels

_lock = Lock()


def settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def engine_for(app: FastAPI) -> Engine:
    """The app's engine client, connected on first use. When the engine is down this
    raises EngineUnavailable (a 503) and the next request tries again, so the API
    recovers by itself when the engine does."""
    with _lock:
        if app.state.engine is None:
            app.state.engine = connect(app.state.settings)
        return app.state.engine


def get_engine(request: Request) -> Engine:
    return engine_for(request.app)


def forget_engine(app: FastAPI) -> None:
    """Drop the client after a connection failure so the next request re-detects."""
    with _lock:
        if app.state.engine is not None:
            app.state.engine.close()
        app.state.engine = None


def labels_dep() -> Labels:
    return get_labels()


def alias_dep(request: Request) -> str:
    return request.app.state.settings.index
