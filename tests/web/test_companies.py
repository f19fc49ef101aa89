"""Company service: portfolio scoping, hand-over, field errors, matching with audited reads."""

from datetime import date, datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from indsats.companyservice.barometer import Behov
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag
from indsats.web.companies import selectors, services
from indsats.web.companies.models import (
    Aftale,
    Jobordre,
    Kandidatforslag,
    Kandidatprofil,
    Kontakt,
    Placering,
    Virksomhed,
)


def _today():
    return timezone.localdate()


@pytest.fixture
def konsulenter(make_user):
    return {
        "jonas": make_user("jonas", Rolle.VIRKSOMHEDSKONSULENT),
        "peter": make_user("peter", Rolle.VIRKSOMHEDSKONSULENT),
        "lemvig": make_user(
            "lemvigkons", Rolle.VIRKSOMHEDSKONSULENT, team="other_kommune", kommune=665
        ),
    }


def _virksomhed(navn, cvr, *, konsulent=None, kommune=573, db07="5210", postnummer="6800"):
    return Virksomhed.objects.create(
        kommune_kode=kommune,
        cvr=cvr,
        navn=navn,
        db07=db07,
        postnummer=postnummer,
        by="Varde",
        konsulent=konsulent,
    )


@pytest.fixture
def firmaer(konsulenter):
    return {
        "lager": _virksomhed("Varde Lager ApS", "24256790", konsulent=konsulenter["jonas"]),
        "byg": _virksomhed(
            "Vestkyst Byg A/S", "13585628", konsulent=konsulenter["peter"], db07="4120"
        ),
        "ledig": _virksomhed("Ølgod Bageri", "27355021", db07="1071", postnummer="6870"),
        "lemvig": _virksomhed(
            "Lemvig Metal", "24256790", konsulent=konsulenter["lemvig"], kommune=665, db07="2511"
        ),
    }


def test_consultant_sees_own_portfolio_and_unowned_companies_only(konsulenter, firmaer, login):
    client = login(konsulenter["jonas"])
    response = client.get(reverse("companies:portfolio"))
    assert response.status_code == 200
    assert [v.navn for v in response.context["virksomheder"]] == ["Varde Lager ApS"]

    listed = client.get(reverse("companies:list")).context["virksomheder"]
    assert {v.navn for v in listed} == {"Varde Lager ApS", "Ølgod Bageri"}

    assert client.get(reverse("companies:detail", args=[firmaer["lager"].pk])).status_code == 200
    assert client.get(reverse("companies:detail", args=[firmaer["byg"].pk])).status_code == 404
    assert client.get(reverse("companies:detail", args=[firmaer["lemvig"].pk])).status_code == 404


def test_leader_sees_all_portfolios_of_own_municipality(users, konsulenter, firmaer, login):
    client = login(users["leder"])
    listed = client.get(reverse("companies:list")).context["virksomheder"]
    assert {v.navn for v in listed} == {"Varde Lager ApS", "Vestkyst Byg A/S", "Ølgod Bageri"}
    response = client.get(reverse("companies:portfolio"), {"konsulent": konsulenter["peter"].pk})
    assert [v.navn for v in response.context["virksomheder"]] == ["Vestkyst Byg A/S"]
    # an id that is no consultant (or no number) shows the leader's own portfolio, not an error
    for bad in ("abc", konsulenter["lemvig"].pk):
        response = client.get(reverse("companies:portfolio"), {"konsulent": bad})
        assert response.status_code == 200 and response.context["valgt"] is None


def test_records_of_another_portfolio_are_not_found(konsulenter, firmaer, login):
    """Hotline calls and placements are reached through the scoped selectors only."""
    from indsats.web.companies.models import HotlineHenvendelse

    call = HotlineHenvendelse.objects.create(
        virksomhed=firmaer["lemvig"], modtaget=timezone.now() - timedelta(hours=2), emne="Lager"
    )
    client = login(konsulenter["jonas"])
    url = reverse("companies:hotline_answer", args=[call.pk])
    assert client.post(url).status_code == 404
    call.refresh_from_db()
    assert call.besvaret is None
    with pytest.raises(Http404):
        selectors.hotline_get(actor=konsulenter["jonas"], henvendelse_id=call.pk)
    with pytest.raises(Http404):
        selectors.placering_get(actor=konsulenter["jonas"], placering_id="x")
    assert selectors.hotline_get(actor=konsulenter["lemvig"], henvendelse_id=call.pk) == call


