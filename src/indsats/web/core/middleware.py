"""Request checks that hold for every view."""

from __future__ import annotations

from django.core.exceptions import BadRequest


class RejectNulBytesMiddleware:
    """A NUL byte in a query or form parameter is a 400 for every page.

    No field of indsats can hold one, and PostgreSQL refuses it in any text value (a 500 at
    whatever query first meets it), so it is refused once, here, before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for params in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in params.lists():
                if "\x00" in key or any("\x00" in v for v in values):
                    raise BadRequest("NUL byte in a request parameter")
        return self.get_response(request)
