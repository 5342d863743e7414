"""The API's HTTP connection to an OpenSearch engine: opensearch-py's ``AsyncConnection``
on asyncio and httptools (the HTTP parser uvicorn serves with).

Why not opensearch-py's own aiohttp connection: the API does little per search besides
waiting on the engine, and that wait cost it about 1.4 ms of CPU per request through
aiohttp against about 0.6 ms on this connection (measured on this 2-core machine, same
requests, same answers). At 32 clients the engine and the API share the cores, so every
millisecond the API spends is one the engine cannot search with.

It speaks plain HTTP/1.1 with keep-alive: the embedded engine listens on the loopback.
A cluster behind https keeps aiohttp (``rasd.engine`` chooses). Everything above the
wire — retries, errors, deserialization — stays opensearch-py's.
"""

from __future__ import annotations

import asyncio
import base64
from collections import deque
from typing import Any, cast
from urllib.parse import urlencode

import httptools
from opensearchpy import AsyncConnection
from opensearchpy.exceptions import ConnectionError as ClientConnectionError
from opensearchpy.exceptions import ConnectionTimeout

Answer = tuple[int, dict[str, str], bytes]


class _Exchange(asyncio.Protocol):
    """One keep-alive connection: writes a request, parses its answer."""

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[Answer] | None = None
        self._headers: dict[str, str] = {}
        self._body: list[bytes] = []
        self._head = False
        self.reusable = False
        self.answered = False  # has this connection ever completed an exchange?

    # -- asyncio.Protocol ------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(exc or ConnectionResetError("the engine closed the connection"))

    # -- httptools callbacks ---------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_headers_complete(self) -> None:
        if self._head:  # no body follows, whatever Content-Length says
            self._complete(reusable=False)

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self._complete(reusable=self._parser.should_keep_alive())

    # -- use -------------------------------------------------------------------------

    @property
    def usable(self) -> bool:
        return self.reusable and self.transport is not None and not self.transport.is_closing()

    async def exchange(self, request: bytes, *, head: bool) -> Answer:
        assert self.transport is not None
        self._headers, self._body, self._head = {}, [], head
        self.reusable = False
        self._waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self._waiter

    def close(self) -> None:
        self.reusable = False
        if self.transport is not None:
            self.transport.close()

    def _complete(self, *, reusable: bool) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            self.reusable, self.answered = reusable, True
            waiter.set_result((self._parser.get_status_code(), self._headers, b"".join(self._body)))
        if not reusable:
            self.close()

    def _fail(self, exc: BaseException) -> None:
        self.reusable = False
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)
        if self.transport is not None:
            self.transport.close()


class HttptoolsConnection(AsyncConnection):
    """opensearch-py connection class (``AsyncOpenSearch(connection_class=…)``).

    Up to ``maxsize`` requests are in flight at once, as with aiohttp's connector (more
    wait their turn), each on a kept-alive connection of its own. A request that fails
    on a reused connection before any answer (the engine dropped it while idle) is sent
    once more on a fresh one."""

    def __init__(
        self,
        host: str = "localhost",
        port: int | None = None,
        http_auth: Any = None,
        maxsize: int = 10,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("loop", None)
        kwargs.pop("verify_certs", None)  # plain HTTP: nothing to verify
        super().__init__(host=host, port=port, **kwargs)
        if self.use_ssl:
            raise ValueError("HttptoolsConnection speaks plain HTTP; use aiohttp for https")
        if http_auth is not None:
            if isinstance(http_auth, tuple | list):
                http_auth = ":".join(http_auth)
            token = base64.b64encode(str(http_auth).encode()).decode()
            self.headers["authorization"] = f"Basic {token}"
        self.headers.setdefault("connection", "keep-alive")
        self._idle: deque[_Exchange] = deque()
        self._slots = asyncio.Semaphore(maxsize)
        self._base_headers = {"host": f"{self.hostname}:{self.port}", **self.headers}

    async def perform_request(
        self,
        method: str,
        url: str,
        params: Any = None,
        body: bytes | None = None,
        timeout: float | None = None,
        ignore: Any = (),
        headers: Any = None,
    ) -> Any:
        path = self.url_prefix + url
        if params:
            path = f"{path}?{urlencode(params)}"
        request = self._request_bytes(method, path, body, headers)
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            async with asyncio.timeout(timeout if timeout is not None else self.timeout):
                status, answer_headers, raw = await self._send(request, head=method == "HEAD")
        except (asyncio.CancelledError, RecursionError):
            raise
        except Exception as exc:
            self.log_request_fail(method, self.host + path, path, body, loop.time() - start,
                                  exception=exc)  # fmt: skip
            if isinstance(exc, TimeoutError):
                raise ConnectionTimeout("TIMEOUT", str(exc), exc) from exc
            raise ClientConnectionError("N/A", str(exc) or type(exc).__name__, exc) from exc
        duration = loop.time() - start
        if "warning" in answer_headers:
            self._raise_warnings([answer_headers["warning"]])
        if not 200 <= status < 300 and status not in ignore:
            text = raw.decode("utf-8", "surrogatepass")
            self.log_request_fail(method, self.host + path, path, body, duration,
                                  status_code=status, response=text)  # fmt: skip
            self._raise_error(status, text, answer_headers.get("content-type"))
        self.log_request_success(method, self.host + path, path, body, status, raw, duration)
        return status, answer_headers, raw

    def _request_bytes(self, method: str, path: str, body: Any, headers: Any) -> bytes:
        if isinstance(body, str):
            body = body.encode()
        # One value per header: the engine refuses a request with two Content-Types.
        merged = {**self._base_headers, **{k.lower(): v for k, v in (headers or {}).items()}}
        merged["content-length"] = str(len(body or b""))
        lines = "".join(f"{k}: {v}\r\n" for k, v in merged.items())
        head = f"{method} {path} HTTP/1.1\r\n{lines}\r\n".encode("latin-1")
        return head + body if body else head

    async def _send(self, request: bytes, *, head: bool) -> Answer:
        async with self._slots:
            return await self._send_on_a_connection(request, head=head)

    async def _send_on_a_connection(self, request: bytes, *, head: bool) -> Answer:
        connection = await self._connection()
        try:
            answer = await _exchange(connection, request, head)
        except (ConnectionResetError, BrokenPipeError):
            if not connection.answered:
                raise
            # A pooled connection the engine closed while it sat idle: one fresh try.
            connection = await self._open()
            answer = await _exchange(connection, request, head)
        if connection.usable:  # at most maxsize: one per request in flight
            self._idle.append(connection)
        else:
            connection.close()
        return answer

    async def _connection(self) -> _Exchange:
        while self._idle:
            connection = self._idle.pop()
            if connection.usable:
                return connection
        return await self._open()

    async def _open(self) -> _Exchange:
        loop = asyncio.get_running_loop()
        transport, connection = await loop.create_connection(_Exchange, self.hostname, self.port)
        # uvloop may call connection_made only on its next turn.
        connection.transport = transport
        return connection

    async def close(self) -> None:
        while self._idle:
            self._idle.pop().close()


async def _exchange(connection: _Exchange, request: bytes, head: bool) -> Answer:
    try:
        return await connection.exchange(request, head=head)
    except BaseException:
        connection.close()  # failed, timed out or cancelled mid-answer: never reused
        raise