def test_portfolio_is_sorted_by_next_follow_up(konsulenter, firmaer):
    jonas = konsulenter["jonas"]
    second = _virksomhed("Andet Lager", "30715063", konsulent=jonas)
    services.kontakt_create(
        actor=jonas,
        virksomhed=firmaer["lager"],
        kanal="besoeg",
        formaal="kampagne",
        dato=_today() - timedelta(days=3),
        opfoelgning=_today() + timedelta(days=30),
    )
    services.kontakt_create(
        actor=jonas,
        virksomhed=second,
        kanal="telefon",
        formaal="rekruttering",
        dato=_today() - timedelta(days=1),
        opfoelgning=_today() + timedelta(days=2),
    )
    rows = selectors.virksomhed_portfolio_list(actor=jonas)
    assert [v.navn for v in rows] == ["Andet Lager", "Varde Lager ApS"]
    assert rows[1].sidste_kontakt == _today() - timedelta(days=3)


def test_consultant_hands_a_company_over(konsulenter, firmaer, login):
    client = login(konsulenter["jonas"])
    url = reverse("companies:handover", args=[firmaer["lager"].pk])
    response = client.post(url, {"konsulent": konsulenter["peter"].pk})
    assert response.status_code == 302
    firmaer["lager"].refresh_from_db()
    assert firmaer["lager"].konsulent == konsulenter["peter"]
    assert selectors.virksomhed_portfolio_list(actor=konsulenter["jonas"]) == []
    # Jonas can no longer open or hand it back; a consultant of another municipality is refused.
    assert client.post(url, {"konsulent": konsulenter["jonas"].pk}).status_code == 404
    with pytest.raises(ValidationError):
        services.virksomhed_handover(
            actor=konsulenter["peter"], virksomhed=firmaer["lager"], konsulent=konsulenter["lemvig"]
        )


def test_leader_hands_over_any_company_and_a_caseworker_cannot(users, konsulenter, firmaer):
    services.virksomhed_handover(
        actor=users["leder"], virksomhed=firmaer["byg"], konsulent=konsulenter["jonas"]
    )
    firmaer["byg"].refresh_from_db()
    assert firmaer["byg"].konsulent == konsulenter["jonas"]
    with pytest.raises(PermissionDenied):
        services.virksomhed_handover(
            actor=users["jobraadgiver"], virksomhed=firmaer["byg"], konsulent=konsulenter["peter"]
        )


@pytest.mark.parametrize(
    "cvr,message",
    [
        ("24256791", "kontrolcifferet passer ikke"),
        ("1234", "8 cifre"),
        ("ABCDEFGH", "8 cifre"),
    ],
)
def test_malformed_cvr_is_a_field_error(konsulenter, login, cvr, message):
    client = login(konsulenter["jonas"])
    response = client.post(
        reverse("companies:create"),
        {"navn": "Ny ApS", "cvr": cvr, "db07": "52", "sektor": "privat", "postnummer": "6800"},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["cvr"])
    assert not Virksomhed.objects.filter(navn="Ny ApS").exists()


def test_valid_company_lands_in_the_creators_portfolio(konsulenter, login):
    client = login(konsulenter["jonas"])
    response = client.post(
        reverse("companies:create"),
        {
            "navn": "Ny ApS",
            "cvr": "DK 35 40 80 02",
            "pnummer": "1003388394",
            "db07": "47.11",
            "sektor": "privat",
            "postnummer": "6800",
        },
    )
    assert response.status_code == 302
    v = Virksomhed.objects.get(navn="Ny ApS")
    assert (v.cvr, v.db07, v.konsulent, v.kommune_kode) == (
        "35408002",
        "4711",
        konsulenter["jonas"],
        573,
    )


