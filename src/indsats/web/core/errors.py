"""The error pages (400, 403, CSRF failure, 404, 500): Danish, in the product's layout, with a
way back. Wired in `config/urls.py` (handler400 …) and `CSRF_FAILURE_VIEW`.

The 500 page is rendered without a request context: no context processor, no database query, no
session; if even the layout cannot be rendered (say, static files not collected), a plain page.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

from indsats.web.accounts.middleware import current_request_id

logger = logging.getLogger(__name__)

_PLAIN_500 = (
    '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Der skete en fejl'
    "</title></head><body><h1>Der skete en fejl</h1><p>Siden kunne ikke vises på grund af en "
    'fejl hos os. Prøv igen om lidt.</p><p><a href="/">Til forsiden</a></p></body></html>'
)


def _back_url(request) -> str:
    """The page the user came from, if it is on this site and not the failing page itself."""
    referer = request.META.get("HTTP_REFERER", "")
    if (
        referer
        and referer != request.build_absolute_uri()
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return referer
    return ""


def _page(request, status: int, title: str, *lines: str) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {
            "title": title,
            "lines": lines,
            "back_url": _back_url(request),
            "request_id": getattr(request, "request_id", None),
        },
        status=status,
    )


@requires_csrf_token
def bad_request(request, exception=None):
    return _page(
        request,
        400,
        "Forespørgslen kunne ikke bruges",
        "Siden fik oplysninger, den ikke kan forstå, fx et ugyldigt tegn i en adresse eller en "
        "formular. Intet er gemt.",
        "Gå tilbage og prøv igen, eller start fra forsiden.",
    )


@requires_csrf_token
def permission_denied(request, exception=None):
    return _page(
        request,
        403,
        "Du har ikke adgang til denne side",
        "Din rolle giver ikke adgang til siden eller til de oplysninger, den viser.",
        "Mener du, at du skal have adgang, så kontakt din leder eller kommunens administrator.",
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    return _page(
        request,
        404,
        "Siden findes ikke",
        "Adressen er forkert, eller det, siden viste, er flyttet eller slettet. Det kan også være "
        "en borger eller sag, du ikke har adgang til.",
    )


def csrf_failure(request, reason=""):
    return _page(
        request,
        403,
        "Formularen kunne ikke sendes",
        "Siden har været åben for længe, eller du er logget ind eller ud i et andet vindue. "
        "Intet er gemt.",
        "Gå tilbage, genindlæs siden og udfyld formularen igen.",
    )


def server_error(request=None):
    """No request context: the page must render when the database or a context processor is
    what failed."""
    try:
        html = loader.get_template("errors/500.html").render({"request_id": current_request_id()})
    except Exception:
        logger.exception("the 500 page could not be rendered; a plain page was sent")
        html = _PLAIN_500
    return HttpResponseServerError(html)
