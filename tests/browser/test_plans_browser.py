"""An analyst revises the plan, adds an action and sends it to the committee; a committee member
reads it. Real browser (Debian's chromium through Playwright)."""

import pytest
from playwright.sync_api import expect

from indsats.plan import bundled_plan
from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.plans import services
from indsats.web.plans.models import Indsats, PlanVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pass-1"


def _login(page, live_server, username):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(live_server.url + "/")


@pytest.fixture
def people():
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    made = {}
    for username, rolle in (("sofie", Rolle.ANALYTIKER), ("udvalg", Rolle.UDVALG)):
        made[username] = user_create(
            username=username,
            password=PASSWORD,
            kommune_kode=573,
            roller=[rolle],
            team=team if rolle is Rolle.ANALYTIKER else None,
            first_name=username.title(),
        )
    services.plan_import(
        actor=made["sofie"], core=bundled_plan("varde_2020_2023_revideret_2021.yaml")
    )
    return made


def test_analyst_revises_adds_an_action_and_sends_it_the_committee_reads_it(
    live_server, page, artifacts, people
):
    _login(page, live_server, "sofie")
    page.get_by_role("link", name="Beskæftigelsesplan").first.click()
    page.get_by_role("link", name="Revideret 2021").click()
    page.get_by_label("Betegnelse").fill("Revideret 2022")
    page.get_by_role("button", name="Start en revision").click()
    page.wait_for_selector("text=Revisionen »Revideret 2022« er startet som en kopi.")
    assert page.locator("[data-status]").inner_text() == "Kladde"

    page.locator('[data-fokus="handicap"]').click()
    page.get_by_label("Indsats", exact=True).fill("Job med løntilskud til personer med handicap")
    page.get_by_label("Målgruppe").fill("Ledige med handicap")
    page.get_by_label("Start").fill("2022-02-01")
    page.get_by_label("Slut").fill("2021-12-31")
    page.get_by_role("button", name="Gem").click()
    # a Danish error, and nothing saved (expect waits for the answer to the post)
    expect(page.get_by_text("Indsatsen kan ikke slutte før den starter.")).to_be_visible()
    assert not Indsats.objects.filter(titel__startswith="Job med løntilskud").exists()
    page.get_by_label("Slut").fill("2022-12-31")
    page.get_by_label("Milepæle").fill("30.06.2022 Ti forløb er startet")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_selector("text=Indsatsen »Job med løntilskud til personer med handicap« er gemt.")
    page.get_by_role("link", name="Ændringer i forhold til Revideret 2021").click()
    expect(
        page.get_by_role("cell", name="Job med løntilskud til personer med handicap")
    ).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Send til udvalget").click()
    page.wait_for_selector("text=Versionen er sendt til udvalget.")
    page.screenshot(path=str(artifacts / "plan-sendt.png"), full_page=False)
    sent = PlanVersion.objects.get(betegnelse="Revideret 2022")
    assert sent.status == "sendt_til_udvalg"

    page.context.clear_cookies()
    _login(page, live_server, "udvalg")
    page.get_by_role("link", name="Beskæftigelsesplan").first.click()
    page.get_by_role("link", name="Revideret 2022").click()
    assert page.locator("[data-status]").inner_text() == "Sendt til udvalget"
    handicap = page.locator("section#fokus-handicap")
    assert "Job med løntilskud til personer med handicap" in handicap.inner_text()
    assert page.get_by_role("button", name="Send til udvalget").count() == 0
    assert page.get_by_role("link", name="Rediger kladden").count() == 0
    page.screenshot(path=str(artifacts / "plan-udvalg.png"), full_page=False)
