"""Every URL pattern redirects an anonymous visitor to a login page."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages that must be reachable without logging in, by URL name.
PUBLIC = {
    "login",
    "core:health",
    "admin:login",
    "logout",
    # The citizen's booking pages: a signed link instead of a login.
    "booking:book",
    "booking:confirmed",
    "booking:ics",
    # A caseworker's calendar feed: a secret, revocable link instead of a login (test_kalender.py).
    "citizens:kalender_feed",
    # The public version of agendas and minutes (closed items left out), only for a body whose
    # municipality turned public access on (tests/web/test_committee.py).
    "offentlig:list",
    "offentlig:dokument",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None


def _concrete(route: str) -> str:
    """Turn a route or regex into a URL with made-up arguments."""
    import re

    url = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), route)
    url = re.sub(r"<(int:)?\w+>", "1", url)
    url = re.sub(r"<(str|slug|path):\w+>", "x", url)
    # admin's regex routes
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", url)
    url = url.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + url.lstrip("/")


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def test_there_are_routes_to_walk():
    assert len(ROUTES) > 10


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r for r, _ in ROUTES])
def test_anonymous_request_is_redirected_to_login(client, route, name):
    if name in PUBLIC:
        pytest.skip(f"{name} is public by design")
    response = client.get(_concrete(route))
    assert response.status_code == 302, (route, response.status_code)
    location = response["Location"]
    assert location.startswith("/log-ind/") or location.startswith("/admin/login/"), location


@pytest.mark.django_db
def test_public_pages_are_only_the_allowed_ones(client):
    assert client.get("/sundhed/").status_code == 200
    assert client.get("/log-ind/").status_code == 200
    # A booking page with a forged token shows a plain "link does not work" page.
    assert client.get("/booking/forged-token/").status_code == 404
