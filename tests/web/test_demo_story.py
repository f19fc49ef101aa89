"""The demo tells one story on the day it is built (issue 13).

The demo is built for a fixed day, with the web app's clock on that day (as `indsats demo
--today` serves it): the caseworker's worklist has a few duties missed days ago and several due
in the coming two weeks, the report is for the last complete month and its company section has
figures, the budget follow-up opens on the current year, and no main page of any persona shows
an empty state.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from indsats.reports.build import demo_month, demo_register, demo_report, read_report_data
from indsats.web.accounts.models import User
from indsats.web.citizens.selectors import worklist_get
from indsats.web.core.clock import clock_shift
from indsats.web.demo.build import demo_build
from indsats.web.demo.logins import DEMO_LOGINS
from indsats.web.evaluation.models import Evaluering
from indsats.web.goals.services import rapport_sections

DAY = date(2025, 3, 12)  # a Wednesday
KOMMUNE = 573

# What a page says when it has nothing to show.
EMPTY = re.compile(
    r"ingen data|no data|der er endnu ingen|der er intet|der er ingen|ingen \w+ endnu|"
    r"vises her, når|endnu ingen",
    re.IGNORECASE,
)


# Empty states that other parts own, each with its reason; remove a line when its part lands.
KNOWN_ELSEWHERE: set[tuple[str, str]] = set()
# Pages a demo login may be refused although its menu shows them (none today).
FORBIDDEN_ELSEWHERE: set[tuple[str, str]] = set()


@pytest.fixture
def demo_day(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    clock_shift(DAY)
    try:
        yield tmp_path
    finally:
        clock_shift(None)


def _build(var_dir):
    register = demo_register(kommune=KOMMUNE, var_dir=var_dir, today=DAY)
    demo_build(kommune_kode=KOMMUNE, today=DAY, register_dir=register)
    month = demo_month(DAY)
    return demo_report(
        kommune=KOMMUNE,
        var_dir=var_dir,
        today=DAY,
        month=month,
        extra_sections=rapport_sections(kommune_kode=KOMMUNE, month=month),
    )


def _empty_states(url: str, html: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", html)
    found = [m.group(0) for m in EMPTY.finditer(text)]
    return [f for f in found if (url, f.lower()) not in KNOWN_ELSEWHERE]


def test_the_demo_tells_its_story_on_the_day_it_is_built(db, client, demo_day):
    from django.utils import timezone

    assert timezone.localdate() == DAY  # the web app lives on the demo's day
    rapport = _build(demo_day)

    # The caseworker's morning: a few duties missed by days, several due in the coming weeks.
    mette = User.objects.get(username="mette")
    worklist = worklist_get(actor=mette, as_of=DAY)
    assert not worklist.errors
    overdue_days = [(DAY - i.obligation.due_by).days for i in worklist.overdue]
    due_days = [(i.obligation.due_by - DAY).days for i in worklist.due]
    assert 1 <= len(overdue_days) <= 4, overdue_days
    assert all(1 <= d <= 14 for d in overdue_days), overdue_days
    assert len(due_days) >= 4, due_days
    assert all(0 <= d <= 14 for d in due_days), due_days

    # The report is for February 2025, the last complete month; its company section has figures.
    assert rapport.html.parent.name == "2025-02"
    data = read_report_data(rapport.json)
    assert data["maaned"] == "2025-02"
    assert data["datakilde"]["syntetisk"]
    assert data["friskhed"]["sidste_uge"] == "2025W10"
    ekstra = {s["titel"]: s for s in data["ekstra"]}
    kontakter = next(
        t
        for t in ekstra["Virksomhedsservice"]["tabeller"]
        if t["titel"].startswith("Virksomhedskontakter")
    )
    i_alt = dict(kontakter["raekker"])["I alt"]
    assert int(i_alt.replace(".", "")) > 0, kontakter
    # ... and its economics section follows this year's budget.
    budget = next(
        t for t in ekstra["Økonomi"]["tabeller"] if t["titel"].startswith("Budgetopfølgning")
    )
    assert len(budget["raekker"]) >= 3, budget

    # The budget follow-up opens on the current year, marked as demo figures.
    client.force_login(User.objects.get(username="anne"))
    body = client.get(reverse("oekonomi:budget")).content.decode()
    assert "<h1>Budgetopfølgning 2025</h1>" in body
    assert "demotal" in body

    # The effect evaluations: the PLUS-forløb's, and the follow-up of Varde's jobafklaring
    # investment, whose case page shows the effect measured in a year of the case.
    evalueringer = {e.navn: e for e in Evaluering.objects.filter(kommune_kode=KOMMUNE)}
    plus = evalueringer["PLUS-forløb for mænd på sygedagpenge"]
    jobafklaring = evalueringer["Øget intensiv indsats i jobafklaringsforløb"]
    for e in (plus, jobafklaring):
        assert e.status == Evaluering.Status.KLAR, e.fejl
    case = jobafklaring.investeringscase
    assert case is not None and jobafklaring.resultat["realiseret_effekt"]
    body = client.get(reverse("oekonomi:case_detail", args=[case.pk])).content.decode()
    assert "Målt effekt: effektvurdering mod en sammenligningsgruppe" in body
    assert reverse("evaluation:detail", args=[jobafklaring.pk]) in body
    table = body.split("<table data-effekt-opfoelgning>", 1)[1].split("</table>", 1)[0]
    measured = [
        cells[2]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]
        if len(cells := re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)) == 8
    ]
    # a realised effect in fuldtidspersoner, not only "no measurement yet" or a hidden figure
    assert any(re.fullmatch(r"−?\d+,\d", m.strip()) for m in measured), table

    # Every persona's main pages: none shows an empty state.
    empty: dict[str, list[str]] = {}
    for login in DEMO_LOGINS:
        client.force_login(User.objects.get(username=login.username))
        start = client.get(reverse("core:start"))
        assert start.status_code == 200, login.username
        urls = [reverse("core:start")] + [item["url"] for item in start.context["nav_items"]]
        for url in dict.fromkeys(urls):
            response = client.get(url)
            if (login.username, url) in FORBIDDEN_ELSEWHERE:
                continue
            assert response.status_code == 200, (login.username, url)
            found = _empty_states(url, response.content.decode())
            if found:
                empty[f"{login.username} {url}"] = found
    assert not empty, empty
