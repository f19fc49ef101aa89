"""Bad query parameters are a 400 or ignored, never a 500 (issue 12, Low). Every page without
path arguments is requested with every query parameter any view reads, set to hostile values."""

import pytest
from django.urls import reverse

from tests.web.test_login_required import ROUTES

# Every query parameter a view reads (grep request.GET in src/indsats/web).
PARAMS = [
    "konsulent", "q", "uden_konsulent", "alle", "virksomhed", "fra", "til", "db07", "maaned",
    "type", "varighed", "aar", "handling", "bruger", "side", "planlagt", "tilbage", "borger",
]  # fmt: skip
HOSTILE = ["abc", "\x00", "a\x00b", "99999999999999999999999", "-1", "1e400", "😀" * 50]
PAGES = [r for r, name in ROUTES if "<" not in r and "(?P" not in r and "admin" not in r]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_no_page_answers_a_hostile_query_with_a_500(users, borgere, client, value):
    client.raise_request_exception = False
    client.force_login(users["admin"])
    params = dict.fromkeys(PARAMS, value)
    failed = []
    for page in PAGES:
        response = client.get("/" + page.lstrip("/"), params)
        if response.status_code >= 500:
            failed.append(page)
    assert failed == []


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/virksomheder/", {"konsulent": "abc"}),
        ("/virksomheder/alle/", {"q": "\x00"}),
        ("/konti/revisionsspor/", {"bruger": "\x00"}),
    ],
)
def test_the_reported_500s(users, client, url, params):
    client.raise_request_exception = False
    client.force_login(users["admin"])
    assert client.get(url, params).status_code in (200, 400)


def test_a_nul_byte_in_a_form_post_is_a_400(users, login):
    client = login(users["jobraadgiver"])
    client.raise_request_exception = False
    response = client.post(reverse("citizens:list"), {"q": "Hans\x00"})
    assert response.status_code == 400
