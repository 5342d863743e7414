"""The API's httptools connection: against the real engine, and against small local
servers for what the engine will not do on demand (drop an idle connection, stall)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from opensearchpy import AIOHttpConnection, AsyncOpenSearch
from opensearchpy.exceptions import ConnectionError as ClientConnectionError
from opensearchpy.exceptions import ConnectionTimeout

from rasd.engine import Engine, EngineUnavailable, connect
from rasd.engine_http import HttptoolsConnection
from rasd.settings import Settings

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def _client(url: str, connection_class: type = HttptoolsConnection, **options: Any) -> Any:
    return AsyncOpenSearch(hosts=[url], connection_class=connection_class, max_retries=0, **options)


@pytest.mark.engine
def test_the_api_client_uses_it(engine: Engine) -> None:
    async def connection_class() -> type:
        try:
            client = connect(Settings(engine_url=engine.url)).async_client_factory()
            await client.info()  # the asyncio transport sets its connections up on first use
            return type(client.transport.get_connection())
        finally:
            await client.close()

    assert asyncio.run(connection_class()) is HttptoolsConnection


@pytest.mark.engine
def test_answers_equal_aiohttp_ones(engine: Engine, make_index: Callable[[], str]) -> None:
    """Searches (with Arabic, aggregations, a query string), a HEAD, a 404 and a 400 come
    back as they do through opensearch-py's own aiohttp connection, many at once."""
    alias = make_index()
    for i, title in enumerate(["الإنتربول في ليون", "وزارة الداخلية", "داعش"]):
        engine.request("PUT", f"/{alias}/_doc/{i}", {"id": str(i), "title": title})
    engine.refresh(alias)
    bodies = [
        {"query": {"match": {"title": "الانتربول"}}},
        {"size": 0, "aggs": {"ids": {"terms": {"field": "id"}}}},
        {"query": {"match_all": {}}, "sort": [{"id": "desc"}]},
    ]

    async def ask(connection_class: type) -> list[Any]:
        client = _client(engine.url, connection_class, maxsize=4)
        try:
            searches = [
                client.transport.perform_request(
                    "POST", f"/{alias}/_search", params={"request_cache": "false"}, body=b
                )
                for b in bodies * 10  # more at once than the pool keeps
            ]
            answers: list[Any] = list(await asyncio.gather(*searches))
            answers.append(await client.transport.perform_request("HEAD", f"/{alias}"))
            answers.append(await client.transport.perform_request("HEAD", "/rasd-test-none"))
            for path, body in (("/rasd-test-none/_search", {}), (f"/{alias}/_search", [])):
                try:
                    await client.transport.perform_request("POST", path, body=body)
                except Exception as exc:  # the client's own error, compared below
                    answers.append((type(exc).__name__, exc.status_code, exc.error))
            return answers
        finally:
            await client.close()

    ours, theirs = asyncio.run(ask(HttptoolsConnection)), asyncio.run(ask(AIOHttpConnection))
    for answer in ours[:30] + theirs[:30]:
        if isinstance(answer, dict):
            answer.pop("took")
    assert ours == theirs
    assert ours[30:32] == [True, False]
    assert [a[:2] for a in ours[32:]] == [("NotFoundError", 404), ("RequestError", 400)]
    assert ours[0]["hits"]["hits"][0]["_source"]["title"] == "الإنتربول في ليون"


def test_a_stopped_engine_is_unavailable() -> None:
    down = Engine(
        url="http://127.0.0.1:9",
        flavor="opensearch",
        version="2",
        client=None,
        async_client_factory=lambda: _client("http://127.0.0.1:9"),
    )

    async def ask() -> None:
        try:
            await down.arequest("GET", "/")
        finally:
            await down.aclose()

    with pytest.raises(EngineUnavailable, match="did not answer"):
        asyncio.run(ask())


@asynccontextmanager
async def _server(handler: Handler) -> Any:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return head + await reader.readexactly(length)


def _ok(body: bytes = b'{"ok":true}') -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )


async def _get(handler: Handler, times: int = 1, **options: Any) -> list[Any]:
    """``GET /`` ``times`` in turn, through one client, from a server running ``handler``."""
    async with _server(handler) as url:
        client = _client(url, **options)
        try:
            return [await client.transport.perform_request("GET", "/") for _ in range(times)]
        finally:
            await client.close()


def test_a_connection_dropped_while_idle_is_replaced() -> None:
    """The server answers one request per connection and drops the connection when the
    next one comes (as a restarted engine or a proxy's idle timeout does): that request
    is sent again on a fresh connection, and the caller sees only answers."""
    connections = 0

    async def one_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        await _read_request(reader)
        writer.write(_ok())
        await writer.drain()
        await _read_request(reader)
        writer.close()

    assert asyncio.run(_get(one_answer, times=3)) == [{"ok": True}] * 3
    assert connections == 3  # each dropped request went out again on a fresh one


def test_a_new_connection_that_fails_is_not_sent_again() -> None:
    requests = 0

    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal requests
        await _read_request(reader)
        requests += 1
        writer.close()

    with pytest.raises(ClientConnectionError):
        asyncio.run(_get(drop))
    assert requests == 1


def test_a_stalled_answer_times_out_and_its_connection_is_dropped() -> None:
    seen: list[bytes] = []

    async def stall_first(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                seen.append(await _read_request(reader))
            except asyncio.IncompleteReadError:
                return
            if len(seen) > 1:
                writer.write(_ok())
                await writer.drain()

    async def run() -> Any:
        async with _server(stall_first) as url:
            client = _client(url, timeout=0.3)
            try:
                with pytest.raises(ConnectionTimeout):
                    await client.transport.perform_request("GET", "/")
                return await client.transport.perform_request("GET", "/")
            finally:
                await client.close()

    assert asyncio.run(run()) == {"ok": True}


def test_the_request_carries_one_value_per_header_and_the_credentials() -> None:
    requests: list[bytes] = []

    async def record(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        requests.append(await _read_request(reader))
        writer.write(_ok())
        await writer.drain()
        writer.close()

    async def run() -> None:
        async with _server(record) as url:
            client = _client(url, http_auth=("rasd", "s3cret"))
            try:
                await client.transport.perform_request(
                    "POST",
                    "/rasd-articles/_search",
                    params={"q": "داعش"},
                    body=b"{}",
                    headers={"Content-Type": "application/json", "accept": "application/json"},
                )
            finally:
                await client.close()

    asyncio.run(run())
    head, body = requests[0].split(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "POST /rasd-articles/_search?q=%D8%AF%D8%A7%D8%B9%D8%B4 HTTP/1.1"
    names = [line.split(":")[0].lower() for line in lines[1:]]
    assert sorted(names) == sorted(set(names))
    assert "authorization: Basic cmFzZDpzM2NyZXQ=" in lines  # base64 of rasd:s3cret
    assert "content-length: 2" in lines and body == b"{}"


def test_a_garbled_answer_is_a_connection_error() -> None:
    async def garble(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"this is not HTTP\r\n\r\n")
        await writer.drain()

    with pytest.raises(ClientConnectionError):
        asyncio.run(_get(garble))


def test_https_is_left_to_aiohttp() -> None:
    with pytest.raises(ValueError, match="plain HTTP"):
        HttptoolsConnection(host="example.org", port=443, use_ssl=True)


def test_at_most_maxsize_requests_are_in_flight() -> None:
    """Like aiohttp's connector: more requests than the pool size wait their turn, and
    no more connections than that are opened."""
    open_now = peak = connections = 0

    async def slow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal open_now, peak, connections
        open_now += 1
        connections += 1
        peak = max(peak, open_now)
        try:
            while True:
                try:
                    await _read_request(reader)
                except asyncio.IncompleteReadError:
                    return
                await asyncio.sleep(0.02)
                writer.write(_ok())
                await writer.drain()
        finally:
            open_now -= 1

    async def run() -> list[Any]:
        async with _server(slow) as url:
            client = _client(url, maxsize=3)
            try:
                requests = [client.transport.perform_request("GET", "/") for _ in range(20)]
                return list(await asyncio.gather(*requests))
            finally:
                await client.close()

    assert asyncio.run(run()) == [{"ok": True}] * 20
    assert peak == connections == 3
