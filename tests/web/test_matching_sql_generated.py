"""The database ranking (companies/ranking.py) against the Python scorer (`matching.score`, the
reference) on generated municipalities (issue 18), on SQLite and PostgreSQL alike.

The ranking reads the target group (the latest open case) only for the candidates who can still
reach the top `limit` by their score without it; small limits over populations full of equal and
nearly equal scores are where a wrong bound would show, so the limits here are small and the
values few. Each example runs in a savepoint that is rolled back.
"""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indsats.companyservice import matching
from indsats.web.accounts.roles import Rolle
from indsats.web.citizens.models import Borger, Jobmaal, Plan, Sag, TilbudsForloeb
from indsats.web.companies import ranking, selectors
from indsats.web.companies.models import Kandidatprofil, Placering, Virksomhed

IDAG = date(2026, 12, 4)
TITLER = [("Lager", "52"), ("Lagerarbejde", ""), ("Chauffør", "4941"), ("Kok", "56"),
          ("Butiksassistent", "47"), ("Sygeplejerske", "86"), ("Tømrer", "")]  # fmt: skip
POSTNUMRE = ["", "6800", "6855", "7200", "4760", "6857"]  # 6857: no usable centre (the band)
KOMPETENCER = ["", "truckcertifikat", "Truckcertifikat, kørekort B", "kørekort b",
               "hygiejnebevis"]  # fmt: skip
ERFARING = ["", "52", "4941, 47", "86", "5610"]
VISITATION = [("kontanthjaelp", "jobparat"), ("kontanthjaelp", "aktivitetsparat"),
              ("dagpenge", ""), ("sygedagpenge", ""), ("kontanthjaelp", "uddannelsesparat")]  # fmt: skip
DB07 = ["5210", "4120", "5610"]


def _dag(offset: int) -> date:
    return IDAG + timedelta(days=offset)


sager = st.lists(
    st.tuples(
        st.sampled_from(VISITATION),
        st.integers(-400, -20),  # first contact (days from today): equal days happen
        st.booleans(),  # closed
    ),
    max_size=3,
)
# What makes a candidate fit (targets, profile, placement, offer): a population draws from a few
# of these, so many candidates share a score but for their target group, the part the ranking
# reads last.
saerpraeg = st.fixed_dictionaries(
    {
        "jobmaal": st.none()
        | st.lists(st.tuples(st.sampled_from("ABC"), st.sampled_from(TITLER)), max_size=2),
        "profil": st.none()
        | st.tuples(
            st.sampled_from(POSTNUMRE),
            st.sampled_from(ERFARING),
            st.sampled_from(KOMPETENCER),
            st.none() | st.integers(-10, 40),
        ),
        "placering": st.none()
        | st.tuples(st.sampled_from(DB07), st.integers(-90, 5), st.none() | st.integers(0, 60)),
        "tilbud": st.none() | st.tuples(st.integers(-60, 5), st.integers(-10, 60), st.booleans()),
    }
)
population = st.tuples(
    st.lists(saerpraeg, min_size=1, max_size=4),
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["Anna", "Bo", "Åse"]), sager),
        min_size=1,
        max_size=16,
    ),
).map(
    lambda tm: [
        {**tm[0][i % len(tm[0])], "navn": navn, "sager": s} for i, navn, s in tm[1]
    ]  # equal names: ties by id
)
stilling = st.builds(
    matching.Stilling,
    id=st.just("v"),
    titel=st.sampled_from(["Lagermedarbejder", "Kok", "Tømrer"]),
    db07=st.sampled_from(["5210", "5610", "4120"]),
    postnummer=st.sampled_from(["6800", "6855", "6857"]),
    start=st.none() | st.integers(0, 30).map(_dag),
    krav=st.sampled_from(
        [frozenset(), frozenset({"truckcertifikat"}), frozenset({"truckcertifikat", "kørekort b"})]
    ),
)


@pytest.fixture
def konsulent(make_user):
    return make_user("jonas", Rolle.VIRKSOMHEDSKONSULENT)


