"""Error pages (issue 13): 400, 403, CSRF failure, 404 and 500 are Danish pages in the product's
layout with a way back, with DEBUG off as in production. The 500 page needs no database."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from indsats.web.citizens.models import Plan
from indsats.web.core.errors import server_error


def _body(response) -> str:
    return response.content.decode()


def _in_layout(body: str) -> bool:
    return '<html lang="da">' in body and 'class="site-header"' in body and "indsats.css" in body


@pytest.fixture(autouse=True)
def _production_like():
    assert settings.DEBUG is False  # the test settings; a debug page would hide the handlers


def test_404_is_a_danish_page_with_a_way_back(users, login):
    client = login(users["jobraadgiver"])
    response = client.get("/findes-ikke/", HTTP_REFERER="http://testserver/mine-opgaver/")
    assert response.status_code == 404
    body = _body(response)
    assert _in_layout(body) and "Siden findes ikke" in body
    assert 'href="http://testserver/mine-opgaver/"' in body  # back where the user came from
    assert f'href="{reverse("core:start")}"' in body and "Til forsiden" in body
    assert "Hovedmenu" in body  # the menu is there: the user can go on from here
    assert "Not Found" not in body


def test_404_for_a_citizen_outside_the_users_scope(users, borgere, login):
    client = login(users["jobraadgiver"])
    response = client.get(reverse("citizens:detail", args=[borgere["other_kommune"].pk]))
    assert response.status_code == 404 and "Siden findes ikke" in _body(response)


def test_404_for_someone_not_logged_in_offers_the_login(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    body = _body(response)
    assert "Siden findes ikke" in body and f'href="{reverse("login")}"' in body


def test_a_referer_from_another_site_is_not_offered_as_the_way_back(users, login):
    response = login(users["jobraadgiver"]).get(
        "/findes-ikke/", HTTP_REFERER="https://evil.example/phish"
    )
    assert "evil.example" not in _body(response)


def test_403_is_a_danish_page(users, login):
    response = login(users["jobraadgiver"]).get(reverse("accounts:audit_trail"))
    assert response.status_code == 403
    body = _body(response)
    assert _in_layout(body) and "Du har ikke adgang til denne side" in body
    assert "Til forsiden" in body and "Forbidden" not in body


def test_400_is_a_danish_page(users, login):
    client = login(users["jobraadgiver"])
    client.raise_request_exception = False
    response = client.get(reverse("citizens:list"), {"q": "a\x00b"})
    assert response.status_code == 400
    body = _body(response)
    assert _in_layout(body) and "Forespørgslen kunne ikke bruges" in body
    assert "Bad Request" not in body


def test_csrf_failure_is_a_danish_page_and_saves_nothing(users, borgere):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["jobraadgiver"])
    response = client.post(
        reverse("citizens:plan", args=[borgere["job"].pk]), {"del": "maal", "maal-maal": "Job"}
    )
    assert response.status_code == 403
    body = _body(response)
    assert _in_layout(body) and "Formularen kunne ikke sendes" in body and "Intet er gemt" in body
    assert "CSRF" not in body
    assert not Plan.objects.filter(borger=borgere["job"]).exists()


@pytest.mark.urls("tests.web.error_urls")
def test_500_is_a_danish_page_with_a_way_back(users, login):
    client = login(users["jobraadgiver"])
    client.raise_request_exception = False
    response = client.get("/test-fejl/")
    assert response.status_code == 500
    body = _body(response)
    assert _in_layout(body) and "Der skete en fejl" in body
    assert f'href="{reverse("core:start")}"' in body
    assert "Fejlnummer" in body and response["X-Request-ID"] in body  # to quote to support
    assert "RuntimeError" not in body and "a bug in a view" not in body


@pytest.mark.urls("tests.web.error_urls")
@pytest.mark.django_db
def test_500_for_someone_not_logged_in(client):
    client.raise_request_exception = False
    response = client.get("/test-fejl-anonym/")
    assert response.status_code == 500 and "Der skete en fejl" in _body(response)


def test_the_500_page_renders_without_a_database_or_a_request():
    # No django_db mark: pytest-django makes any database access fail in this test.
    response = server_error()
    assert response.status_code == 500
    body = _body(response)
    assert _in_layout(body) and "Der skete en fejl" in body and "Til forsiden" in body
