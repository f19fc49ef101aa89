"""A correlation id per request, shared by log lines and audit rows (reads and changes)."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("indsats_request_id", default=None)
_remote_addr: ContextVar[str | None] = ContextVar("indsats_remote_addr", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def current_remote_addr() -> str | None:
    return _remote_addr.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        id_token = _request_id.set(request_id)
        addr_token = _remote_addr.set(request.META.get("REMOTE_ADDR"))
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(id_token)
            _remote_addr.reset(addr_token)
        response["X-Request-ID"] = request_id
        return response
