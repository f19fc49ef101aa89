"""Participants from a target group, the minimum detectable effect, and the committee text."""

from __future__ import annotations

import math
from statistics import NormalDist

import pyarrow as pa
import pytest

from indsats.analytics.backend import connect, table_from_arrow
from indsats.evaluation import (
    Deltager,
    Design,
    EvalueringsFejl,
    evaluate,
    mde_fra_register,
    minimum_detectable_effect,
    participants_from_target_group,
    realiseret_effekt,
    sammenfatning,
)
from indsats.register import generator, weeks
from indsats.register.plant import Plantning, plant_effect
from tests.evaluation.conftest import on_backend
from tests.evaluation.handmade import S, handmade_register


def test_target_group_starts_when_the_spell_reaches_the_duration():
    # Person 1 has 30 weeks at S, so 26 at S-4; person 11 28 at S, 26 at S-2; person 12 22 at
    # S, 26 at S+4; person 2 (20 at S) reaches 26 at S+6, after the period; person 13's and
    # 14's spells end first.
    reg = on_backend(connect("duckdb"), handmade_register())
    got = participants_from_target_group(
        reg, ydelse="sygedagpenge", fra_uge=S - 5, til_uge=S + 5, kommune=573, min_varighed=26
    )
    assert [(d.person_id, d.start_uge - S) for d in got] == [(1, -4), (11, -2), (12, 4)]
    # With the stock at the start: from S on, persons 1 and 11 are already past 26 weeks.
    got = participants_from_target_group(
        reg, ydelse="sygedagpenge", fra_uge=S, til_uge=S + 5, kommune=573, min_varighed=26
    )
    assert [(d.person_id, d.start_uge - S) for d in got] == [(1, 0), (11, 0), (12, 4)]
    with pytest.raises(EvalueringsFejl, match="ends before it starts"):
        participants_from_target_group(
            reg, ydelse="sygedagpenge", fra_uge=S, til_uge=S - 1, kommune=573
        )


def test_minimum_detectable_effect_formula():
    z = NormalDist().inv_cdf(0.975) + NormalDist().inv_cdf(0.8)  # 2,8016
    assert minimum_detectable_effect(0.5, 100, 1) == pytest.approx(z * 0.5 * math.sqrt(2 / 100))
    # four times the participants halves it; more comparison persons help less
    assert minimum_detectable_effect(0.5, 400, 1) == pytest.approx(
        minimum_detectable_effect(0.5, 100, 1) / 2
    )
    assert minimum_detectable_effect(0.5, 100, 3) == pytest.approx(
        z * 0.5 * math.sqrt((4 / 3) / 100)
    )
    with pytest.raises(EvalueringsFejl):
        minimum_detectable_effect(0.5, 0, 1)


@pytest.fixture(scope="module")
def varde():
    first, last = weeks.parse_week("2019W01"), weeks.parse_week("2022W52")
    table = pa.concat_tables(generator.generate([573], first, last, seed=4))
    return table, (first, last)


def test_minimum_detectable_effect_from_the_register(varde):
    table, cov = varde
    reg = table_from_arrow(connect("duckdb"), "register_mde", table)
    m = mde_fra_register(reg, ydelse="sygedagpenge", deltagere=100, naboer=1, uge=26)
    assert 0.3 < m.andel_selvforsoergende < 0.95
    assert m.mde_andel == pytest.approx(
        minimum_detectable_effect(
            math.sqrt(m.andel_selvforsoergende * (1 - m.andel_selvforsoergende)), 100, 1
        )
    )
    assert 0.05 < m.mde_andel < 0.25
    assert m.referenceuger == (cov[1] - 52 - 12, cov[1] - 52)
    assert m.grundlag > 1000
    assert "Med 100 deltagere og 1 sammenligningspersoner" in m.tekst
    assert "sygedagpenge selvforsørgende efter 26 uger" in m.tekst
    more = mde_fra_register(reg, ydelse="sygedagpenge", deltagere=400, naboer=1, uge=26)
    assert more.mde_andel == pytest.approx(m.mde_andel / 2)
    with pytest.raises(EvalueringsFejl, match="too short to follow"):
        short = table.filter(pa.compute.less(table.column("week_index"), cov[0] + 60))
        mde_fra_register(
            table_from_arrow(connect("duckdb"), "kort", short),
            ydelse="sygedagpenge",
            deltagere=100,
        )


def test_the_committee_text_and_the_business_case_effect(varde):
    table, cov = varde
    r = plant_effect(
        table,
        Plantning(
            "sygedagpenge", weeks.parse_week("2020W01"), weeks.parse_week("2021W26"), 90, 0.6
        ),
        seed=4,
    )
    reg = table_from_arrow(connect("duckdb"), "register_tekst", r.register)
    deltagere = [
        Deltager(int(p), int(s))
        for p, s in zip(
            r.deltagere.column("person_id").to_pylist(),
            r.deltagere.column("start_uge").to_pylist(),
            strict=True,
        )
    ]
    v = evaluate(
        reg, deltagere, Design(enhedspriser={"sygedagpenge": 240_000.0}), navn="Projekt PLUS"
    )
    s = sammenfatning(v)
    assert s.sikker and s.effekt > 0.1  # 60 % of the participants were helped
    head, naive, economy = s.tekst
    assert head.startswith("Et halvt år (26 uger) efter start var ")
    assert "Indsatsen øgede altså andelen selvforsørgende med " in head
    assert "95 %-sikkerhedsinterval" in head
    assert naive.startswith("Ser man kun på deltagerne, steg andelen selvforsørgende fra 0 %")
    assert "ville være sket uden indsatsen" in naive
    assert "helårspersoner" in economy and "Efter refusion sparede det kommunen" in economy
    assert any("registret ikke ser" in f for f in s.forbehold)
    assert s.kroner is not None and s.kroner > 0
    # the realised effect by start year, for the business case
    realised = realiseret_effekt(v.estimat("uger_paa_ydelse_52"), v.deltagere_pr_aar, kilde="x")
    assert [x.aar for x in realised] == sorted(v.deltagere_pr_aar)
    assert sum(x.deltagere for x in realised) == v.deltagere_matchet
    assert float(sum(x.fuldtidspersoner for x in realised)) == pytest.approx(
        v.helaarspersoner[-1].faerre, abs=0.02
    )
    # kroner = weeks x 240.000 / 52 x the municipal share after refusion (the rules' rates)
    syg = next(y for y in v.kroner.ydelser if y.ydelse == "sygedagpenge")
    assert 0.2 <= syg.kommunal_andel <= 0.8
    assert set(syg.trin_andele) == {1, 2, 3, 4}
    assert sum(syg.trin_andele.values()) == pytest.approx(1.0)
