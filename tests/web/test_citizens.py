import pytest
from django.urls import reverse

from indsats.web.citizens.models import Borger


def test_caseworker_sees_only_own_team(users, borgere, login):
    client = login(users["jobraadgiver"])
    body = client.get(reverse("citizens:list")).content.decode()
    assert "Hans Hansen" in body
    assert "Ida Iversen" not in body and "Ole Olsen" not in body
    assert client.get(reverse("citizens:detail", args=[borgere["unge"].pk])).status_code == 404
    assert (
        client.get(reverse("citizens:detail", args=[borgere["other_kommune"].pk])).status_code
        == 404
    )


def test_leader_sees_all_teams_of_own_municipality_only(users, borgere, login):
    client = login(users["leder"])
    body = client.get(reverse("citizens:list")).content.decode()
    assert "Hans Hansen" in body and "Ida Iversen" in body
    assert "Ole Olsen" not in body
    assert (
        client.get(reverse("citizens:detail", args=[borgere["other_kommune"].pk])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["udvalg", "analytiker"])
def test_aggregate_roles_cannot_see_citizens(users, borgere, login, role):
    client = login(users[role])
    assert client.get(reverse("citizens:list")).status_code == 403
    assert client.get(reverse("citizens:detail", args=[borgere["job"].pk])).status_code == 403


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("320190-1234", "ikke en gyldig dato"),
        ("12345", "skal have formen"),
        ("290201-1234", "ikke en gyldig dato"),
    ],
)
def test_invalid_cpr_gets_a_clear_form_error(users, login, cpr, message):
    client = login(users["jobraadgiver"])
    response = client.post(
        reverse("citizens:create"), {"cpr": cpr, "fornavn": "A", "efternavn": "B"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    error = body.split('id="id_cpr_error"', 1)[1].split("</span>", 1)[0]
    assert message in error and cpr not in error  # the error text never echoes the number
    assert not Borger.objects.exists()


def test_duplicate_cpr_is_refused(users, borgere, login):
    client = login(users["jobraadgiver"])
    response = client.post(
        reverse("citizens:create"), {"cpr": "010190-1234", "fornavn": "A", "efternavn": "B"}
    )
    assert "findes allerede" in response.content.decode()
    assert Borger.objects.count() == 3


def test_start_page_greets_by_role(users, login):
    body = login(users["udvalg"]).get(reverse("core:start")).content.decode()
    assert "Udvalgsmedlem" in body
    assert 'lang="da"' in body
