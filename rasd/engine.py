"""The one engine-access module: everything OpenSearch- or Elasticsearch-specific.

The rest of Rasd speaks plain query DSL dicts through :class:`Engine`. The backend is
detected from the server's root response: OpenSearch 2/3 through ``opensearch-py``,
Elasticsearch 8/9 through the official ``elasticsearch`` client. Their request bodies
are the same; what differs (client classes, errors, point-in-time endpoints, bulk
helpers) is handled here and nowhere else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

import httpx
import orjson

from rasd.settings import Settings, get_settings

Flavor = Literal["opensearch", "elasticsearch"]
# Uncompressed answers: aiohttp would otherwise ask for gzip, and on the loopback (or a
# LAN) compressing every search answer costs the engine and the API more CPU than the
# bytes are worth.
JSON_HEADERS = {
    "accept": "application/json",
    "accept-encoding": "identity",
    "content-type": "application/json",
}
# Enough pooled connections for the API's worker threads and the benchmark's 32 clients.
POOL_SIZE = 64


class EngineError(Exception):
    """The engine answered with an error, or could not be asked."""

    def __init__(self, message: str, *, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class EngineUnavailable(EngineError):
    """The engine cannot be reached at all (down, wrong URL, timeout)."""


class NotFound(EngineError):
    """404 from the engine (missing index, alias or document)."""


@dataclass
class Engine:
    url: str
    flavor: Flavor
    version: str
    client: Any = field(repr=False)
    timeout: float = 30.0
    # Builds the client's asyncio flavour (aiohttp) for ``arequest``: made on first use
    # inside the event loop that awaits it, since an aiohttp session belongs to one loop.
    async_client_factory: Callable[[], Any] | None = field(default=None, repr=False)
    _async: tuple[asyncio.AbstractEventLoop, Any] | None = field(
        default=None, init=False, repr=False
    )

    # -- plain requests -------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        """One REST call with a JSON (or NDJSON bytes) body; the decoded JSON answer."""
        try:
            return self._answer(self._perform(self.client, method, path, body, params))
        except Exception as exc:  # the two clients' error types, translated once
            raise _translate(exc, f"{method} {path}") from exc

    async def arequest(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        """``request``, awaited: the API's searches wait for the engine on the event loop
        instead of holding a worker thread, which costs the API about a fifth less CPU
        per search than the thread hand-off and urllib3 did."""
        client = self._async_client()
        try:
            return self._answer(await self._perform(client, method, path, body, params))
        except Exception as exc:
            raise _translate(exc, f"{method} {path}") from exc

    def _perform(
        self, client: Any, method: str, path: str, body: Any, params: Mapping[str, Any] | None
    ) -> Any:
        """The client call: its answer, or a coroutine of it for an asyncio client."""
        payload = body if body is None or isinstance(body, bytes | str) else orjson.dumps(body)
        query = {k: _param(v) for k, v in (params or {}).items()}
        if self.flavor == "opensearch":
            # An explicit timeout keeps opensearch-py from taking a "timeout" query
            # parameter (cluster health, bulk…) as its own request timeout.
            return client.transport.perform_request(
                method, path, params=query, body=payload, headers=JSON_HEADERS,
                timeout=self.timeout,
            )  # fmt: skip
        return client.perform_request(
            method, path, params=query, body=payload, headers=JSON_HEADERS
        )

    def _answer(self, answer: Any) -> Any:
        """The decoded body: opensearch-py returns it, elasticsearch wraps it."""
        return answer if self.flavor == "opensearch" else answer.body

    def _async_client(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            if self.async_client_factory is None:
                raise EngineError("this engine connection has no asyncio client")
            self._async = (loop, self.async_client_factory())
        return self._async[1]

    def search(self, index: str, body: Mapping[str, Any], **params: Any) -> dict[str, Any]:
        return self.request("POST", f"/{index}/_search", body, params)

    def count(self, index: str, query: Mapping[str, Any] | None = None) -> int:
        body = {"query": query} if query else None
        return int(self.request("POST", f"/{index}/_count", body)["count"])

    def get(self, index: str, doc_id: str) -> dict[str, Any] | None:
        try:
            return self.request("GET", f"/{index}/_doc/{_quote(doc_id)}")
        except NotFound:
            return None

    def mget(self, index: str, ids: list[str], source: list[str] | bool = True) -> list[dict]:
        if not ids:
            return []
        body = {"ids": ids}
        answer = self.request("POST", f"/{index}/_mget", body, {"_source": source})
        return answer["docs"]

    def refresh(self, index: str) -> None:
        self.request("POST", f"/{index}/_refresh")

    def exists(self, path: str) -> bool:
        """HEAD request: both clients answer a bool (or raise NotFound on 404)."""
        try:
            return bool(self.request("HEAD", path))
        except NotFound:
            return False

    def health(self, timeout: str = "5s") -> dict[str, Any]:
        return self.request("GET", "/_cluster/health", params={"timeout": timeout})

    def analyze(self, index: str, body: Mapping[str, Any]) -> list[str]:
        return [t["token"] for t in self.request("POST", f"/{index}/_analyze", body)["tokens"]]

    # -- point in time: same search body, different open/close endpoints -------------

    def open_point_in_time(self, index: str, keep_alive: str = "1m") -> str:
        path, key = self._pit_endpoint(index)
        return self.request("POST", path, params={"keep_alive": keep_alive})[key]

    async def aopen_point_in_time(self, index: str, keep_alive: str = "1m") -> str:
        path, key = self._pit_endpoint(index)
        return (await self.arequest("POST", path, params={"keep_alive": keep_alive}))[key]

    def _pit_endpoint(self, index: str) -> tuple[str, str]:
        """Where a point in time opens, and the answer's key for its id."""
        if self.flavor == "opensearch":
            return f"/{index}/_search/point_in_time", "pit_id"
        return f"/{index}/_pit", "id"

    def close_point_in_time(self, pit_id: str) -> None:
        try:
            if self.flavor == "opensearch":
                self.request("DELETE", "/_search/point_in_time", {"pit_id": [pit_id]})
            else:
                self.request("DELETE", "/_pit", {"id": pit_id})
        except NotFound:
            pass  # already expired: nothing to free

    # -- bulk -----------------------------------------------------------------------

    def streaming_bulk(
        self, actions: Iterable[Mapping[str, Any]], **options: Any
    ) -> Iterator[tuple[bool, dict[str, Any]]]:
        """The client's own streaming bulk helper (chunking by count and bytes, retries
        on 429 with backoff); yields (ok, item) per action."""
        if self.flavor == "opensearch":
            from opensearchpy.helpers import streaming_bulk
        else:
            from elasticsearch.helpers import streaming_bulk
        try:
            yield from streaming_bulk(self.client, actions, **options)
        except Exception as exc:
            raise _translate(exc, "bulk") from exc

    def close(self) -> None:
        self.client.close()

    async def aclose(self) -> None:
        """Close the asyncio client, if it belongs to the running loop (one made in a
        loop that has ended went with it)."""
        if self._async is not None and self._async[0] is asyncio.get_running_loop():
            await self._async[1].close()
        self._async = None


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    return str(value)