def test_bad_db07_and_postnummer_are_field_errors(konsulenter, login):
    client = login(konsulenter["jonas"])
    response = client.post(
        reverse("companies:create"),
        {"navn": "Ny ApS", "cvr": "35408002", "db07": "4", "sektor": "privat", "postnummer": "68"},
    )
    errors = response.context["form"].errors
    assert "DB07" in " ".join(errors["db07"]) and "4 cifre" in " ".join(errors["postnummer"])


def test_a_contact_in_the_future_cannot_be_logged_as_held(konsulenter, firmaer, login):
    client = login(konsulenter["jonas"])
    url = reverse("companies:kontakt_create", args=[firmaer["lager"].pk])
    tomorrow = (_today() + timedelta(days=1)).isoformat()
    response = client.post(
        url, {"kanal": "besoeg", "formaal": "rekruttering", "dato": tomorrow, "afholdt": "on"}
    )
    assert response.status_code == 200
    assert "fremtiden" in " ".join(response.context["form"].errors["dato"])
    assert not Kontakt.objects.exists()
    # Planned (not held) is fine, and so is a held visit today.
    assert (
        client.post(
            url, {"kanal": "besoeg", "formaal": "rekruttering", "dato": tomorrow}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url,
            {
                "kanal": "besoeg",
                "formaal": "kampagne",
                "afholdt": "on",
                "dato": _today().isoformat(),
                "resultat": "Behov for 2 på lager",
                "opfoelgning": (_today() + timedelta(days=14)).isoformat(),
            },
        ).status_code
        == 302
    )
    assert Kontakt.objects.count() == 2


def test_a_vacancy_without_a_company_is_a_field_error(konsulenter, firmaer, login):
    client = login(konsulenter["jonas"])
    response = client.post(
        reverse("companies:jobordre_create"),
        {"titel": "Lagermedarbejder", "ansaettelsesform": "ordinaer", "antal": 2},
    )
    assert response.status_code == 200
    assert "Vælg den virksomhed" in " ".join(response.context["form"].errors["virksomhed"])
    # Another consultant's company is not a valid choice either.
    response = client.post(
        reverse("companies:jobordre_create"),
        {
            "virksomhed": firmaer["byg"].pk,
            "titel": "Tømrer",
            "ansaettelsesform": "ordinaer",
            "antal": 1,
        },
    )
    assert "virksomhed" in response.context["form"].errors
    assert not Jobordre.objects.exists()
    with pytest.raises(ValidationError):
        services.jobordre_create(actor=konsulenter["jonas"], virksomhed=None, titel="X")


@pytest.fixture
def kandidater(teams, borgere):
    """Three citizens of Varde (two teams) and one of Lemvig, with job targets and profiles."""

    def make(
        cpr,
        fornavn,
        team,
        *,
        kommune=573,
        jobmaal=(),
        profil=None,
        visitation="jobparat",
        closed=False,
    ):
        b = Borger.objects.create(
            cpr=cpr, fornavn=fornavn, efternavn="Test", kommune_kode=kommune, team=teams[team]
        )
        Sag.objects.create(
            borger=b,
            ydelse="kontanthjaelp",
            visitation=visitation,
            foerste_henvendelse=_today() - timedelta(days=100),
            team=teams[team],
            slut=_today() - timedelta(days=1) if closed else None,
        )
        plan = Plan.objects.create(borger=b)
        for kategori, stilling, branche in jobmaal:
            Jobmaal.objects.create(plan=plan, kategori=kategori, stilling=stilling, branche=branche)
        if profil:
            Kandidatprofil.objects.create(borger=b, **profil)
        return b

    return {
        "ali": make(
            "1111801234",
            "Ali",
            "job",
            jobmaal=[("A", "Lager", "52")],
            profil={"postnummer": "6800", "kompetencer": "truckcertifikat"},
        ),
        "bo": make(
            "1212801234",
            "Bo",
            "unge",
            jobmaal=[("C", "Lagerarbejde", "")],
            profil={"postnummer": "6840"},
            visitation="aktivitetsparat",
        ),
        "cecilie": make("1310801234", "Cecilie", "job", jobmaal=[("A", "Sygeplejerske", "86")]),
        "afsluttet": make("1410801234", "Dan", "job", jobmaal=[("A", "Lager", "52")], closed=True),
        "lemvig": make(
            "1510801234", "Eva", "other_kommune", kommune=665, jobmaal=[("A", "Lager", "52")]
        ),
    }


