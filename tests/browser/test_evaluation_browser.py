"""An analyst uploads a project's participant list and reads the effect evaluation; the committee
member reads it and opens the PDF link. Real browser (Debian's chromium through Playwright)."""

from io import BytesIO

import pytest

from indsats.register import weeks
from indsats.register.plant import Plantning, generate_register_with_effects
from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pass-1"


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("effekt-browser")
    (r,) = generate_register_with_effects(
        root / "register" / "573",
        [573],
        weeks.parse_week("2019W01"),
        weeks.parse_week("2022W52"),
        [
            Plantning(
                "sygedagpenge", weeks.parse_week("2020W01"), weeks.parse_week("2021W26"), 80, 0.5
            )
        ],
        seed=3,
    )
    rows = zip(
        r.deltagere.column("person_id").to_pylist(),
        r.deltagere.column("start_uge").to_pylist(),
        strict=True,
    )
    fil = root / "plus_deltagere.csv"
    fil.write_text(
        "person_id;start_uge\n" + "".join(f"{p};{weeks.label(s)}\n" for p, s in rows),
        encoding="utf-8",
    )
    return root, fil


def _login(page, live_server, username):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(live_server.url + "/")


def test_analyst_evaluates_a_project_and_the_committee_reads_it(
    live_server, page, artifacts, planted, settings
):
    from PIL import Image

    settings.VAR_DIR = planted[0]
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    for username, rolle in (("sofie", Rolle.ANALYTIKER), ("udvalg", Rolle.UDVALG)):
        user_create(
            username=username,
            password=PASSWORD,
            kommune_kode=573,
            roller=[rolle],
            team=team if rolle is Rolle.ANALYTIKER else None,
            first_name=username.title(),
        )
    _login(page, live_server, "sofie")
    page.get_by_role("link", name="Effektvurderinger").first.click()
    page.get_by_role("link", name="Ny effektvurdering").click()
    page.get_by_label("Navn").fill("PLUS-forløb")
    page.get_by_label("Deltagerliste (fil med person-id og startuge)").check()
    page.get_by_label("Deltagerliste", exact=True).set_input_files(str(planted[1]))
    # computing takes seconds (longer on a busy machine): wait for the result page
    with page.expect_navigation(timeout=300_000):
        page.get_by_role("button", name="Opret og beregn").click(no_wait_after=True)
    page.wait_for_selector("[data-hovedsaetning]")
    head = page.locator("[data-hovedsaetning]").inner_text()
    assert head.startswith("Et halvt år (26 uger) efter start var ")
    assert "95 %-sikkerhedsinterval" in head
    assert "Ser man kun på deltagerne" in page.locator("[data-naiv]").inner_text()
    assert page.locator("figure.chart svg").count() == 1
    shot = page.screenshot(path=str(artifacts / "effektvurdering.png"), full_page=True)
    img = Image.open(BytesIO(shot)).convert("L")
    assert sum(1 for p in img.getdata() if p < 240) / (img.width * img.height) > 0.02
    chart = Image.open(BytesIO(page.locator("figure.chart").screenshot())).convert("L")
    assert len(set(chart.getdata())) > 10  # lines and text, not an empty box
    url = page.url

    page.get_by_role("button", name="Log ud").click()
    page.context.clear_cookies()
    _login(page, live_server, "udvalg")
    page.goto(url)
    assert page.locator("[data-hovedsaetning]").inner_text() == head
    assert page.get_by_role("button", name="Beregn igen").count() == 0
    pdf = page.request.get(url + "effektvurdering.pdf")
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