def _quote(doc_id: str) -> str:
    return httpx.URL("http://x/").copy_with(path="/" + doc_id).raw_path.decode()[1:]


_CLIENT_MODULES = ("opensearchpy", "elasticsearch", "elastic_transport", "urllib3", "aiohttp")


def _translate(exc: Exception, what: str) -> Exception:
    """Map either client's exception to EngineError / EngineUnavailable / NotFound.

    Anything not raised by the clients (a bug of ours) is returned unchanged."""
    if isinstance(exc, EngineError) or not type(exc).__module__.startswith(_CLIENT_MODULES):
        return exc
    meta = getattr(exc, "meta", None)
    if meta is not None and isinstance(getattr(meta, "status", None), int):  # elasticsearch
        status, body = meta.status, getattr(exc, "body", None)
    elif isinstance(getattr(exc, "status_code", None), int):  # opensearch-py
        status, body = exc.status_code, getattr(exc, "info", None)
    else:  # connection refused, timeout, TLS: no HTTP answer at all
        return EngineUnavailable(f"the search engine did not answer ({what}): {exc}")
    reason = _reason(body) or str(exc)
    error_class = NotFound if status == 404 else EngineError
    return error_class(f"{what} failed with {status}: {reason}", status=status, body=body)


def _reason(body: Any) -> str | None:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        root = (error.get("root_cause") or [error])[0]
        return f"{root.get('type')}: {root.get('reason')}"
    return None


