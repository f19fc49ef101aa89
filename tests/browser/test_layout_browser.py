"""Issue 13 in a real browser: every persona's start page on a 1366 px screen and a 390 px
phone (menu wraps, nothing off-screen, one highlighted menu item; screenshots kept under
var/test-results/landing/, not committed), staff pages on the phone, and dates typed as
dd.mm.åååå in an English-language browser."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indsats.web.accounts.roles import Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens.models import Borger, Progressionsmaaling, Sag, TilbudsForloeb
from indsats.web.demo.build import demo_build
from indsats.web.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _context(browser, viewport, locale="da-DK"):
    return browser.new_context(
        viewport=viewport, locale=locale, timezone_id="Europe/Copenhagen", device_scale_factor=1
    )


def _login(page, live_server, username, password):
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(live_server.url + "/")


def _menu_fits(page, width: int) -> list[str]:
    """Menu links that stick out of the viewport (none may)."""
    out = []
    for link in page.get_by_role("navigation", name="Hovedmenu").get_by_role("link").all():
        box = link.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width + 0.5:
            out.append(link.inner_text())
    return out


def test_every_personas_start_page_on_a_desktop_and_a_phone(live_server, browser, artifacts):
    demo_build(citizens=40, today=timezone.localdate())
    shots = artifacts / "landing"
    shots.mkdir(parents=True, exist_ok=True)
    for login in DEMO_LOGINS:
        for name, viewport in VIEWPORTS.items():
            context = _context(browser, viewport)
            page = context.new_page()
            _login(page, live_server, login.username, DEMO_PASSWORD)
            assert page.get_by_role("heading", level=1).inner_text().startswith("Velkommen")
            body = page.content()
            assert "når de er bygget" not in body
            current = page.locator('nav[aria-label="Hovedmenu"] a[aria-current="page"]')
            assert current.all_inner_texts() == ["Forside"], login.username
            assert page.evaluate(OVERFLOW) <= 0, (login.username, name)
            assert _menu_fits(page, viewport["width"]) == [], (login.username, name)
            page.screenshot(path=str(shots / f"{login.username}-{name}.png"), full_page=True)
            context.close()
        if login.rolle is Rolle.JOBRAADGIVER:
            assert "Dagens samtaler" in body and "overskredne frister" in body
        if login.rolle is Rolle.VIRKSOMHEDSKONSULENT:
            assert "næste opfølgninger" in body


def test_staff_pages_on_a_390_px_phone(live_server, browser, artifacts):
    demo_build(citizens=40, today=timezone.localdate())
    context = _context(browser, VIEWPORTS["390"])
    page = context.new_page()
    _login(page, live_server, "anne", DEMO_PASSWORD)
    pages = ["/mine-opgaver/", "/borgere/", "/teamoverblik/", "/ledige-tider/", "/resultater/"]
    borger = Borger.objects.filter(sager__isnull=False).first()
    pages.append(f"/borgere/{borger.pk}/")
    pages.append(f"/borgere/{borger.pk}/plan/")
    for path in pages:
        page.goto(live_server.url + path)
        assert page.evaluate(OVERFLOW) <= 0, path
        assert _menu_fits(page, 390) == [], path
        highlighted = page.locator('nav[aria-label="Hovedmenu"] a[aria-current="page"]')
        assert highlighted.count() == 1, path
    # The progression chart on the phone: four-digit years, the legend inside the screen.
    today = timezone.localdate()
    for days, score in ((400, 3), (200, 5), (10, 7)):
        Progressionsmaaling.objects.create(
            borger=borger, dato=today - timedelta(days=days), tro_paa_egne_evner=score,
            helbredsmestring=score, arbejdsmarkedsidentitet=score, samarbejde=score,
            netvaerk=score,
        )  # fmt: skip
    page.goto(live_server.url + f"/borgere/{borger.pk}/")
    assert page.evaluate(OVERFLOW) <= 0
    first = f"{today - timedelta(days=400):%d.%m.%Y}"
    assert first in page.locator("svg.chart").text_content()
    legend = page.locator("ul.legend li")
    assert legend.count() == 5
    for item in legend.all():
        box = item.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert "Arbejdsmarkedsidentitet" in page.locator("ul.legend").inner_text()
    page.screenshot(path=str(artifacts / "borger-390.png"), full_page=True)
    context.close()


@pytest.fixture
def mette_case():
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    mette = user_create(
        username="mette", password="browser-pass-1", kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER], team=team, first_name="Mette",
    )  # fmt: skip
    borger = Borger.objects.create(
        cpr="1505891234", fornavn="Camilla", efternavn="Nielsen", kommune_kode=573, team=team,
        sagsbehandler=mette,
    )  # fmt: skip
    return Sag.objects.create(
        borger=borger, ydelse="kontanthjaelp", visitation="aktivitetsparat",
        foerste_henvendelse=timezone.localdate() - timedelta(days=60), team=team,
        sagsbehandler=mette,
    )  # fmt: skip


def test_dates_are_typed_as_dd_mm_yyyy_in_an_english_browser(live_server, browser, mette_case):
    context = _context(browser, VIEWPORTS["1366"], locale="en-US")
    page = context.new_page()
    _login(page, live_server, "mette", "browser-pass-1")
    page.goto(live_server.url + f"/sager/{mette_case.pk}/tilbud/ny/")
    start = page.get_by_label("Start")
    assert start.get_attribute("type") == "text"
    assert start.get_attribute("placeholder") == "dd.mm.åååå"
    page.get_by_label("Tilbudstype").select_option("virksomhedspraktik")
    day = timezone.localdate() + timedelta(days=3)
    start.fill(f"{day:%m/%d/%Y}")  # how an American would write it: refused, in Danish
    page.get_by_label("Slut").fill(f"{day + timedelta(days=27):%d.%m.%Y}")
    page.get_by_label("Timer pr. uge").fill("20")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("body")).to_contain_text("Skriv datoen som dd.mm.åååå, fx 13.05.2024.")
    assert not TilbudsForloeb.objects.exists()
    page.get_by_label("Start").fill(f"{day:%d.%m.%Y}")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(f"{live_server.url}/borgere/{mette_case.borger_id}/")
    assert TilbudsForloeb.objects.get().start == day
    assert (
        "Planlagt" in page.get_by_role("table").filter(has_text="Virksomhedspraktik").inner_text()
    )
    # Shown back as dd.mm.åååå in the edit form, whatever the browser's language.
    page.goto(live_server.url + f"/sager/{mette_case.pk}/")
    henvendelse = page.get_by_label("Første henvendelse", exact=False).first
    assert henvendelse.input_value() == f"{mette_case.foerste_henvendelse:%d.%m.%Y}"
    context.close()


def test_every_menu_page_fits_a_390_px_phone(live_server, browser):
    """The admin sees every menu item; each page lies within the phone's width (wide tables
    scroll inside themselves)."""
    demo_build(citizens=40, today=timezone.localdate())
    context = _context(browser, VIEWPORTS["390"])
    page = context.new_page()
    _login(page, live_server, "admin", DEMO_PASSWORD)
    menu = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link")
    targets = [(link.inner_text(), link.get_attribute("href")) for link in menu.all()]
    assert len(targets) > 10
    wide = []
    for label, href in targets:
        page.goto(live_server.url + href)
        if page.evaluate(OVERFLOW) > 0 or _menu_fits(page, 390):
            wide.append(label)
    context.close()
    assert wide == []
