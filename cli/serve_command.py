"""``rasd serve``: the API and the web UI on one FastAPI app, served by uvicorn.

The working packages are imported inside the commands (see ``cli.main``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.output import console


def serve(
    host: Annotated[str | None, typer.Option(help="Interface (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="Port (default 8000).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI (/)."""
    import uvicorn

    from rasd.settings import get_settings
    from search_api.logging_config import LOG_CONFIG

    settings = get_settings()
    host, port = host or settings.api_host, port or settings.api_port
    console.print(f"Rasd: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(
        "web.app:create_site",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=LOG_CONFIG,
        access_log=False,  # the app logs each request with its timing (rasd.access)
        server_header=False,
    )