@pytest.fixture
def jobordre(konsulenter, firmaer):
    return services.jobordre_create(
        actor=konsulenter["jonas"],
        virksomhed=firmaer["lager"],
        titel="Lagermedarbejder",
        antal=2,
        krav="truckcertifikat",
        ansaettelsesform="ordinaer",
    )


def _access(purpose):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__purpose=purpose)


def test_candidates_are_ranked_with_reasons_and_every_one_shown_is_audited(
    konsulenter, kandidater, jobordre, login
):
    client = login(konsulenter["jonas"])
    response = client.get(reverse("companies:jobordre_detail", args=[jobordre.pk]))
    assert response.status_code == 200
    shown = response.context["kandidater"]
    # Cecilie has no fit; Dan's cases are closed; Eva lives in another municipality.
    assert [k.borger.fornavn for k in shown] == ["Ali", "Bo"]
    assert shown[0].match.score == 40 + 10 + 15 + 10 + 5
    assert "ønsker lager (jobmål A)" in shown[0].match.tekst
    html = response.content.decode()
    assert "ønsker lager (jobmål A)" in html and "har truckcertifikat" in html
    assert "111180-1234" not in html and "1111801234" not in html  # never the full CPR
    assert kandidater["ali"].cpr_masked in html

    rows = _access("search").filter(actor=konsulenter["jonas"])
    assert sorted(rows.values_list("object_pk", flat=True)) == sorted(
        [str(kandidater["ali"].pk), str(kandidater["bo"].pk)]
    )
    assert all(r.cid == response["X-Request-ID"] for r in rows)


def test_propose_then_record_the_hire(konsulenter, kandidater, jobordre, login):
    client = login(konsulenter["jonas"])
    url = reverse("companies:jobordre_propose", args=[jobordre.pk])
    response = client.post(url, {"borger": [kandidater["ali"].pk, kandidater["bo"].pk]})
    assert response.status_code == 302
    jobordre.refresh_from_db()
    assert jobordre.status == Jobordre.Status.KANDIDATER_FORESLAAET
    forslag = {f.borger.fornavn: f for f in Kandidatforslag.objects.all()}
    assert forslag["Ali"].score == 80 and "truckcertifikat" in forslag["Ali"].begrundelse
    # Proposed candidates are no longer offered as new candidates; the proposal list is audited.
    response = client.get(reverse("companies:jobordre_detail", args=[jobordre.pk]))
    assert response.context["kandidater"] == []
    assert _access("list").filter(object_pk=str(kandidater["ali"].pk)).exists()

    for navn in ("Ali", "Bo"):
        client.post(reverse("companies:forslag_hire", args=[forslag[navn].pk]), {})
    with pytest.raises(ValidationError, match="allerede"):
        services.kandidatforslag_hire(
            actor=konsulenter["jonas"], forslag=Kandidatforslag.objects.get(pk=forslag["Ali"].pk)
        )
    jobordre.refresh_from_db()
    assert jobordre.status == Jobordre.Status.BESAT and jobordre.lukket == _today()
    assert not Placering.objects.exists()  # an ordinary job is not a placement


def test_a_citizen_outside_the_scope_cannot_be_proposed(konsulenter, kandidater, jobordre):
    with pytest.raises(PermissionDenied):
        services.kandidatforslag_create(
            actor=konsulenter["jonas"], jobordre=jobordre, borger_ids=[kandidater["lemvig"].pk]
        )


