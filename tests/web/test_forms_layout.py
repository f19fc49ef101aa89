"""Forms and layout (issue 13): no stray "Version" label, dates typed as dd.mm.åååå whatever
the browser's language (ISO accepted too) with a Danish error, one highlighted menu item."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens.models import Sag, TilbudsForloeb
from indsats.web.core.forms import DATE_INVALID, DATETIME_INVALID


@pytest.fixture
def sag(users, borgere):
    return Sag.objects.create(
        borger=borgere["job"],
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=timezone.localdate() - timedelta(days=30),
        team=borgere["job"].team,
        sagsbehandler=users["jobraadgiver"],
    )


def _labels(body: str) -> list[str]:
    return re.findall(r"<label[^>]*>([^<]*)</label>", body)


@pytest.mark.parametrize("page", ["sag_edit", "samtale_create", "plan"])
def test_no_version_label_but_the_hidden_version_is_sent(users, sag, login, page):
    client = login(users["jobraadgiver"])
    arg = sag.borger.pk if page == "plan" else sag.pk
    body = client.get(reverse(f"citizens:{page}", args=[arg])).content.decode()
    assert not [label for label in _labels(body) if "version" in label.lower()]
    assert re.search(r'<input type="hidden" name="(maal-)?version"', body)


def test_date_fields_are_text_fields_shown_as_dd_mm_yyyy(users, sag, login):
    body = login(users["jobraadgiver"]).get(reverse("citizens:sag_edit", args=[sag.pk])).content
    body = body.decode()
    assert 'type="date"' not in body and 'type="datetime-local"' not in body
    shown = sag.foerste_henvendelse.strftime("%d.%m.%Y")
    assert re.search(rf'name="foerste_henvendelse" value="{shown}"', body)
    assert 'placeholder="dd.mm.åååå"' in body


@pytest.mark.parametrize("typed", ["13.05.2026", "2026-05-13", "13-05-2026", "13.5.2026"])
def test_a_date_is_accepted_as_dd_mm_yyyy_and_iso(users, sag, login, typed):
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:tilbud_create", args=[sag.pk]),
        {
            "tilbudstype": "virksomhedspraktik",
            "start": typed,
            "slut": "01.07.2026",
            "timer_pr_uge": "20",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert TilbudsForloeb.objects.get(sag=sag).start.isoformat() == "2026-05-13"


@pytest.mark.parametrize("typed", ["05/13/2026", "12/06/2026", "31.02.2026", "13.5", "i morgen"])
def test_a_bad_date_gets_a_danish_error_that_shows_the_format(users, sag, login, typed):
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:tilbud_create", args=[sag.pk]),
        {
            "tilbudstype": "virksomhedspraktik",
            "start": typed,
            "slut": "01.07.2026",
            "timer_pr_uge": "20",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == [DATE_INVALID]
    assert "dd.mm.åååå" in DATE_INVALID and not TilbudsForloeb.objects.exists()


def test_a_samtale_time_is_typed_as_dd_mm_yyyy_hh_mm(users, sag, login):
    client = login(users["jobraadgiver"])
    url = reverse("citizens:samtale_create", args=[sag.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {"type": "jobsamtale", "form": "fysisk", "afholdt_af": "jobcenter"}
    bad = client.post(url, {**data, "tidspunkt": "i går kl. 10"})
    assert bad.context["form"].errors["tidspunkt"] == [DATETIME_INVALID]
    ok = client.post(url, {**data, "tidspunkt": yesterday.strftime("%d.%m.%Y 10:30")})
    assert ok.status_code == 302, ok.context["form"].errors
    held = sag.samtaler.get()
    assert timezone.localtime(held.tidspunkt).strftime("%d.%m.%Y %H:%M") == yesterday.strftime(
        "%d.%m.%Y 10:30"
    )


@pytest.mark.parametrize(
    ("user", "url", "current"),
    [
        ("jobraadgiver", "/", "Forside"),
        ("jobraadgiver", "/mine-opgaver/", "Mine opgaver"),
        ("jobraadgiver", "/borgere/", "Borgere"),
        ("leder", "/resultater/maanedsrapport/", "Månedsrapport"),
        ("leder", "/resultater/", "Resultater"),
        ("admin", "/konti/revisionsspor/", "Revisionsspor"),
    ],
)
def test_exactly_one_menu_item_is_highlighted(users, login, user, url, current):
    body = login(users[user]).get(url).content.decode()
    highlighted = re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', body)
    assert highlighted == [current]


def test_a_citizen_page_highlights_borgere(users, sag, login):
    body = login(users["jobraadgiver"]).get(reverse("citizens:plan", args=[sag.borger.pk]))
    highlighted = re.findall(r'aria-current="page">([^<]*)</a>', body.content.decode())
    assert highlighted == ["Borgere"]


@pytest.mark.parametrize("n", [1, 2, 6, 7, 12, 40])
def test_progression_chart_dates_have_four_digit_years_and_never_overlap(n):
    from datetime import date

    from indsats.web.citizens.charts import DATE_LABEL_WIDTH, W, progression_svg
    from indsats.web.citizens.models import Progressionsmaaling

    maalinger = [
        Progressionsmaaling(
            dato=date(2025, 1, 1) + timedelta(days=20 * i),
            tro_paa_egne_evner=3,
            helbredsmestring=4,
            arbejdsmarkedsidentitet=5,
            samarbejde=6,
            netvaerk=7,
        )
        for i in range(n)
    ]
    html = str(progression_svg(maalinger))
    labels = re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="middle">([^<]*)</text>', html)
    assert labels and all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", text) for _x, text in labels)
    assert labels[0][1] == "01.01.2025" and labels[-1][1] == f"{maalinger[-1].dato:%d.%m.%Y}"
    xs = [float(x) for x, _text in labels]
    assert all(b - a >= DATE_LABEL_WIDTH - 1 for a, b in zip(xs, xs[1:], strict=False))
    assert all(DATE_LABEL_WIDTH / 2 - 4 <= x <= W - DATE_LABEL_WIDTH / 2 + 4 for x in xs)
    # The legend is HTML under the drawing (it wraps; nothing is cut at the SVG's edge).
    legend = html.split('<ul class="legend">', 1)[1]
    for _field, label in Progressionsmaaling.FAKTORER:
        assert label in legend
