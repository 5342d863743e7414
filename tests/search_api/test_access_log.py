"""The access-log middleware: one record per request with its outcome, default headers."""

from __future__ import annotations

import logging

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from search_api.access_log import AccessLogMiddleware


def _ok(request):
    return PlainTextResponse("ok", headers={"Referrer-Policy": "no-referrer"})


def _boom(request):
    raise RuntimeError("boom")


@pytest.fixture
def client() -> TestClient:
    app = Starlette(routes=[Route("/ok", _ok), Route("/boom", _boom)])
    app.add_middleware(AccessLogMiddleware)
    return TestClient(app, raise_server_exceptions=False)


def test_logs_each_request_with_status_path_and_query(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="rasd.access"):
        assert client.get("/ok?q=x").status_code == 200
        assert client.get("/missing").status_code == 404
    records = [r for r in caplog.records if r.name == "rasd.access"]
    assert [(r.path, r.status, r.query) for r in records] == [
        ("/ok", 200, "q=x"),
        ("/missing", 404, ""),
    ]
    assert all(r.ms >= 0 for r in records)


def test_adds_default_headers_without_overriding_the_app(client) -> None:
    answer = client.get("/ok")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_a_crash_is_logged_as_500(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="rasd.access"):
        assert client.get("/boom").status_code == 500
    assert [r.status for r in caplog.records if r.name == "rasd.access"] == [500]
