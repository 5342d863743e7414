"""An Elasticsearch 8 (or 9) face on the real OpenSearch engine, for testing Rasd's
elasticsearch-client path (``rasd/engine.py``) where no Elasticsearch can be installed.

The official client talks to Elasticsearch only: it sends versioned media types
(``application/vnd.elasticsearch+json; compatible-with=N``) and refuses servers that do
not answer ``X-Elastic-Product: Elasticsearch``. This proxy sits on a loopback port in
front of OpenSearch and does what an Elasticsearch node of the given major does there:

* it checks the media types as Elasticsearch does — a compatible version must be its
  own major or the one before, and the same on Accept and Content-Type — and answers
  400 ``media_type_header_exception`` otherwise (a 9.x client fails here against an
  8.x face, as on a real 8.x cluster), then forwards plain JSON;
* it answers ``GET /`` as Elasticsearch 8.19.0 or 9.2.0 and marks every answer as
  Elasticsearch;
* it maps the point-in-time endpoints, whose paths and keys differ (``POST
  /{index}/_pit`` → ``{"id"}``, ``DELETE /_pit``).

Everything else (indices, mappings, bulk, search, aggregations, highlights) is the real
engine's work and answer, untouched. Requests are recorded, so a test can check which
endpoints a run really used.
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import orjson

VERSIONS = {8: "8.19.0", 9: "9.2.0"}
_VERSIONED = re.compile(r"application/vnd\.elasticsearch\+([\w-]+)\s*;\s*compatible-with=(\d+)")
_PIT_OPEN = re.compile(r"^/([^/?]+)/_pit$")


class MediaTypeError(Exception):
    pass


def plain_media_type(header: str, value: str | None, major: int) -> tuple[str | None, int | None]:
    """(the plain media type, the compatible version asked) of one header, as a server
    of ``major`` reads it."""
    if not value:
        return value, None
    found = _VERSIONED.search(value)
    if found is None:
        return value, None
    version = int(found.group(2))
    if version not in (major, major - 1):
        raise MediaTypeError(
            f"{header} version must be either version {major} or {major - 1}, "
            f"but found {version}. "
            f"{header}={value}"
        )
    return f"application/{found.group(1)}", version


class ElasticsearchFace:
    """``with ElasticsearchFace(upstream, 8) as face:`` — ``face.url`` speaks
    Elasticsearch 8."""

    def __init__(self, upstream: str, major: int = 8) -> None:
        self.upstream = upstream.rstrip("/")
        self.major = major
        self.requests: list[tuple[str, str]] = []  # (method, path) as the client sent them
        self.refused: list[str] = []  # the reasons of every 400 media_type_header_exception
        self._http = httpx.Client(base_url=self.upstream, timeout=60)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ElasticsearchFace:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._http.close()

    def paths_used(self) -> set[str]:
        return {path.split("?")[0] for _, path in self.requests}

    # -- one request ------------------------------------------------------------------

    def answer(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes, str]:
        """(status, body, content type) for one client request."""
        self.requests.append((method, path))
        try:
            accept, accept_version = plain_media_type("Accept", headers.get("accept"), self.major)
            content_type, content_version = plain_media_type(
                "Content-Type", headers.get("content-type"), self.major
            )
            if body and accept_version != content_version:  # one unversioned, or two
                raise MediaTypeError(
                    "A compatible version is required on both Content-Type and Accept "
                    "headers if either one has requested a compatible version. "
                    f"Accept={headers.get('accept')}, Content-Type={headers.get('content-type')}"
                )
        except MediaTypeError as exc:
            self.refused.append(str(exc))
            return 400, _media_type_error(str(exc)), "application/json"
        forward = {"accept": accept or "application/json"}
        if content_type:
            forward["content-type"] = content_type
        route, _, query = path.partition("?")
        if method == "GET" and route == "/":
            return 200, self._root(), "application/json"
        if method == "POST" and (opened := _PIT_OPEN.match(route)):
            return self._open_pit(opened.group(1), query)
        if method == "DELETE" and route == "/_pit":
            return self._close_pit(body)
        answer = self._http.request(method, path, content=body or None, headers=forward)
        return answer.status_code, answer.content, answer.headers.get("content-type", "")

    def _root(self) -> bytes:
        root = self._http.get("/").json()
        root["version"] = {
            "number": VERSIONS[self.major],
            "build_flavor": "default",
            "lucene_version": root["version"].get("lucene_version", ""),
        }
        root["tagline"] = "You Know, for Search"
        return orjson.dumps(root)

    def _open_pit(self, index: str, query: str) -> tuple[int, bytes, str]:
        answer = self._http.post(f"/{index}/_search/point_in_time?{query}")
        if answer.status_code != 200:
            return answer.status_code, answer.content, "application/json"
        return 200, orjson.dumps({"id": answer.json()["pit_id"]}), "application/json"

    def _close_pit(self, body: bytes) -> tuple[int, bytes, str]:
        pit_id = orjson.loads(body)["id"]
        answer = self._http.request(
            "DELETE", "/_search/point_in_time", content=orjson.dumps({"pit_id": [pit_id]}),
            headers={"content-type": "application/json"},
        )  # fmt: skip
        freed = len(answer.json().get("pits", [])) if answer.status_code == 200 else 0
        return 200, orjson.dumps({"succeeded": True, "num_freed": freed}), "application/json"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        face = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the clients' pools expect

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, content, kind = face.answer(self.command, self.path, headers, body)
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", kind or "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the test reads face.requests instead

        return Handler


def _media_type_error(reason: str) -> bytes:
    cause = {"type": "status_exception", "reason": reason}
    error = {
        "type": "media_type_header_exception",
        "reason": "Invalid media-type value on headers [Accept, Content-Type]",
        "caused_by": cause,
    }
    return orjson.dumps({"error": {"root_cause": [error], **error}, "status": 400})
