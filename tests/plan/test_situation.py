"""The situation drafted from data (issue 14): the register table, the public unemployment figures
and the job barometer, checked against figures computed by hand on the hand-made register
(tests/analytics/handmade.py) and the shipped AUP02 file."""

from __future__ import annotations

import csv
from datetime import date

from indsats.plan.situation import situation_draft
from indsats.register.calibration import _data

# Kommune 573 of the hand-made register, in fuldtidspersoner (person-weeks / weeks of the year):
# 2018 (52 weeks): kontanthjælp P7 52 + P8 52 = 104 -> 104 / 52 = 2,0
# 2019 (52 weeks): kontanthjælp P1 W40-W52 13 + P7 52 + P8 52 = 117; dagpenge P3 W01-W10 10;
#                  jobafklaring P4 W20-W52 33 -> 160 / 52 = 3,08
# 2020 (53 weeks): kontanthjælp 56, sygedagpenge 40, dagpenge 33, jobafklaring 30,
#                  uddannelseshjælp 4 -> 163 / 53 = 3,08 (tests/analytics/test_handmade.py)
TOTALS = {2018: 104 / 52, 2019: 160 / 52, 2020: 163 / 53}


def _dk(value: float, decimals: int = 0) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _aup02_573() -> dict[int, float]:
    with _data("dst_aup02_fuldtidsledige_pct_annual_mean.csv") as f:
        return {
            int(r["year"]): float(r["fuldtidsledige_pct_af_arbejdsstyrken_annual_mean"])
            for r in csv.DictReader(f)
            if r["kode"] == "573" and r["fuldtidsledige_pct_af_arbejdsstyrken_annual_mean"]
        }


def test_situation_drafted_from_the_register_public_figures_and_the_barometer(handmade_dir):
    s = situation_draft(
        kommune=573,
        aar=2021,
        i_dag=date(2021, 3, 1),
        register_dir=handmade_dir,
        barometer=[("Bygge og anlæg", "Stort behov"), ("Handel og transport mv.", "Middel behov")],
    )
    tabeller = {t.titel: t for t in s.tabeller}

    register = tabeller["Fuldtidspersoner på offentlig forsørgelse pr. ydelse (årsgennemsnit)"]
    assert register.kolonner == ("Ydelse", "2018", "2019", "2020")
    rows = {r[0]: r[1:] for r in register.raekker}
    # every group has fewer than 5 persons: the cells are hidden, the totals are not
    assert rows["Kontanthjælp"] == ("<5", "<5", "<5")
    assert rows["I alt"] == tuple(_dk(TOTALS[y]) for y in (2018, 2019, 2020)) == ("2", "3", "3")
    # the register's coverage: its first and last week with data (P7 from 2015W01, P6 to 2021W05)
    assert "2015 uge 01 til 2021 uge 05" in register.kilde and "01.03.2021" in register.kilde
    change = (TOTALS[2020] - TOTALS[2019]) / TOTALS[2019] * 100  # -0,05 %
    assert (
        f"I 2020 var der i gennemsnit 3 fuldtidspersoner på offentlig forsørgelse i Varde "
        f"Kommune. Tallet faldt med {_dk(abs(change), 1)} % fra 2019 (3)."
    ) in s.tekst
    # the largest groups of 2020: kontanthjælp 56/53, sygedagpenge 40/53, dagpenge 33/53; the
    # text hides their figures as the table does (3, 2 and 3 persons)
    assert (
        "De største grupper var kontanthjælp (<5), sygedagpenge (<5), arbejdsløshedsdagpenge (<5)."
        in s.tekst
    )
    # the monthly chart shows no group of fewer than 5 persons, so here it has nothing to show
    assert s.figurer == ()

    aup = _aup02_573()
    ledighed = tabeller["Fuldtidsledige i procent af arbejdsstyrken"]
    assert ledighed.kolonner == ("Kommune", "2018", "2019", "2020")
    assert ledighed.raekker == (("Varde", *(f"{_dk(aup[y], 1)} %" for y in (2018, 2019, 2020))),)
    assert "AUP02" in ledighed.kilde
    assert f"Ledigheden var {_dk(aup[2020], 1)} % af arbejdsstyrken i 2020" in s.tekst

    barometer = tabeller["Jobbarometer: brancher og behov for arbejdskraft"]
    assert barometer.raekker == (
        ("Bygge og anlæg", "Stort behov"),
        ("Handel og transport mv.", "Middel behov"),
    )
    assert "Jobbarometeret viser størst behov for arbejdskraft i Bygge og anlæg." in s.tekst
    assert s.dannet == "2021-03-01"


def test_situation_without_data_says_so():
    s = situation_draft(kommune=573, aar=2031, i_dag=date(2030, 3, 1))
    assert s.tabeller == () and s.figurer == ()
    assert "Der er endnu ingen data til at beskrive beskæftigelsessituationen." in s.tekst
