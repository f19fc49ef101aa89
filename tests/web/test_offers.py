"""The offer catalogue and the economics pages: access by role, the demo figures, bad input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indsats.web.offers.models import Budget, Investeringscase, Leverandoer, Maanedstal, Tilbud
from indsats.web.offers.selectors import economics_report_inputs_get
from indsats.web.offers.services import demo_economics_build

D = Decimal


@pytest.fixture
def demo(db):
    demo_economics_build(kommune_kode=573)
    return {
        "klar": Tilbud.objects.get(navn="Klar til start"),
        "case": Investeringscase.objects.get(kommune_kode=573),
    }


def test_demo_build_is_idempotent_and_marks_demo_figures(demo):
    demo_economics_build(kommune_kode=573)
    assert Tilbud.objects.count() == 9
    assert Budget.objects.filter(kommune_kode=573, aar=2021).count() == 3
    assert all(b.demotal for b in Budget.objects.all())
    assert Investeringscase.objects.count() == 1
    assert set(Maanedstal.objects.values_list("kilde", flat=True)) == {"Demotal"}


def pages(demo):
    return [
        reverse("offers:list"),
        reverse("offers:detail", args=[demo["klar"].pk]),
        reverse("oekonomi:budget"),
        reverse("oekonomi:case_list"),
        reverse("oekonomi:case_detail", args=[demo["case"].pk]),
    ]


@pytest.mark.parametrize("role", ["leder", "analytiker", "admin", "udvalg"])
def test_leaders_analysts_admins_and_committee_see_the_economics_pages(users, login, demo, role):
    client = login(users[role])
    for url in pages(demo):
        assert client.get(url).status_code == 200, url


def test_caseworker_sees_the_catalogue_only(users, login, demo):
    client = login(users["jobraadgiver"])
    for url in pages(demo)[:2]:
        assert client.get(url).status_code == 200, url
    for url in pages(demo)[2:]:
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("offers:create")).status_code == 403
    body = client.get(reverse("core:start")).content.decode()
    assert "Tilbudskatalog" in body and "Budgetopfølgning" not in body


@pytest.mark.parametrize("role", ["udvalg", "jobraadgiver"])
def test_read_only_roles_cannot_change_economics(users, login, demo, role):
    client = login(users[role])
    for name in (
        "offers:create",
        "offers:leverandoer_create",
        "oekonomi:budget_create",
        "oekonomi:case_create",
    ):
        assert client.get(reverse(name)).status_code == 403, name


def test_other_municipality_sees_none_of_it(users, login, demo):
    client = login(users["other_kommune"])
    assert "Klar til start" not in client.get(reverse("offers:list")).content.decode()
    assert client.get(reverse("offers:detail", args=[demo["klar"].pk])).status_code == 404
    assert client.get(reverse("oekonomi:case_detail", args=[demo["case"].pk])).status_code == 404
    assert "Der er intet budget" in client.get(reverse("oekonomi:budget")).content.decode()


def test_catalogue_shows_danish_prices(users, login, demo):
    body = login(users["leder"]).get(reverse("offers:list")).content.decode()
    assert "Klar til start" in body
    assert "16.990 kr." in body and "203.880 kr." in body  # 16.990 × 12
    assert "1.105 kr." in body and "57.460 kr." in body  # 1.105 × 52


def test_course_cost_calculator_and_extra_cost(users, login, demo):
    client = login(users["jobraadgiver"])
    url = reverse("offers:detail", args=[demo["klar"].pk])
    body = client.get(url, {"varighed": "12", "enhed": "maaneder"}).content.decode()
    assert "12 måneder × 16.990 kr. = 203.880 kr." in body
    # the minutes: 146.420 kr. (billigste tilbud) and 6.280 kr. (dyreste tilbud)
    assert "+146.420 kr." in body and "+6.280 kr." in body
    bad = client.get(url, {"varighed": "-3", "enhed": "uger"}).content.decode()
    assert "negativ længde" in bad
    text = client.get(url, {"varighed": "tolv", "enhed": "uger"}).content.decode()
    assert "»tolv« er ikke et tal" in text


def test_budget_follow_up_page(users, login, demo):
    body = login(users["udvalg"]).get(reverse("oekonomi:budget"), {"aar": 2021}).content.decode()
    assert "Budgetopfølgning 2021" in body
    assert "Sygedagpenge" in body and "juli (prognose)" in body
    # sygedagpenge: budget 585; actual Jan-Jun 612, 606, 598, 594, 589, 583;
    # forecast Jul-Dec (594 + 589 + 583) / 3 = 588,67; year (3.582 + 6 × 588,67) / 12 = 592,8
    assert "592,8" in body
    assert "demotal" in body


def test_business_case_page(users, login, demo):
    body = (
        login(users["leder"])
        .get(reverse("oekonomi:case_detail", args=[demo["case"].pk]))
        .content.decode()
    )
    # 1 årsværk × 550.000 against 20 × 113.000 = 2.260.000 in 2020, 30 × 113.000 from 2021
    assert "2.260.000 kr." in body and "3.390.000 kr." in body
    assert "+10.230.000 kr." in body  # 1.710.000 + 3 × 2.840.000
    assert "Tjent hjem:</strong> 2020" in body
    assert "150 %" in body and "+16.445.000 kr." in body  # sensitivity
    # follow-up: baseline 155, January 2020 actual 150 -> realised 5 against expected 20
    assert "01.2020" in body and "06.2021" in body
    assert "70-90" in body and "45-60" in body


def test_create_offer_and_reject_bad_input(users, login, demo):
    client = login(users["leder"])
    lev = Leverandoer.objects.filter(kommune_kode=573).first()
    base = {
        "leverandoer": lev.pk,
        "navn": "Mentor Plus",
        "type": "mentor",
        "maalgrupper": ["jobparat_kontanthjaelp"],
        "pris_pr_uge": "",
        "pris_pr_maaned": "",
    }
    body = client.post(reverse("offers:create"), base).content.decode()
    assert "Angiv en pris pr. uge eller pr. måned." in body
    body = client.post(reverse("offers:create"), {**base, "pris_pr_uge": "abc"}).content.decode()
    assert "»abc« er ikke et tal" in body
    body = client.post(reverse("offers:create"), {**base, "pris_pr_uge": "-5"}).content.decode()
    assert "må ikke være negativ" in body
    assert not Tilbud.objects.filter(navn="Mentor Plus").exists()
    response = client.post(
        reverse("offers:create"), {**base, "pris_pr_uge": "1.234,50", "gyldig_fra": "01.01.2026"}
    )
    assert response.status_code == 302
    t = Tilbud.objects.get(navn="Mentor Plus")
    assert t.pris_pr_uge == D("1234.50") and t.pris.aarspris == D("64194.00")  # × 52


def test_cannot_use_another_municipalitys_provider(users, login, demo):
    other = Leverandoer.objects.create(navn="Fremmed", kind="ekstern", kommune_kode=665)
    response = login(users["leder"]).post(
        reverse("offers:create"),
        {"leverandoer": other.pk, "navn": "X", "type": "mentor", "pris_pr_uge": "100"},
    )
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Tilbud.objects.filter(navn="X").exists()


def test_budget_form(users, login, db):
    client = login(users["analytiker"])
    bad = client.post(
        reverse("oekonomi:budget_create"),
        {
            "aar": "2026",
            "ydelse": "kontanthjaelp",
            "helaarspersoner": "-1",
            "enhedspris": "150.000",
        },
    ).content.decode()
    assert "må ikke være negativ" in bad
    ok = client.post(
        reverse("oekonomi:budget_create"),
        {
            "aar": "2026",
            "ydelse": "kontanthjaelp",
            "helaarspersoner": "1.234,5",
            "enhedspris": "150.000",
        },
    )
    assert ok.status_code == 302 and ok["Location"].endswith("?aar=2026")
    b = Budget.objects.get()
    assert (b.kommune_kode, b.helaarspersoner, b.enhedspris) == (573, D("1234.5"), D(150000))


def test_business_case_form(users, login, db):
    client = login(users["leder"])
    data = {
        "navn": "Ny case",
        "ydelse": "jobafklaringsforloeb",
        "start_aar": "2021",
        "aar": "5",
        "ekstra_aarsvaerk": "0,5; 1",
        "pris_pr_aarsvaerk": "550.000",
        "oevrige_udgifter": "200.000; 400.000",
        "effekt_fuldtidspersoner": "4; 8",
        "enhedspris_netto": "140.000",
        "fuldtidspersoner_uden": "160",
    }
    bad = client.post(
        reverse("oekonomi:case_create"), {**data, "effekt_fuldtidspersoner": "4; otte"}
    ).content.decode()
    assert "Værdi nr. 2, »otte«, er ikke et tal." in bad
    bad = client.post(
        reverse("oekonomi:case_create"), {**data, "ekstra_aarsvaerk": "1; 1; 1; 1; 1; 1"}
    ).content.decode()
    assert "flere værdier end år" in bad
    response = client.post(reverse("oekonomi:case_create"), data)
    assert response.status_code == 302
    case = Investeringscase.objects.get(navn="Ny case")
    body = client.get(response["Location"]).content.decode()
    assert "+765.000 kr." in body  # 85.000 + 4 × 170.000 (tests/economics/test_business_case.py)
    assert case.kommune_kode == 573


def test_report_inputs_for_the_monthly_report(demo):
    from indsats.economics.report import report_sections

    tabeller = report_sections(**economics_report_inputs_get(kommune_kode=573, aar=2021))
    assert [t.titel.split(":")[0] for t in tabeller] == [
        "Tilbudskatalog",
        "Budgetopfølgning",
        "Investeringscase",
    ]
    assert len(tabeller[1].raekker) == 3


def test_monthly_figures_from_the_register_feed_the_budget_page(users, login, tmp_path):
    from indsats.register.store import write_register
    from indsats.web.offers.services import budget_set, maanedstal_import_from_register
    from tests.analytics.handmade import handmade_register

    write_register(handmade_register(), tmp_path / "register")
    leder = users["leder"]
    budget_set(
        actor=leder, aar=2020, ydelse="sygedagpenge", helaarspersoner=D(1), enhedspris=D(240000)
    )
    n = maanedstal_import_from_register(actor=leder, register_dir=tmp_path / "register", aar=2020)
    assert n > 0
    jan = Maanedstal.objects.get(kommune_kode=573, aar=2020, maaned=1, ydelse="sygedagpenge")
    # tests/economics/test_fra_register.py: 1,0 helårsperson, 80 % at tier 1, 20 % at tier 2
    assert (jan.helaarspersoner, jan.andel_trin1, jan.andel_trin2) == (D(1), D("0.8"), D("0.2"))
    assert jan.kilde == "Ydelsesregistret"
    body = login(leder).get(reverse("oekonomi:budget"), {"aar": 2020}).content.decode()
    # January: 1,0 × 240.000 / 12 = 20.000 gross; × (0,8 × 0,2 + 0,2 × 0,6 = 0,28) = 5.600 net
    assert "20.000" in body and "5.600" in body
