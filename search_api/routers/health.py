"""GET /healthz: is the engine reachable and the index there?"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from rasd.engine import Engine, EngineError
from rasd.index_definition import alias_targets
from search_api.deps import alias_dep, engine_for, forget_engine
from search_api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": Health}})
async def healthz(request: Request, alias: Annotated[str, Depends(alias_dep)]) -> Any:
    """200 when the engine answers and the alias exists; 503 (with the reason) if not."""
    try:
        engine, present, documents = await run_in_threadpool(_check, request.app, alias)
    except EngineError as exc:
        await forget_engine(request.app)
        body = Health(status="unavailable", alias=alias, alias_present=False, detail=str(exc))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=503)
    status = "ok" if present else "no_index"
    body = Health(
        status=status,
        engine=f"{engine.flavor} {engine.version}",
        alias=alias,
        alias_present=present,
        documents=documents,
    )
    return JSONResponse(body.model_dump(exclude_none=True), status_code=200 if present else 503)


def _check(app: FastAPI, alias: str) -> tuple[Engine, bool, int | None]:
    """The engine, whether the alias exists, and its document count (blocking calls)."""
    engine = engine_for(app)
    present = bool(alias_targets(engine, alias))
    return engine, present, engine.count(alias) if present else None
