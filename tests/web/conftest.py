from datetime import timedelta

import pytest
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens.models import Borger, Sag

PASSWORD = "test-password-1"


@pytest.fixture
def teams(db):
    return {
        "job": team_get_or_create(kommune_kode=573, navn="Team Job"),
        "unge": team_get_or_create(kommune_kode=573, navn="Team Unge"),
        "other_kommune": team_get_or_create(kommune_kode=665, navn="Team Job"),
    }


@pytest.fixture
def make_user(teams):
    def make(username, rolle, *, team="job", kommune=573):
        return user_create(
            username=username,
            password=PASSWORD,
            kommune_kode=kommune,
            roller=[rolle],
            team=teams[team] if team else None,
            first_name=username.title(),
            email=f"{username}@example.dk",
        )

    return make


@pytest.fixture
def users(make_user):
    return {
        "jobraadgiver": make_user("mette", Rolle.JOBRAADGIVER),
        "jobraadgiver_unge": make_user("ulla", Rolle.JOBRAADGIVER, team="unge"),
        "leder": make_user("anne", Rolle.LEDER),
        "udvalg": make_user("udvalg", Rolle.UDVALG, team=None),
        "analytiker": make_user("sofie", Rolle.ANALYTIKER),
        "admin": make_user("admin", Rolle.ADMIN, team=None),
        "other_kommune": make_user("lemvig", Rolle.LEDER, team="other_kommune", kommune=665),
    }


@pytest.fixture
def borgere(teams):
    return {
        "job": Borger.objects.create(
            cpr="0101901234",
            fornavn="Hans",
            efternavn="Hansen",
            kommune_kode=573,
            team=teams["job"],
        ),
        "unge": Borger.objects.create(
            cpr="0202051234",
            fornavn="Ida",
            efternavn="Iversen",
            kommune_kode=573,
            team=teams["unge"],
        ),
        "other_kommune": Borger.objects.create(
            cpr="0303801234",
            fornavn="Ole",
            efternavn="Olsen",
            kommune_kode=665,
            team=teams["other_kommune"],
        ),
    }


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do


@pytest.fixture
def make_case(users, teams):
    """An aktivitetsparat kontanthjælp case of Mette's in Team Job, begun `days_ago` days ago
    (0: the first jobsamtale is due within the coming week)."""

    def make(*, cpr="1505891236", fornavn="Sara", efternavn="Larsen", days_ago=0):
        borger = Borger.objects.create(
            cpr=cpr,
            fornavn=fornavn,
            efternavn=efternavn,
            kommune_kode=573,
            team=teams["job"],
            sagsbehandler=users["jobraadgiver"],
        )
        return Sag.objects.create(
            borger=borger,
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            foerste_henvendelse=timezone.localdate() - timedelta(days=days_ago),
            team=teams["job"],
            sagsbehandler=users["jobraadgiver"],
        )

    return make
