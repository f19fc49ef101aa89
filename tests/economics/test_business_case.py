"""Business cases computed by hand; the Varde jobafklaring case (seed 000) with an assumed
cost of 550.000 kr. per årsværk."""

from decimal import Decimal
from pathlib import Path

import pytest

from indsats.domain.ydelser import Ydelse
from indsats.economics.budget import Maanedstal
from indsats.economics.business_case import (
    Investeringscase,
    business_case,
    case_from_mapping,
    case_opfoelgning,
    read_case_yaml,
)
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.report import case_tabel, report_sections

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"
D = Decimal
JAF = Ydelse.JOBAFKLARINGSFORLOEB


@pytest.fixture
def jobafklaring():
    return read_case_yaml(DATA / "varde_2021_jobafklaring_investering.yaml")


def test_yearly_table(jobafklaring):
    r = business_case(jobafklaring)
    y2021, y2022 = r.aarene[0], r.aarene[1]
    # 2021: 0,5 årsværk × 550.000 + 200.000 = 475.000; 4 × 140.000 = 560.000; net +85.000
    assert (y2021.udgift, y2021.besparelse, y2021.netto) == (D(475000), D(560000), D(85000))
    # 2022-2025: 1 × 550.000 + 400.000 = 950.000; 8 × 140.000 = 1.120.000; net +170.000
    assert (y2022.udgift, y2022.besparelse, y2022.netto) == (D(950000), D(1120000), D(170000))
    assert [a.aar for a in r.aarene] == [2021, 2022, 2023, 2024, 2025]
    # the plan's own savings row: 560, 1.120, 1.120, 1.120, (1.120) thousand kr.
    assert [a.besparelse for a in r.aarene] == [D(560000)] + [D(1120000)] * 4
    # net result 85.000 + 4 × 170.000 = 765.000; positive already in 2021
    assert r.nettoresultat == D(765000) and r.break_even_aar == 2021
    # required effect 2021: 475.000 / 140.000 = 3,39 fuldtidspersoner; 2022: 950.000 / 140.000
    assert round(y2021.kraevet_effekt, 2) == D("3.39")
    assert round(y2022.kraevet_effekt, 2) == D("6.79")


def test_sensitivity(jobafklaring):
    sens = {f.faktor: f for f in business_case(jobafklaring).foelsomhed}
    # 50 %: 2021 280.000 - 475.000 = -195.000; 2022-25 560.000 - 950.000 = -390.000 × 4
    #       = -1.755.000, never breaks even
    assert sens[D("0.5")].nettoresultat == D(-1755000) and sens[D("0.5")].break_even_aar is None
    # 150 %: 840.000 - 475.000 = 365.000; 1.680.000 - 950.000 = 730.000 × 4 -> 3.285.000
    assert sens[D("1.5")].nettoresultat == D(3285000) and sens[D("1.5")].break_even_aar == 2021
    assert sens[D(1)].nettoresultat == D(765000)


def test_break_even_after_a_loss():
    # 2 årsværk × 500.000 = 1.000.000 a year; effect 2, 14, 14 × 100.000:
    # 2030: 200.000 - 1.000.000 = -800.000 (cum -800.000)
    # 2031: 1.400.000 - 1.000.000 = +400.000 (cum -400.000)
    # 2032: +400.000 (cum 0) -> break-even 2032 (cumulative ≥ 0)
    case = Investeringscase(
        navn="t",
        ydelse=Ydelse.KONTANTHJAELP,
        start_aar=2030,
        aar=3,
        ekstra_aarsvaerk=(D(2),),
        pris_pr_aarsvaerk=D(500000),
        effekt_fuldtidspersoner=(D(2), D(14)),
        enhedspris_netto=D(100000),
    )
    r = business_case(case)
    assert [a.akkumuleret for a in r.aarene] == [D(-800000), D(-400000), D(0)]
    assert r.break_even_aar == 2032


def test_follow_up_month_by_month(jobafklaring):
    actual = [
        Maanedstal(JAF, 2021, 1, D(159)),
        Maanedstal(JAF, 2021, 2, D(157)),
        Maanedstal(JAF, 2021, 3, D(155)),
        Maanedstal(Ydelse.SYGEDAGPENGE, 2021, 1, D(1)),
    ]
    rows = case_opfoelgning(jobafklaring, actual)
    assert len(rows) == 3  # the other benefit is ignored
    # baseline 160: realised 1, 3, 5 against expected 4 -> -3, -1, +1
    assert [r.realiseret_reduktion for r in rows] == [D(1), D(3), D(5)]
    assert [r.forskel for r in rows] == [D(-3), D(-1), D(1)]
    assert rows[0].forventet_niveau == D(156)
    # saving 1 × 140.000 / 12 = 11.666,67; cumulative (1+3+5) × 140.000 / 12 = 105.000
    assert round(rows[0].realiseret_besparelse, 2) == D("11666.67")
    assert rows[-1].akkumuleret_besparelse == D(105000)