def _seed(population, teams, firmaer) -> None:
    for i, spec in enumerate(population):
        b = Borger.objects.create(
            cpr=f"0101{60 + i // 100:02d}{1000 + i % 100:04d}",
            fornavn=spec["navn"],
            efternavn="Hansen",
            kommune_kode=573,
            team=teams["job"],
        )
        first_sag = None
        for (ydelse, visitation), start, closed in spec["sager"]:
            sag = Sag.objects.create(
                borger=b,
                ydelse=ydelse,
                visitation=visitation,
                sygedagpenge_kategori="2",
                foerste_henvendelse=_dag(start),
                slut=_dag(-1) if closed else None,
                team=teams["job"],
            )
            first_sag = first_sag or sag
        if spec["jobmaal"] is not None:
            plan = Plan.objects.create(borger=b)
            for kategori, (titel, branche) in spec["jobmaal"]:
                Jobmaal.objects.create(
                    plan=plan, kategori=kategori, stilling=titel, branche=branche
                )
        if spec["profil"] is not None:
            postnummer, erfaring, kompetencer, fra = spec["profil"]
            Kandidatprofil.objects.create(
                borger=b,
                postnummer=postnummer,
                erfaring=erfaring,
                kompetencer=kompetencer,
                tilgaengelig_fra=None if fra is None else _dag(fra),
            )
        if spec["placering"] is not None:
            db07, start, length = spec["placering"]
            Placering.objects.create(
                virksomhed=firmaer[db07],
                borger=b,
                type="praktik",
                timer_pr_uge=20,
                start=_dag(start),
                slut=None if length is None else _dag(start + length),
            )
        if spec["tilbud"] is not None and first_sag is not None:
            start, slut, igang = spec["tilbud"]
            TilbudsForloeb.objects.create(
                sag=first_sag,
                tilbudstype="virksomhedspraktik",
                start=_dag(start),
                slut=_dag(max(start, slut)),
                timer_pr_uge=20,
                resultat="igang" if igang else "gennemfoert",
            )


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # the target group decides: 40 + 9 km points + 10 + 0 against 40 + 5 + 10 + 5
    population=[
        {"navn": "Anna", "sager": [(VISITATION[4], -100, False)], "jobmaal": [("A", TITLER[0])],
         "profil": ("6855", "", "", None), "placering": None, "tilbud": None},
        {"navn": "Bo", "sager": [(VISITATION[0], -100, False)], "jobmaal": [("A", TITLER[0])],
         "profil": ("7200", "", "", None), "placering": None, "tilbud": None},
    ],
    stilling=matching.Stilling("v", "Lagermedarbejder", "5210", "6800"),
    limit=1,
)  # fmt: skip
@example(  # a score under 0 counts as 0: the only candidate, 20 - 30 + 0, is still listed
    population=[
        {"navn": "Anna", "sager": [], "jobmaal": None, "profil": None,
         "placering": ("5210", 0, None), "tilbud": None},
    ],
    stilling=matching.Stilling("v", "Lagermedarbejder", "5210", "6800",
                               krav=frozenset({"truckcertifikat", "kørekort b"})),
    limit=1,
)  # fmt: skip
@given(
    population=population,
    stilling=stilling,
    limit=st.integers(1, 6),
)
def test_the_database_ranks_as_the_python_scorer(teams, konsulent, population, stilling, limit):
    with transaction.atomic():
        firmaer = {
            db07: Virksomhed.objects.create(
                kommune_kode=573, cvr=cvr, navn=f"Firma {db07}", db07=db07, postnummer="6800"
            )
            for db07, cvr in zip(DB07, ["24256790", "13585628", "27355021"], strict=True)
        }  # fmt: skip
        _seed(population, teams, firmaer)
        scope = selectors.kandidat_scope(actor=konsulent)
        in_sql = ranking.kandidater_rangeret(scope=scope, stilling=stilling, idag=IDAG, limit=limit)
        in_python = matching.candidates_for_vacancy(
            stilling=stilling,
            kandidater=selectors._kandidater(
                list(scope.select_related("kandidatprofil")), idag=IDAG, scope=scope
            ),
            idag=IDAG,
            limit=limit,
        )
        assert [(str(r.borger_id), r.score, r.mangler_krav) for r in in_sql] == [
            (str(m.kandidat.id), m.score, m.mangler_krav) for m in in_python
        ]
        transaction.set_rollback(True)
