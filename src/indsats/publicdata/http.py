"""The HTTP layer of the clients: one small transport on the standard library.

A transport takes a `Request` and returns a `Response`. The default uses `urllib`; the tests
serve recorded responses from a local HTTP server through the same transport, so the code that
runs against the real APIs is the code under test.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    content_type: str = ""

    def text(self) -> str:
        return self.body.decode("utf-8-sig")


class PublicDataError(Exception):
    """A public data source answered with an error, or its answer could not be read."""


class Offline(PublicDataError):
    """The source could not be reached (no network, DNS failure, refused, timed out)."""


Transport = Callable[[Request], Response]


def urllib_transport(request: Request, *, timeout: float = TIMEOUT_SECONDS) -> Response:
    """Send `request` with urllib. HTTP errors return their status; no connection raises
    `Offline` naming the host."""
    req = urllib.request.Request(
        request.url, data=request.body, headers=request.headers, method=request.method
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, resp.read(), resp.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read(), exc.headers.get("Content-Type", ""))
    except OSError as exc:  # URLError, timeouts and refused connections are OSErrors
        reason = getattr(exc, "reason", exc)
        host = urllib.parse.urlsplit(request.url).netloc
        raise Offline(f"{host} could not be reached ({reason})") from None
