"""Candidates ranked in the database (companies/ranking.py) are ranked as `matching.score` ranks
them: the same candidates, points and order, for vacancies with and without requirements and
start dates; and a consultant's rejection is remembered (issue 18)."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indsats.companyservice import matching
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag, TilbudsForloeb
from indsats.web.companies import ranking, selectors
from indsats.web.companies.models import (
    Jobordre,
    Kandidatafvisning,
    Kandidatprofil,
    Placering,
    Virksomhed,
)

TODAY = timezone.localdate()
TITLES = [("Lager", "52"), ("Lagerarbejde", ""), ("Truckfører", "4941"), ("Butiksassistent", "47"),
          ("Kok", "56"), ("Tømrer", "4332"), ("Sygeplejerske", "86"), ("Chauffør", "")]  # fmt: skip
POSTNUMRE = ["6800", "6800", "6855", "6840", "7200", "6700", "4760", "6854", "", "9999"]
KOMPETENCER = ["truckcertifikat", "Truckcertifikat, kørekort B", "kørekort b", "",
               "hygiejnebevis", "kørekort B ,  truckcertifikat", "svejsecertifikat"]  # fmt: skip
ERFARING = ["", "52", "4941, 47", "86", "5610", "4120,52"]
CVRS = ["24256790", "13585628", "27355021"]


@pytest.fixture
def konsulent(make_user):
    return make_user("jonas", Rolle.VIRKSOMHEDSKONSULENT)


@pytest.fixture
def population(teams, konsulent):
    rng = random.Random(18)
    firmaer = [
        Virksomhed.objects.create(
            kommune_kode=573, cvr=cvr, navn=f"Firma {i}", db07=db07, postnummer="6800",
            konsulent=konsulent,
        )
        for i, (cvr, db07) in enumerate(zip(CVRS, ["5210", "4120", "5610"], strict=True))
    ]  # fmt: skip
    borgere = []
    for i in range(90):
        b = Borger.objects.create(
            cpr=f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(60, 95)}{rng.randint(1000, 3999)}",
            fornavn=rng.choice(["Anna", "Bo", "Åse", "Emil", "Østen"]),
            efternavn=rng.choice(["Hansen", "Jensen", "Ærø"]),  # equal names: ties by id
            kommune_kode=573,
            team=teams["job"],
        )
        borgere.append(b)
        start = TODAY - timedelta(days=rng.randrange(20, 400))
        sag = Sag.objects.create(
            borger=b,
            ydelse=rng.choice(["kontanthjaelp", "dagpenge", "sygedagpenge"]),
            visitation=rng.choice(["jobparat", "aktivitetsparat", "uddannelsesparat", ""]),
            sygedagpenge_kategori="2",
            foerste_henvendelse=start,
            team=teams["job"],
        )
        if i % 7 == 0:  # a second open case on the same day: the latest by id decides
            Sag.objects.create(
                borger=b, ydelse="dagpenge", foerste_henvendelse=start, team=teams["job"]
            )
        if i % 11 == 0:  # only closed cases: not a candidate
            Sag.objects.filter(borger=b).update(slut=TODAY - timedelta(days=1))
        if rng.random() < 0.8:
            plan = Plan.objects.create(borger=b)
            for _ in range(rng.randrange(0, 3)):
                titel, branche = rng.choice(TITLES)
                Jobmaal.objects.create(
                    plan=plan, kategori=rng.choice("ABC"), stilling=titel, branche=branche
                )
        if rng.random() < 0.85:
            Kandidatprofil.objects.create(
                borger=b,
                postnummer=rng.choice(POSTNUMRE[:-1]),
                erfaring=rng.choice(ERFARING),
                kompetencer=rng.choice(KOMPETENCER),
                tilgaengelig_fra=rng.choice([None, TODAY + timedelta(days=rng.randrange(-30, 60))]),
            )
        if rng.random() < 0.25:
            p_start = TODAY - timedelta(days=rng.randrange(0, 90))
            Placering.objects.create(
                virksomhed=rng.choice(firmaer),
                borger=b,
                type="praktik",
                timer_pr_uge=20,
                start=p_start,
                slut=rng.choice([None, p_start + timedelta(days=rng.randrange(5, 120))]),
            )
        if rng.random() < 0.2:
            t_start = TODAY - timedelta(days=rng.randrange(0, 60))
            TilbudsForloeb.objects.create(
                sag=sag,
                tilbudstype="virksomhedspraktik",
                start=t_start,
                slut=t_start + timedelta(days=rng.randrange(5, 90)),
                timer_pr_uge=20,
                resultat=rng.choice(["igang", "igang", "gennemfoert"]),
            )
    return {"firmaer": firmaer, "borgere": borgere}


VACANCIES = [
    matching.Stilling("lager", "Lagermedarbejder", "5210", "6800", TODAY + timedelta(days=14),
                      frozenset({"truckcertifikat"})),
    matching.Stilling("lager2", "Lagerarbejder", "52", "6855", None,
                      frozenset({"truckcertifikat", "kørekort b"})),
    matching.Stilling("kok", "Kok", "5610", "6700", TODAY, frozenset()),
    matching.Stilling("byg", "Tømrer", "4120", "6854", TODAY + timedelta(days=40), frozenset()),
]  # fmt: skip


@pytest.mark.parametrize("stilling", VACANCIES, ids=[v.id for v in VACANCIES])
def test_the_database_ranks_as_the_rules_do(population, konsulent, stilling):
    scope = selectors.kandidat_scope(actor=konsulent)
    in_sql = ranking.kandidater_rangeret(scope=scope, stilling=stilling, idag=TODAY, limit=1000)
    borgere = list(scope.select_related("kandidatprofil"))
    in_python = matching.candidates_for_vacancy(
        stilling=stilling,
        kandidater=selectors._kandidater(borgere, idag=TODAY, scope=scope),
        idag=TODAY,
        limit=1000,
    )
    assert len(in_python) > 10
    assert [(str(r.borger_id), r.score, r.mangler_krav) for r in in_sql] == [
        (str(m.kandidat.id), m.score, m.mangler_krav) for m in in_python
    ]
    if stilling.krav:
        assert any(m.mangler_krav for m in in_python) and not in_python[0].mangler_krav


def test_the_page_lists_the_best_and_a_rejection_is_remembered(population, konsulent, login):
    firma = population["firmaer"][0]
    j = Jobordre.objects.create(
        virksomhed=firma, titel="Lagermedarbejder", krav="truckcertifikat",
        start=TODAY + timedelta(days=14), modtaget=TODAY,
    )  # fmt: skip
    client = login(konsulent)
    page = client.get(reverse("companies:jobordre_detail", args=[j.pk]))
    kandidater = page.context["kandidater"]
    assert kandidater
    first = kandidater[0].borger
    assert "9999" not in page.content.decode()
    response = client.post(
        reverse("companies:jobordre_reject", args=[j.pk]),
        {"borger": first.pk, "aarsag": "mangler_krav", "bemaerkning": "Truckcertifikat udløbet"},
    )
    assert response.status_code == 302
    a = Kandidatafvisning.objects.get(jobordre=j, borger=first)
    assert (a.aarsag, a.bemaerkning, a.afvist_af) == (
        "mangler_krav",
        "Truckcertifikat udløbet",
        konsulent,
    )
    again = client.get(reverse("companies:jobordre_detail", args=[j.pk]))
    assert first.pk not in {k.borger.pk for k in again.context["kandidater"]}
    assert [x.borger for x in again.context["afvisninger"]] == [first]
    assert "Truckcertifikat udløbet" in again.content.decode()
    # the citizen is still a candidate for another vacancy
    other = Jobordre.objects.create(
        virksomhed=firma, titel="Lagermedarbejder", krav="", modtaget=TODAY
    )
    ranked = selectors.kandidat_match_list(actor=konsulent, jobordre=other, limit=200)
    assert first.pk in {k.borger.pk for k in ranked}


def test_a_rejection_needs_a_reason_and_a_citizen_in_scope(population, konsulent, login, borgere):
    j = Jobordre.objects.create(
        virksomhed=population["firmaer"][0], titel="Lager", krav="", modtaget=TODAY
    )
    client = login(konsulent)
    b = population["borgere"][1]
    response = client.post(
        reverse("companies:jobordre_reject", args=[j.pk]), {"borger": b.pk, "aarsag": "nej"}
    )
    assert response.status_code == 302
    assert not Kandidatafvisning.objects.exists()
    other_kommune = borgere["other_kommune"]
    response = client.post(
        reverse("companies:jobordre_reject", args=[j.pk]),
        {"borger": other_kommune.pk, "aarsag": "andet"},
    )
    assert response.status_code == 403
    assert not Kandidatafvisning.objects.exists()