def detect(settings: Settings) -> tuple[Flavor, str]:
    """Ask the server's root endpoint what it is."""
    auth = None
    if settings.engine_username and settings.engine_password:
        auth = (settings.engine_username, settings.engine_password.get_secret_value())
    url = settings.effective_engine_url
    try:
        root = httpx.get(
            url, auth=auth, verify=settings.engine_verify_certs, timeout=settings.engine_timeout
        )
    except httpx.HTTPError as exc:
        raise EngineUnavailable(unreachable_message(settings, str(exc))) from exc
    if root.status_code in (401, 403):
        raise EngineError(
            f"The search engine at {url} refused Rasd's credentials ({root.status_code}); "
            "set RASD_ENGINE_USERNAME and RASD_ENGINE_PASSWORD.",
            status=root.status_code,
        )
    try:
        version = root.json()["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise EngineError(f"{url} does not look like OpenSearch or Elasticsearch") from exc
    number = str(version.get("number", "0"))
    major = int(number.split(".")[0])
    if version.get("distribution") == "opensearch":
        if major not in (2, 3):
            raise EngineError(f"OpenSearch {number} at {url} is not supported (2.x or 3.x)")
        return "opensearch", number
    if major not in (8, 9):
        raise EngineError(f"Elasticsearch {number} at {url} is not supported (8.x or 9.x)")
    return "elasticsearch", number


def unreachable_message(settings: Settings, detail: str) -> str:
    url = settings.effective_engine_url
    if settings.engine_url:
        hint = "Check RASD_ENGINE_URL and that the cluster is up."
    else:
        hint = "Start it with `rasd engine start` (or point RASD_ENGINE_URL at a cluster)."
    return f"The search engine at {url} cannot be reached ({detail}). {hint}"


def _orjson_serializer() -> Any:
    """opensearch-py's serializer with orjson: several times faster on the large
    answers searches with facets and highlights return."""
    from opensearchpy.exceptions import SerializationError
    from opensearchpy.serializer import JSONSerializer

    class OrjsonSerializer(JSONSerializer):
        def loads(self, s: str | bytes) -> Any:
            try:
                return orjson.loads(s)
            except orjson.JSONDecodeError as exc:
                raise SerializationError(s, exc) from exc

        def dumps(self, data: Any) -> Any:
            if isinstance(data, str | bytes):
                return data
            return orjson.dumps(data, default=self.default)

    return OrjsonSerializer()


def connect(settings: Settings | None = None) -> Engine:
    """Detect the backend and build its client. Raises EngineUnavailable when down."""
    settings = settings or get_settings()
    flavor, version = detect(settings)
    return Engine(
        url=settings.effective_engine_url,
        flavor=flavor,
        version=version,
        client=_client(flavor, settings, asynchronous=False),
        timeout=settings.engine_timeout,
        async_client_factory=partial(_client, flavor, settings, asynchronous=True),
    )


def _client(flavor: Flavor, settings: Settings, *, asynchronous: bool) -> Any:
    """opensearch-py's or elasticsearch's client, blocking (urllib3) or asyncio
    (aiohttp; for OpenSearch over plain http, rasd.engine_http), configured alike: no
    retries of their own, pooled connections."""
    url = settings.effective_engine_url
    auth = None
    if settings.engine_username and settings.engine_password:
        auth = (settings.engine_username, settings.engine_password.get_secret_value())
    if flavor == "opensearch":
        from opensearchpy import AsyncOpenSearch, OpenSearch

        if not asynchronous:
            return OpenSearch(
                hosts=[url],
                http_auth=auth,
                verify_certs=settings.engine_verify_certs,
                timeout=settings.engine_timeout,
                pool_maxsize=POOL_SIZE,
                max_retries=0,
                serializer=_orjson_serializer(),
            )
        options: dict[str, Any] = {"verify_certs": settings.engine_verify_certs}
        if url.startswith("http://"):  # the API's hot path (see rasd.engine_http)
            from rasd.engine_http import HttptoolsConnection

            options = {"connection_class": HttptoolsConnection}
        return AsyncOpenSearch(
            hosts=[url],
            http_auth=auth,
            timeout=settings.engine_timeout,
            maxsize=POOL_SIZE,
            max_retries=0,
            serializer=_orjson_serializer(),
            **options,
        )
    from elasticsearch import AsyncElasticsearch, Elasticsearch

    return (AsyncElasticsearch if asynchronous else Elasticsearch)(
        url,
        basic_auth=auth,
        verify_certs=settings.engine_verify_certs,
        request_timeout=settings.engine_timeout,
        connections_per_node=POOL_SIZE,
        max_retries=0,
    )
