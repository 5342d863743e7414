"""FastAPI dependencies. Each app carries its own settings and engine client in
``app.state``, so tests and benchmarks can run several apps side by side.

They are ``async`` because FastAPI runs every plain ``def`` dependency in the thread
pool: a thread hand-off per dependency per request, for what is an attribute read.
Only connecting to the engine blocks, and that goes to a thread. What a route reads
from the app comes as one :class:`Backend`: FastAPI resolves each dependency with some
fifty Python calls, which is worth paying once per request rather than three times."""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool

from rasd.engine import Engine, connect
from rasd.settings import Settings
from search_api.labels import Labels, get_labels

_lock = Lock()


async def settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def engine_for(app: FastAPI) -> Engine:
    """The app's engine client, connected on first use. When the engine is down this
    raises EngineUnavailable (a 503) and the next request tries again, so the API
    recovers by itself when the engine does."""
    with _lock:
        if app.state.engine is None:
            app.state.engine = connect(app.state.settings)
        return app.state.engine


async def get_engine(request: Request) -> Engine:
    engine = request.app.state.engine
    return engine if engine is not None else await run_in_threadpool(engine_for, request.app)


async def forget_engine(app: FastAPI) -> None:
    """Drop the client after a connection failure so the next request re-detects."""
    with _lock:
        engine, app.state.engine = app.state.engine, None
    if engine is not None:
        engine.close()
        await engine.aclose()


@dataclass(frozen=True, slots=True)
class Backend:
    """What a route needs to answer: the engine, the index alias, the labels."""

    engine: Engine
    alias: str
    labels: Labels


async def backend_dep(request: Request) -> Backend:
    engine = await get_engine(request)
    return Backend(engine, request.app.state.settings.index, get_labels())


async def alias_dep(request: Request) -> str:
    return request.app.state.settings.index