def test_follow_up_needs_a_baseline():
    case = Investeringscase(
        navn="t",
        ydelse=JAF,
        start_aar=2021,
        aar=1,
        ekstra_aarsvaerk=(D(1),),
        pris_pr_aarsvaerk=D(1),
        effekt_fuldtidspersoner=(D(1),),
        enhedspris_netto=D(1),
    )
    with pytest.raises(EconomicsInputError, match="fuldtidspersoner_uden"):
        case_opfoelgning(case, [])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"enhedspris_netto": "abc"}, "case, field enhedspris_netto: 'abc' is not a number"),
        ({"effekt_fuldtidspersoner": [-4]}, "must not be negative"),
        ({"aar": 0}, "horizon must be 1-30"),
        ({"ydelse": "loen"}, "field ydelse: unknown ydelse"),
        ({"pris_pr_aarsvaerk": None}, "field pris_pr_aarsvaerk: missing"),
        ({"effekt_fuldtidspersoner": [1, 2, 3, 4, 5, 6]}, "6 values for 5 year"),
        ({"hest": 1}, "unknown field"),
    ],
)
def test_bad_case_input(change, message):
    data = {
        "navn": "x",
        "ydelse": "jobafklaringsforloeb",
        "start_aar": 2021,
        "aar": 5,
        "ekstra_aarsvaerk": [0.5, 1],
        "pris_pr_aarsvaerk": "550.000",
        "effekt_fuldtidspersoner": [4, 8],
        "enhedspris_netto": 140000,
    }
    data.update(change)
    with pytest.raises(EconomicsInputError, match=message):
        case_from_mapping(data)


def test_report_sections(jobafklaring):
    r = business_case(jobafklaring)
    (tabel,) = report_sections(cases=[r])
    assert tabel == case_tabel(r)
    assert tabel.raekker[0] == ("2021", "0,5", "475.000", "4,0", "560.000", "+85.000", "+85.000")
    assert "Nettoresultat +765.000 kr.; investeringen er tjent hjem: 2021." in tabel.noter[0]


def test_realised_effect_from_an_evaluation_against_the_promise(jobafklaring):
    from indsats.economics.business_case import RealiseretEffekt, case_effekt_opfoelgning

    measured = [
        RealiseretEffekt(2021, Decimal("3.1"), Decimal("1.0"), Decimal("5.2"), 40, "evaluering"),
        RealiseretEffekt(2022, Decimal("9"), Decimal("8.5"), Decimal("9.5"), 55, "evaluering"),
        RealiseretEffekt(2023, Decimal("2"), Decimal("0.5"), Decimal("3.5"), 50, "evaluering"),
    ]
    rows = case_effekt_opfoelgning(jobafklaring, measured)
    assert [r.aar for r in rows] == [2021, 2022, 2023, 2024, 2025]
    y2021, y2022, y2023, y2024, _ = rows
    # 2021: promised 4, measured 3,1 (1,0 to 5,2): the interval holds the promise
    assert (y2021.forventet, y2021.vurdering) == (Decimal(4), "som forventet")
    assert y2021.realiseret_besparelse == Decimal("434000.0")  # 3,1 x 140.000
    assert y2021.forventet_besparelse == Decimal(560000)
    assert (y2021.besparelse_nedre, y2021.besparelse_oevre) == (
        Decimal("140000.0"),
        Decimal("728000.0"),
    )
    assert y2021.forskel == Decimal("-0.9")
    assert y2022.vurdering == "over"  # 8,5 to 9,5 lies above 8
    assert y2023.vurdering == "under"  # 0,5 to 3,5 lies below 8
    assert y2024.realiseret is None and y2024.vurdering == "ingen maaling"
    with pytest.raises(EconomicsInputError, match="measured 2019, which is not one of the case"):
        case_effekt_opfoelgning(
            jobafklaring, [RealiseretEffekt(2019, Decimal(1), Decimal(0), Decimal(2), 5)]
        )
    with pytest.raises(EconomicsInputError, match="two measured effects for 2021"):
        case_effekt_opfoelgning(jobafklaring, [measured[0], measured[0]])