def test_a_placement_hire_creates_a_placement_and_uses_a_seat(konsulenter, firmaer, kandidater):
    jonas = konsulenter["jonas"]
    aftale = services.aftale_create(
        actor=jonas,
        virksomhed=firmaer["lager"],
        type=Aftale.Type.VIRKSOMHEDSCENTER,
        pladser=1,
        fra=_today() - timedelta(days=30),
    )
    j = services.jobordre_create(
        actor=jonas,
        virksomhed=firmaer["lager"],
        titel="Praktik lager",
        ansaettelsesform="praktik",
        antal=2,
        timer_pr_uge=20,
    )
    f_ali, f_bo = services.kandidatforslag_create(
        actor=jonas, jobordre=j, borger_ids=[kandidater["ali"].pk, kandidater["bo"].pk]
    )
    services.kandidatforslag_hire(
        actor=jonas,
        forslag=f_ali,
        start=_today(),
        aftale=aftale,
        slut=_today() + timedelta(days=56),
    )
    p = Placering.objects.get()
    assert (p.type, p.borger, p.aftale, p.timer_pr_uge) == (
        "praktik",
        kandidater["ali"],
        aftale,
        20,
    )
    assert selectors.aftale_pladser_brugt_count(aftale=aftale) == 1
    with pytest.raises(ValidationError, match="pladser"):
        services.kandidatforslag_hire(actor=jonas, forslag=f_bo, start=_today(), aftale=aftale)

    services.placering_end(actor=jonas, placering=p, slut=_today(), blev_job=True)
    m = selectors.servicemaal_get(actor=jonas, fra=_today() - timedelta(days=10), til=_today())
    assert (m.placeringer_afsluttet, m.placeringer_blev_job) == (1, 1)


def test_company_page_lists_placements_and_audits_the_citizens(
    konsulenter, firmaer, kandidater, login
):
    Placering.objects.create(
        virksomhed=firmaer["lager"],
        borger=kandidater["ali"],
        type="loentilskud_privat",
        timer_pr_uge=37,
        start=_today(),
    )
    client = login(konsulenter["jonas"])
    response = client.get(reverse("companies:detail", args=[firmaer["lager"].pk]))
    assert "Ali Test" in response.content.decode()
    assert (
        _access("list")
        .filter(object_pk=str(kandidater["ali"].pk), actor=konsulenter["jonas"])
        .count()
        == 1
    )


def test_barometer_and_measures_by_role(users, konsulenter, firmaer, login, client):
    jonas = konsulenter["jonas"]
    services.jobordre_create(actor=jonas, virksomhed=firmaer["lager"], titel="Lager", antal=3)
    services.hotline_create(
        actor=jonas,
        virksomhed=firmaer["lager"],
        emne="To lagerfolk",
        modtaget=timezone.now() - timedelta(hours=5),
        besvaret=timezone.now() - timedelta(hours=3),
    )
    rows = selectors.jobbarometer_list(actor=jonas, fra=_today() - timedelta(days=30), til=_today())
    top = rows[0]
    assert (top.gruppe_navn, top.score, top.behov) == ("Handel og transport mv.", 4, Behov.HOEJ)

    # Caseworkers see the barometer (for ABC job targets) but no portfolio.
    c = login(users["jobraadgiver"])
    assert c.get(reverse("companies:jobbarometer")).status_code == 200
    assert c.get(reverse("companies:portfolio")).status_code == 403
    # The committee sees aggregate service measures only.
    client.force_login(users["udvalg"])
    assert client.get(reverse("companies:servicemaal")).status_code == 200
    assert client.get(reverse("companies:jobbarometer")).status_code == 403
    assert client.get(reverse("companies:list")).status_code == 403
    assert client.get(reverse("companies:jobordre_list")).status_code == 403


def test_service_measures_from_plain_python(konsulenter, firmaer):
    jonas = konsulenter["jonas"]
    d = _today() - timedelta(days=2)
    for kanal in ("besoeg", "telefon", "telefon"):
        services.kontakt_create(
            actor=jonas, virksomhed=firmaer["lager"], kanal=kanal, formaal="kampagne", dato=d
        )
    services.hotline_create(
        actor=jonas,
        virksomhed=firmaer["lager"],
        emne="Hjælp",
        modtaget=timezone.make_aware(datetime.combine(d, datetime.min.time())) + timedelta(hours=8),
    )
    rows = selectors.servicemaal_rows_get(kommune_kode=573, fra=d, til=_today())
    from indsats.companyservice.measures import service_measures

    m = service_measures(fra=d, til=_today(), **rows)
    assert m.kontakter_i_alt == {"besoeg": 1, "telefon": 2}
    assert (m.kampagne_virksomheder, m.virksomheder_i_alt) == (1, 3)
    assert (m.hotline_besvaret, m.hotline_aabne) == (0, 1)


