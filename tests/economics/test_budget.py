"""Budget follow-up and refusion, computed by hand. Rates come from indsats.rules (80/40/30/20 %)."""

from decimal import Decimal

import pytest

from indsats.domain.ydelser import Ydelse
from indsats.economics.budget import BudgetPost, Maanedstal, budget_total, budgetopfoelgning
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.refusion import (
    RefusionFordeling,
    fordelinger_from_records,
    kommunal_andel,
    read_split_csv,
)

D = Decimal
SDP = Ydelse.SYGEDAGPENGE


def split(ydelse, maaned, t1, t2, t3, t4, aar=2021):
    return RefusionFordeling(ydelse, aar, maaned, {1: D(t1), 2: D(t2), 3: D(t3), 4: D(t4)})


def test_municipal_share_after_refusion():
    # refusion benefit: 0,10 × (1-0,80) + 0,50 × (1-0,40) + 0,25 × (1-0,30) + 0,15 × (1-0,20)
    #                 = 0,02 + 0,30 + 0,175 + 0,12 = 0,615
    assert kommunal_andel(split(SDP, 1, "0.10", "0.50", "0.25", "0.15")) == D("0.615")
    # all weeks at the 20 % tier: the municipality pays 80 %
    assert kommunal_andel(split(Ydelse.KONTANTHJAELP, 1, 0, 0, 0, 1)) == D("0.80")
    # medfinansiering benefit (dagpenge): Σ share × medfinansiering = 1 × 0,60 at tier 2
    assert kommunal_andel(split(Ydelse.DAGPENGE, 1, 0, 1, 0, 0)) == D("0.60")


def test_split_must_add_up_to_one():
    with pytest.raises(EconomicsInputError, match="add up to 0.9, not 1"):
        split(SDP, 1, "0.1", "0.3", "0.3", "0.2")


@pytest.fixture
def opfoelgning():
    post = BudgetPost(SDP, 2021, D(585), D(240000))
    actual = [
        Maanedstal(SDP, 2021, m, D(v))
        for m, v in zip(range(1, 7), (600, 596, 590, 588, 584, 580), strict=True)
    ]
    splits = [split(SDP, m, "0.10", "0.50", "0.25", "0.15") for m in range(1, 5)]  # 0,615
    splits.append(split(SDP, 5, "0.10", "0.45", "0.25", "0.20"))  # 0,02+0,27+0,175+0,16 = 0,625
    splits.append(split(SDP, 6, "0.10", "0.40", "0.25", "0.25"))  # 0,02+0,24+0,175+0,20 = 0,635
    return budgetopfoelgning(post, actual, splits)


def test_month_by_month(opfoelgning):
    jan, jun, jul = opfoelgning.maaneder[0], opfoelgning.maaneder[5], opfoelgning.maaneder[6]
    assert opfoelgning.faktiske_maaneder == 6
    # January: 600 helårspersoner × 240.000 / 12 = 12.000.000 gross; × 0,615 = 7.380.000 net
    assert (jan.hp, jan.brutto, jan.netto, jan.prognose) == (D(600), D(12000000), D(7380000), False)
    assert jan.afvigelse_hp == D(15)  # 600 - 585
    assert jun.andel_trin4 == D("0.25")
    # July is forecast: mean of April-June (588 + 584 + 580) / 3 = 584 helårspersoner,
    # municipal share mean (0,615 + 0,625 + 0,635) / 3 = 0,625
    assert jul.prognose and jul.hp == D(584) and jul.kommunal_andel == D("0.625")
    assert jul.netto == D(584) * 20000 * D("0.625")  # 7.300.000


def test_year_end_forecast(opfoelgning):
    # helårspersoner: (600+596+590+588+584+580 + 6 × 584) / 12 = 7.042 / 12 = 586,83
    assert opfoelgning.prognose_hp == D(7042) / 12
    assert opfoelgning.faktisk_hp_aar_til_dato == D(3538) / 6
    # gross: 7.042 × 20.000 = 140.840.000; budget gross 585 × 240.000 = 140.400.000
    assert opfoelgning.prognose_brutto == D(140840000)
    assert opfoelgning.budget_brutto == D(140400000)
    # net: Jan-Apr 2.374 × 20.000 × 0,615 = 29.200.200; May 11.680.000 × 0,625 = 7.300.000;
    #      Jun 11.600.000 × 0,635 = 7.366.000; Jul-Dec 6 × 584 × 20.000 × 0,625 = 43.800.000
    #      = 87.666.200
    assert opfoelgning.prognose_netto == D(87666200)
    # budget net = budget gross × the year's share:
    #   140.400.000 × 87.666.200 / 140.840.000 = 123.083.344.800 / 1.408,4 = 87.392.320,93
    assert round(opfoelgning.budget_netto, 2) == D("87392320.93")
    # 87.666.200 - 87.392.320,93 = 273.879,07 more than budgeted
    assert round(opfoelgning.afvigelse_netto, 2) == D("273879.07")
    total = budget_total([opfoelgning])
    assert total.prognose_netto == D(87666200)


def test_no_actual_months_forecasts_the_budget():
    post = BudgetPost(SDP, 2021, D(585), D(240000))
    o = budgetopfoelgning(post, [])
    assert o.faktiske_maaneder == 0 and o.prognose_hp == D(585)
    assert o.prognose_brutto == D(140400000) and o.prognose_netto is None


def test_a_gap_in_actual_months_and_a_missing_split_are_errors():
    post = BudgetPost(SDP, 2021, D(585), D(240000))
    with pytest.raises(EconomicsInputError, match="missing for month"):
        budgetopfoelgning(post, [Maanedstal(SDP, 2021, 1, D(1)), Maanedstal(SDP, 2021, 3, D(1))])
    with pytest.raises(EconomicsInputError, match="no refusion split for month"):
        budgetopfoelgning(
            post,
            [Maanedstal(SDP, 2021, 1, D(1)), Maanedstal(SDP, 2021, 2, D(1))],
            [split(SDP, 1, 1, 0, 0, 0)],
        )


def test_negative_inputs_are_errors():
    with pytest.raises(EconomicsInputError, match="must not be negative"):
        BudgetPost(SDP, 2021, D(-1), D(1))
    with pytest.raises(EconomicsInputError, match="not a month"):
        Maanedstal(SDP, 2021, 13, D(1))


def test_split_table_from_csv_and_from_records(tmp_path):
    p = tmp_path / "split.csv"
    p.write_text(
        "aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4\n2021;1;sygedagpenge;10 %;0,5;0,25;0,15\n",
        encoding="utf-8",
    )
    (f,) = read_split_csv(p)
    assert kommunal_andel(f) == D("0.615")
    p.write_text(
        "aar;maaned;ydelse;trin_1;trin_2;trin_3;trin_4\n2021;1;sygedagpenge;x;1;0;0\n",
        encoding="utf-8",
    )
    with pytest.raises(EconomicsInputError, match="split.csv line 2, column trin_1: 'x'"):
        read_split_csv(p)
    # weights in person-weeks: 30 + 10 of 40 weeks -> 0,75 and 0,25
    (g,) = fordelinger_from_records(
        [
            {"ydelse": "kontanthjaelp", "aar": 2021, "maaned": 2, "trin": 4, "uger": 30},
            {"ydelse": "kontanthjaelp", "aar": 2021, "maaned": 2, "trin": 3, "uger": 10},
            {"ydelse": "kontanthjaelp", "aar": 2021, "maaned": 2, "trin": 0, "uger": 99},
        ]
    )
    assert g.andele == {1: 0, 2: 0, 3: D("0.25"), 4: D("0.75")}
