"""The gzip middleware: what it compresses, what it leaves alone, streamed bodies."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from search_api.compression import GZipMiddleware

BIG_JSON = '{"title": "وفد أمني مغربي رفيع المستوى", "n": 7}' * 200
GZIP = {"accept-encoding": "gzip, deflate"}


def _json(request: Request) -> Response:
    return Response(BIG_JSON, media_type="application/json")


def _small(request: Request) -> Response:
    return Response('{"ok": true}', media_type="application/json")


def _png(request: Request) -> Response:
    return Response(b"\x89PNG" + bytes(4000), media_type="image/png")


def _encoded(request: Request) -> Response:
    body = gzip.compress(BIG_JSON.encode())
    return Response(body, media_type="application/json", headers={"content-encoding": "gzip"})


def _partial(request: Request) -> Response:
    return Response(BIG_JSON, status_code=206, media_type="application/json")


def _stream(request: Request) -> StreamingResponse:
    def rows() -> Iterator[str]:
        yield "id,title\n"
        for i in range(500):
            yield f"{i},خبر رقم {i}\n"

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8")


@pytest.fixture
def client() -> TestClient:
    routes = [Route(f"/{f.__name__[1:]}", f) for f in (_json, _small, _png, _encoded, _partial)]
    app = Starlette(routes=[*routes, Route("/stream", _stream)])
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    return TestClient(app)


def _raw(client: TestClient, path: str, headers: dict[str, str]) -> tuple[dict, bytes]:
    """Headers and the body exactly as sent (the test client would inflate it)."""
    with client.stream("GET", path, headers=headers) as answer:
        return dict(answer.headers), b"".join(answer.iter_raw())


def test_a_large_json_body_is_gzipped_with_its_length_and_vary(client: TestClient) -> None:
    headers, body = _raw(client, "/json", GZIP)
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(BIG_JSON.encode()) // 4
    assert gzip.decompress(body).decode() == BIG_JSON


def test_without_accept_encoding_the_body_is_sent_as_is(client: TestClient) -> None:
    headers, body = _raw(client, "/json", {"accept-encoding": "identity"})
    assert "content-encoding" not in headers
    assert headers["vary"] == "Accept-Encoding"  # for caches: a gzip client gets another
    assert body.decode() == BIG_JSON


def test_a_streamed_body_is_compressed_chunk_by_chunk(client: TestClient) -> None:
    headers, body = _raw(client, "/stream", GZIP)
    assert headers["content-encoding"] == "gzip"
    assert "content-length" not in headers
    text = gzip.decompress(body).decode()
    assert text.startswith("id,title\n0,خبر رقم 0\n") and text.endswith("499,خبر رقم 499\n")


@pytest.mark.parametrize("path", ["/small", "/png", "/partial"])
def test_small_binary_and_partial_bodies_are_left_alone(client: TestClient, path: str) -> None:
    headers, body = _raw(client, path, GZIP)
    assert "content-encoding" not in headers
    assert int(headers["content-length"]) == len(body)


def test_a_body_already_encoded_is_not_encoded_twice(client: TestClient) -> None:
    headers, body = _raw(client, "/encoded", GZIP)
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).decode() == BIG_JSON