def test_hotline_request_in_the_future_is_refused(konsulenter, firmaer, login):
    client = login(konsulenter["jonas"])
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("companies:hotline_create", args=[firmaer["lager"].pk]),
        {"emne": "To lagerfolk", "modtaget": future},
    )
    assert "fremtiden" in " ".join(response.context["form"].errors["modtaget"])


def test_vacancies_for_a_citizen(konsulenter, kandidater, jobordre):
    matches = selectors.jobordre_match_list(actor=konsulenter["jonas"], borger=kandidater["ali"])
    assert [(j.pk, m.stilling.id) for j, m in matches] == [(jobordre.pk, jobordre.pk)]


def test_demo_companies_are_deterministic_and_follow_the_seed_proportions(borgere, users):
    from collections import Counter

    from indsats.companyservice.identifiers import cvr_is_valid
    from indsats.web.companies.demo import demo_companies_build
    from indsats.web.demo.build import demo_users_build

    demo_users_build(kommune_kode=573)  # the consultants jonas and karin
    made = demo_companies_build(kommune_kode=573, seed=573, today=date(2026, 6, 1))
    assert made == 118
    held = Counter(Kontakt.objects.filter(afholdt=True).values_list("kanal", flat=True))
    # 3,500 contacts a year, 1,800 by phone, 1,100 visits ([003] 4.3), scaled 1/10.
    assert held == {"telefon": 180, "besoeg": 110, "email": 40, "moede": 20}
    assert all(cvr_is_valid(c) for c in Virksomhed.objects.values_list("cvr", flat=True))
    first = sorted(Virksomhed.objects.values_list("cvr", "navn", "db07"))
    assert demo_companies_build(kommune_kode=573, seed=573) == 0  # built once
    assert first == sorted(Virksomhed.objects.values_list("cvr", "navn", "db07"))


def test_candidate_page_shows_fitting_vacancies_and_saves_the_profile(
    konsulenter, kandidater, jobordre, login
):
    client = login(konsulenter["jonas"])
    url = reverse("companies:kandidat_detail", args=[kandidater["bo"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert [j.pk for j, _ in response.context["matches"]] == [jobordre.pk]
    assert _access("detail").filter(object_pk=str(kandidater["bo"].pk)).exists()
    response = client.post(
        url, {"postnummer": "6800", "erfaring": "52, 47.11", "kompetencer": "truckcertifikat"}
    )
    assert response.status_code == 302
    assert Kandidatprofil.objects.get(borger=kandidater["bo"]).erfaring == "52, 4711"
    response = client.post(url, {"postnummer": "6800", "erfaring": "5"})
    assert "DB07" in " ".join(response.context["form"].errors["erfaring"])
    # Another municipality's citizen is not a candidate.
    assert (
        client.get(reverse("companies:kandidat_detail", args=[kandidater["lemvig"].pk])).status_code
        == 404
    )


def test_barometer_lookup_for_a_job_target(users, konsulenter, firmaer, login):
    services.jobordre_create(
        actor=konsulenter["jonas"], virksomhed=firmaer["lager"], titel="Lager", antal=3
    )
    client = login(users["jobraadgiver"])
    response = client.get(reverse("companies:jobbarometer"), {"db07": "52"})
    assert response.context["valgt"].gruppe_navn == "Handel og transport mv."
    assert "Stort behov" in response.content.decode()
    response = client.get(reverse("companies:jobbarometer"), {"db07": "5"})
    assert response.context["valgt"] is None and response.context["opslag"].errors


def test_committee_sees_small_person_counts_suppressed(
    users, konsulenter, firmaer, kandidater, login
):
    for navn in ("ali", "bo"):
        Placering.objects.create(
            virksomhed=firmaer["lager"],
            borger=kandidater[navn],
            type="praktik",
            timer_pr_uge=20,
            start=_today() - timedelta(days=30),
            slut=_today() - timedelta(days=1),
            blev_job=True,
        )
    client = login(users["udvalg"])
    response = client.get(reverse("companies:servicemaal"))
    assert response.context["placeringer_blev_job"] == "<5"
    html = response.content.decode()
    assert "Ali" not in html and "&lt;5" in html
    client.force_login(users["leder"])
    assert client.get(reverse("companies:servicemaal")).context["placeringer_blev_job"] == 2
