"""Budget inputs from the register through the analytics' refusion split (hand-made register of
tests/analytics/handmade.py; tiers from indsats.rules)."""

from decimal import Decimal

import pytest

from indsats.domain.ydelser import Ydelse
from indsats.economics.budget import BudgetPost, budgetopfoelgning
from indsats.economics.fra_register import fra_refusion_fordeling, fra_register
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.refusion import kommunal_andel

D = Decimal


@pytest.fixture(scope="module")
def januar_2020():
    from indsats.analytics.backend import connect, table_from_arrow
    from tests.analytics.handmade import handmade_register

    reg = table_from_arrow(connect("duckdb"), "handmade", handmade_register())
    ms, fs = fra_register(reg, kommune=573, aar=2020, maaneder="2020-01")
    return {m.ydelse: m for m in ms}, {f.ydelse: f for f in fs}


def test_sygedagpenge_january_2020(januar_2020):
    ms, fs = januar_2020
    # January 2020 = weeks W01-W05 (by Thursday). P2 on sygedagpenge W01-W05: 5 weeks / 5 = 1,0
    assert ms[Ydelse.SYGEDAGPENGE].helaarspersoner == D(1)
    # anciennitet 1-4 tier 1 (4 weeks), 5 tier 2 (1 week): 0,8 / 0,2
    f = fs[Ydelse.SYGEDAGPENGE]
    assert (f.andele[1], f.andele[2], f.andele[3], f.andele[4]) == (D("0.8"), D("0.2"), 0, 0)
    # municipal share 0,8 × (1 - 0,80) + 0,2 × (1 - 0,40) = 0,16 + 0,12 = 0,28
    assert kommunal_andel(f) == D("0.28")


def test_kontanthjaelp_january_2020(januar_2020):
    ms, fs = januar_2020
    # P1, P7, P8 all five weeks (P5 is in kommune 390): 15 / 5 = 3,0
    assert ms[Ydelse.KONTANTHJAELP].helaarspersoner == D(3)
    # P1 started 2019W40: anciennitet 14-18 in W01-W05 -> tier 2; P7, P8 > 52 weeks -> tier 4
    f = fs[Ydelse.KONTANTHJAELP]
    assert round(f.andele[2], 6) == round(D(1) / 3, 6)
    assert round(f.andele[4], 6) == round(D(2) / 3, 6)
    # 1/3 × 0,60 + 2/3 × 0,80 = 0,7333
    assert round(kommunal_andel(f), 4) == D("0.7333")


def test_the_register_feeds_a_budget_follow_up(januar_2020):
    ms, fs = januar_2020
    post = BudgetPost(Ydelse.SYGEDAGPENGE, 2020, D(1), D(240000))
    o = budgetopfoelgning(post, ms.values(), fs.values())
    jan = o.maaneder[0]
    # 1,0 × 240.000 / 12 = 20.000 gross; × 0,28 = 5.600 net
    assert (jan.brutto, jan.netto) == (D(20000), D(5600))


def test_weights_in_kroner_and_a_year_period_is_refused():
    rows = [
        {
            "kommune": 573,
            "periode": "2021-02",
            "ydelse": "kontanthjaelp",
            "trin": 4,
            "uger": 12,
            "fuldtidspersoner": 3.0,
            "udgift_kr": 30000.0,
        },
        {
            "kommune": 573,
            "periode": "2021-02",
            "ydelse": "kontanthjaelp",
            "trin": 3,
            "uger": 4,
            "fuldtidspersoner": 1.0,
            "udgift_kr": 10000.0,
        },
        {
            "kommune": 390,
            "periode": "2021-02",
            "ydelse": "kontanthjaelp",
            "trin": 1,
            "uger": 99,
            "fuldtidspersoner": 9.0,
            "udgift_kr": None,
        },
    ]
    (m,), (f,) = fra_refusion_fordeling(rows, kommune=573)
    assert m.helaarspersoner == D(4) and (m.aar, m.maaned) == (2021, 2)
    assert (f.andele[3], f.andele[4]) == (D("0.25"), D("0.75"))  # 10.000 / 40.000, 30.000 / 40.000
    with pytest.raises(EconomicsInputError, match="niveau='maaned'"):
        fra_refusion_fordeling([{**rows[0], "periode": "2021"}])


def test_months_without_anyone_on_a_benefit_are_zero_not_missing():
    def row(periode, ydelse):
        return {
            "kommune": 573,
            "periode": periode,
            "ydelse": ydelse,
            "trin": 4,
            "uger": 4,
            "fuldtidspersoner": 1.0,
        }

    ms, fs = fra_refusion_fordeling(
        [
            row("2021-01", "sygedagpenge"),
            row("2021-03", "sygedagpenge"),
            row("2021-02", "kontanthjaelp"),
        ]
    )
    got = {(m.ydelse.value, m.maaned): m.helaarspersoner for m in ms}
    assert got == {
        ("sygedagpenge", 1): 1,
        ("sygedagpenge", 2): 0,
        ("sygedagpenge", 3): 1,
        ("kontanthjaelp", 1): 0,
        ("kontanthjaelp", 2): 1,
        ("kontanthjaelp", 3): 0,
    }
    assert len(fs) == 3  # splits only where someone was on the benefit
    # the follow-up accepts the zero month without a split; its net is 0
    o = budgetopfoelgning(BudgetPost(Ydelse.SYGEDAGPENGE, 2021, D(1), D(12)), ms, fs)
    assert o.maaneder[1].netto == 0 and o.faktiske_maaneder == 3
