"""The start page per role (issue 13): the caseworker's worklist in numbers and today's
samtaler, the consultant's next follow-ups, results for leaders, analysts and the committee;
no "vises her, når de er bygget". A few queries: it is hit on every login."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, Sag, Samtale
from indsats.web.citizens.selectors import worklist_get
from indsats.web.companies.models import Kontakt, Virksomhed


@pytest.fixture
def caseload(users, make_case):
    today = timezone.localdate()
    sager = [
        make_case(cpr=f"15058{i}1234", fornavn="Borger", efternavn=f"Nr{i}", days_ago=days)
        for i, days in enumerate((60, 300, 2))
    ]
    tz = timezone.get_current_timezone()
    Samtale.objects.create(
        sag=sager[2],
        tidspunkt=datetime.combine(today, time(14, 30), tzinfo=tz),
        type="jobsamtale",
        form="fysisk",
        afholdt_af="jobcenter",
        status=Samtale.Status.PLANLAGT,
    )
    return sager


def test_the_caseworkers_start_page_matches_the_worklist(users, caseload, login):
    client = login(users["jobraadgiver"])
    response = client.get(reverse("core:start"))
    body = response.content.decode()
    w = worklist_get(actor=users["jobraadgiver"], as_of=timezone.localdate())
    assert w.overdue and w.due
    assert f"<strong>{len(w.overdue)}</strong> overskredne frister" in body
    assert f"<strong>{len(w.due)}</strong> frister de næste 14 dage" in body
    assert "Dagens samtaler" in body and "14:30" in body and "Borger Nr2" in body
    assert "når de er bygget" not in body


def test_the_start_page_is_a_few_queries_whatever_the_caseload(users, caseload, login):
    client = login(users["jobraadgiver"])
    client.get(reverse("core:start"))  # today's deadlines computed once
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:start"))
    for i in range(3, 13):
        Sag.objects.create(
            borger=Borger.objects.create(
                cpr=f"1505{i:02d}1234", fornavn="B", efternavn=str(i), kommune_kode=573,
                team=caseload[0].team, sagsbehandler=users["jobraadgiver"],
            ),
            ydelse="kontanthjaelp", visitation="aktivitetsparat",
            foerste_henvendelse=timezone.localdate() - timedelta(days=90),
            team=caseload[0].team, sagsbehandler=users["jobraadgiver"],
        )  # fmt: skip
    client.get(reverse("core:start"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:start"))
    assert len(many) == len(few) <= 25


def test_the_consultants_start_page_shows_the_next_follow_ups(make_user, login):
    jonas = make_user("jonas", Rolle.VIRKSOMHEDSKONSULENT)
    today = timezone.localdate()
    for navn, cvr, days in (("Varde Lager ApS", "12345678", -3), ("Blåvand Is", "87654321", 5)):
        v = Virksomhed.objects.create(
            navn=navn, cvr=cvr, kommune_kode=573, konsulent=jonas, db07="5210"
        )
        Kontakt.objects.create(
            virksomhed=v, kanal="besoeg", formaal="rekruttering", dato=today - timedelta(days=20),
            afholdt=True, opfoelgning=today + timedelta(days=days),
        )  # fmt: skip
    body = login(jonas).get(reverse("core:start")).content.decode()
    assert "Min portefølje: næste opfølgninger" in body
    assert body.index("Varde Lager ApS") < body.index("Blåvand Is")  # soonest first
    assert "<strong>1</strong> opfølgning er overskredet" in body
    assert f"{today + timedelta(days=5):%d.%m.%Y}" in body
    assert "når de er bygget" not in body and "Mine opgaver" not in body


@pytest.mark.parametrize("rolle", ["analytiker", "udvalg", "leder"])
def test_leaders_analysts_and_the_committee_see_results(users, login, rolle):
    body = login(users[rolle]).get(reverse("core:start")).content.decode()
    assert "Resultater" in body and "når de er bygget" not in body
    assert "Der er endnu ingen månedsrapport" in body or "Månedsrapporten for" in body


def test_a_leader_without_cases_of_their_own_is_pointed_to_the_team_overview(users, login):
    body = login(users["leder"]).get(reverse("core:start")).content.decode()
    assert "Du har ingen åbne sager selv" in body and reverse("citizens:team") in body
    assert "overskredne frister</a>" not in body
