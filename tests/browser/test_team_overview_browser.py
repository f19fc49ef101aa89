"""A leader opens Teamoverblik, picks all teams and sees the caseworker's row agree with the
caseworker's own worklist (issue 13, issue 18; real browser)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens.models import Borger, Sag
from indsats.web.citizens.selectors import worklist_get

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("browser-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")


def test_leader_picks_all_teams_and_the_rows_agree_with_the_worklist(live_server, page, artifacts):
    today = timezone.localdate()
    job = team_get_or_create(kommune_kode=573, navn="Team Job")
    unge = team_get_or_create(kommune_kode=573, navn="Team Unge")
    mette = user_create(
        username="mette", password="browser-pass-1", kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER], team=job, first_name="Mette",
    )  # fmt: skip
    user_create(
        username="anne", password="browser-pass-1", kommune_kode=573,
        roller=[Rolle.LEDER], team=job, first_name="Anne",
    )  # fmt: skip
    for i, (team, cw) in enumerate([(job, mette), (job, mette), (unge, None)]):
        b = Borger.objects.create(
            cpr=f"1{i}0585123{i}", fornavn=f"Borger{i}", efternavn="Test", kommune_kode=573,
            team=team, sagsbehandler=cw,
        )  # fmt: skip
        Sag.objects.create(
            borger=b, ydelse="kontanthjaelp", visitation="aktivitetsparat",
            foerste_henvendelse=today - timedelta(days=40 + 30 * i), team=team, sagsbehandler=cw,
        )  # fmt: skip
    overdue = len(worklist_get(actor=mette, as_of=today).overdue)
    assert overdue >= 1

    _login(page, live_server, "anne")
    page.goto(live_server.url + "/teamoverblik/")
    assert page.get_by_role("heading", level=1).inner_text() == "Teamoverblik: Team Job"
    page.get_by_label("Team").select_option(label="Alle teams")
    page.get_by_role("button", name="Vis").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Teamoverblik: alle teams"
    table = page.get_by_role("table").filter(has_text="Sagsbehandler").first
    mette_row = table.get_by_role("row").filter(has_text="Mette")
    cells = mette_row.get_by_role("cell").all_inner_texts()
    assert cells[-2:] == ["2", str(overdue)]  # citizens, overdue: as on her worklist
    nobody = table.get_by_role("row").filter(has_text="Uden sagsbehandler")
    assert "står ikke på nogens arbejdsliste" in nobody.inner_text()
    page.screenshot(path=str(artifacts / "teamoverblik-alle.png"), full_page=True)
