"""The one settings object. Every knob is a ``RASD_*`` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RASD_", env_file=".env", extra="ignore")

    # Where the embedded engine keeps its jars, data and logs.
    home: Path = Path(".rasd")

    # An external cluster; when set, the embedded engine is not used.
    engine_url: str | None = None
    engine_username: str | None = None
    engine_password: SecretStr | None = None
    engine_verify_certs: bool = True
    engine_timeout: float = Field(30.0, gt=0)

    # The embedded engine.
    engine_port: int = Field(9200, ge=1, le=65535)
    engine_transport_port: int | None = Field(None, ge=1, le=65535)
    engine_heap: str = Field("1g", pattern=r"^\d+[mMgG]$")
    engine_start_timeout: float = Field(180.0, gt=0)
    java_home: Path | None = None
    maven: str = "mvn"

    # The alias every command reads and writes unless told otherwise.
    index: str = "rasd-articles"
    # How often a bulk request is retried (with exponential backoff, ~50 s for 8) before
    # the indexer stops and keeps its checkpoint.
    bulk_attempts: int = Field(8, ge=1, le=20)

    # The HTTP API and web UI.
    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    cors_origins: list[str] = []
    gzip: bool = True
    # Input limits of the public API: bounded work per request, whatever the input.
    max_query_chars: int = Field(500, ge=10)
    max_query_terms: int = Field(32, ge=1)
    max_page_size: int = Field(100, ge=1, le=1000)
    max_page_depth: int = Field(1000, ge=10)  # page * size; deeper paging uses cursors
    export_max_rows: int = Field(100_000, ge=1)
    cursor_keep_alive: str = "5m"

    @property
    def engine_home(self) -> Path:
        return self.home.resolve() / "engine"

    @property
    def local_engine_url(self) -> str:
        return f"http://127.0.0.1:{self.engine_port}"

    @property
    def effective_engine_url(self) -> str:
        return self.engine_url or self.local_engine_url

    @property
    def transport_port(self) -> int:
        return self.engine_transport_port or self.engine_port + 100


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
