"""A local HTTP server on 127.0.0.1 that answers like the public APIs, from recorded files.

The clients run unchanged (urllib, real HTTP) against it; `recorded/README.md` says how the
answers were built. Every request is kept in `server.requests` for the tests to inspect.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

RECORDED = Path(__file__).parent / "recorded"
TOKEN = "test-token-not-a-real-key"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):  # keep pytest output quiet
        pass

    def _answer(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        self.server.requests.append(
            {"method": method, "path": self.path, "headers": dict(self.headers), "body": body}
        )
        path = self.path
        if path.startswith("/v1/"):
            table = (body or {}).get("table")
            # One recorded answer per table, whatever the query: FOLK1A answers with the FOLK1A-65
            # preset's file also when FOLK1A's own (16-66) preset is asked.
            recorded = RECORDED / f"statbank_{str(table).lower()}_data.csv"
            if path == "/v1/data" and table in ("AUK01", "FOLK1E", "AFSTB4", "FOLK1A", "HFUDD11"):
                return self._answer(200, recorded.read_bytes(), "text/csv; charset=utf-8")
            if path == "/v1/tableinfo" and table == "AUK01":
                data = (RECORDED / "statbank_auk01_tableinfo.json").read_bytes()
                return self._answer(200, data, "application/json")
            msg = {"errorTypeCode": "EXTRACT-NOTFOUND", "message": f"Tabellen {table} findes ikke"}
            return self._answer(400, json.dumps(msg).encode(), "application/json")
        if path.startswith("/v2/"):
            if self.headers.get("Authorization") != TOKEN:
                return self._answer(401, b'{"Message":"Unauthorized"}', "application/json")
            if method == "GET" and path == "/v2/tables/y30r21/json":
                data = (RECORDED / "jobindsats_y30r21_tables.json").read_bytes()
                return self._answer(200, data, "application/json")
            if method == "POST" and path == "/v2/data/y30r21/json":
                data = (RECORDED / "jobindsats_y30r21_data.json").read_bytes()
                return self._answer(200, data, "application/json")
        return self._answer(404, b"not found", "text/plain")

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")


class _Server(ThreadingHTTPServer):
    requests: list[dict]


@pytest.fixture
def api_server():
    server = _Server(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port_url():
    """A loopback address where nothing listens: the client sees no network."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
