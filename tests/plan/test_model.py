"""The plan as data: the Varde plan entered from its document, validation, the cycle."""

from dataclasses import replace
from datetime import date

import pytest

from indsats.plan import PlanError, check_version, validate_version, version_from_dict
from indsats.plan.cycle import Handling, godkend, kraev_kladde, ny_status, revision
from indsats.plan.io import version_to_dict
from indsats.plan.model import Godkendelse, MaalType, Status

TITLE = "Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021"


def test_the_varde_plan_as_data(varde, varde_goals):
    assert (varde.kommune, varde.titel, varde.betegnelse) == (
        573,
        "Beskæftigelsesplan 2020-2023",
        "Revideret 2021",
    )
    assert varde.aarene == (2020, 2021, 2022, 2023)
    assert [f.titel for f in varde.fokusomraader] == [
        "Fremtidens Jobcenter",
        "Arbejdskraft",
        "Tværgående samarbejde",
        "Integration",
        "Handicap",
        "Særlige indsatser i 2020 og 2021",
    ]
    sdp = next(m for m in varde.alle_maal() if m.goal_id == "sdp-helaarspersoner")
    assert sdp.type is MaalType.LOKALT
    assert [(t.aar, t.vaerdi) for t in sdp.maaltal] == [
        (2020, 605),
        (2021, 585),
        (2022, 590),
        (2023, 590),
    ]
    # every goal, action, investment and table cites the plan by title and page
    cited = [*varde.alle_maal(), *varde.alle_indsatser(), *varde.investeringer]
    cited += [t for i in varde.investeringer for t in i.tabeller]
    assert all(x.kilde and x.kilde.dokument == TITLE and x.kilde.side for x in cited)
    assert sdp.kilde.tekst == f"{TITLE}, s. 24-25"
    # the goals are the goals module's own objects, resolved by id
    assert validate_version(varde, goals=varde_goals) == []
    assert varde_goals["sdp-helaarspersoner"].baseline.vaerdi == 640


def test_round_trip_through_plain_data(varde):
    import json

    data = json.loads(json.dumps(version_to_dict(varde)))
    assert version_from_dict(data) == varde


def _sdp(v):
    return next(m for m in v.alle_maal() if m.goal_id == "sdp-helaarspersoner")


def _replace_goal(v, old, new):
    return replace(
        v,
        fokusomraader=tuple(
            replace(f, maal=tuple(new if m is old else m for m in f.maal)) for f in v.fokusomraader
        ),
    )


def test_maaltal_outside_the_period_is_refused_in_danish(varde, varde_goals):
    m = _sdp(varde)
    bad = _replace_goal(varde, m, replace(m, maaltal=(*m.maaltal, replace(m.maaltal[0], aar=2025))))
    with pytest.raises(PlanError) as exc:
        check_version(bad, goals=varde_goals, kilde="test")
    assert "Måltal for 2025 ligger uden for planens periode 2020-2023" in str(exc.value)
    assert exc.value.fejl[0].felt == "fokusomraader[5].maal[0].maaltal[4]"


def test_a_local_goal_without_baseline_is_refused(varde, varde_goals):
    goals = dict(varde_goals)
    goals["sdp-helaarspersoner"] = replace(goals["sdp-helaarspersoner"], baseline=None)
    fejl = validate_version(varde, goals=goals)
    assert len(fejl) == 1 and "har intet udgangspunkt (baseline)" in fejl[0].besked
    assert fejl[0].felt == "fokusomraader[5].maal[0].goal_id"


def test_an_action_that_ends_before_it_starts_is_refused(varde):
    f = varde.fokusomraader[0]
    a = f.indsatser[0]
    bad = replace(
        varde,
        fokusomraader=(
            replace(f, indsatser=(replace(a, start=date(2021, 6, 1), slut=date(2021, 3, 1)),)),
            *varde.fokusomraader[1:],
        ),
    )
    fejl = validate_version(bad)
    assert [x.besked for x in fejl] == [
        "Indsatsen »Kompetenceudviklingsforløb for alle medarbejdere« slutter (01.03.2021) før den "
        "starter (01.06.2021)."
    ]


def test_reading_names_the_file_and_the_field():
    with pytest.raises(PlanError) as exc:
        version_from_dict(
            {
                "kommune": 573,
                "titel": "Beskæftigelsesplan 2026",
                "periode": {"fra": 2026, "til": 2026},
                "betegnelse": "Kladde",
                "udvalg": "Udvalget",
                "fokusomraader": [
                    {
                        "id": "a",
                        "titel": "A",
                        "indsatser": [{"id": "x", "titel": "X", "start": "2026-13-01"}],
                    }
                ],
            },
            kilde="plan.yaml",
        )
    assert str(exc.value) == (
        "plan.yaml: fokusomraader[0].indsatser[0].start: '2026-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)"
    )


def test_period_of_more_than_four_years_is_refused(varde):
    fejl = validate_version(replace(varde, sidste_aar=2024))
    assert any("1-4 år, ikke 5" in f.besked for f in fejl)


def test_the_cycle_kladde_sendt_godkendt(varde):
    assert ny_status(Status.KLADDE, Handling.SEND) is Status.SENDT_TIL_UDVALG
    assert ny_status(Status.SENDT_TIL_UDVALG, Handling.TILBAGEKALD) is Status.KLADDE
    with pytest.raises(PlanError, match="kan ikke »godkend«"):
        ny_status(Status.KLADDE, Handling.GODKEND)
    with pytest.raises(PlanError, match="godkendt og kan ikke ændres. Start en revision"):
        kraev_kladde(Status.GODKENDT)
    ny = revision(varde, betegnelse="Revideret 2022")
    assert (ny.status, ny.godkendelse, ny.betegnelse) == (Status.KLADDE, None, "Revideret 2022")
    assert ny.fokusomraader == varde.fokusomraader  # a revision starts as a copy
    sendt = replace(ny, status=ny_status(ny.status, Handling.SEND))
    with pytest.raises(PlanError, match="Angiv datoen"):
        godkend(sendt, Godkendelse(None, "Byrådet"))
    ok = godkend(sendt, Godkendelse(date(2021, 12, 15), "Byrådet", "Udvalgets beslutning"))
    assert ok.status is Status.GODKENDT
    with pytest.raises(PlanError, match="Kun en godkendt version"):
        revision(ny, betegnelse="x")
