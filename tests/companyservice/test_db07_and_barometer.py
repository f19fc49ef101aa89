from datetime import date

import pytest

from indsats.companyservice.barometer import Behov, Signal, barometer_compute, barometer_level_for
from indsats.companyservice.db07 import (
    InvalidDb07,
    branche_navn,
    db07_parse,
    gruppe10_for,
    grupper10,
    same_gruppe10,
    same_hovedgruppe,
)


def test_ten_standard_groups():
    groups = grupper10()
    assert [g.nr for g in groups] == list(range(1, 11))
    assert groups[2].navn == "Bygge og anlæg"


@pytest.mark.parametrize(
    "code,group",
    [
        ("01", 1),
        ("0111", 1),
        ("10", 2),
        ("35", 2),
        ("38", 2),
        ("41", 3),
        ("43", 3),
        ("47.11", 4),
        ("52", 4),
        ("56", 4),
        ("62", 5),
        ("64", 6),
        ("68", 7),
        ("78", 8),
        ("81", 8),
        ("84", 9),
        ("87", 9),
        ("93", 10),
        ("96", 10),
    ],
)
def test_codes_map_to_their_group(code, group):
    assert gruppe10_for(code).nr == group


def test_parse_and_names():
    assert db07_parse("47.11") == "4711"
    assert db07_parse("471110") == "471110"
    for bad in ["4", "04", "47111", "abc", ""]:
        with pytest.raises(InvalidDb07):
            db07_parse(bad)
    assert branche_navn("52") == "Hjælpevirksomhed i forbindelse med transport (lager)"
    assert branche_navn("4711") == "Detailhandel, undtagen med motorkøretøjer og motorcykler"
    assert branche_navn("53") == "Transport og godshåndtering"  # section name fallback
    assert same_hovedgruppe("5210", "52") and not same_hovedgruppe("52", "49")
    assert same_gruppe10("52", "47") and not same_gruppe10("52", "41")


D = date(2026, 3, 15)


def test_barometer_grouping_by_hand():
    signals = [
        # Handel og transport (4): 3 + 2 positions, 1 placement to job (2 points), 1 hotline
        Signal("jobordre", "52", D, antal=3),
        Signal("jobordre", "47", D, antal=2),
        Signal("placering_job", "56", D),
        Signal("hotline", "52", D),
        # Bygge og anlæg (3): 2 positions, 1 hotline
        Signal("jobordre", "43", D, antal=2),
        Signal("hotline", "41", D),
        # Sundhed (9): 1 placement to job
        Signal("placering_job", "87", D),
        # Landbrug (1): 1 hotline
        Signal("hotline", "01", D),
        # Outside the period, and an unknown code: ignored
        Signal("jobordre", "52", date(2025, 12, 31), antal=50),
        Signal("jobordre", "00", D, antal=50),
    ]
    rows = barometer_compute(signals=signals, fra=date(2026, 1, 1), til=date(2026, 3, 31))
    by_nr = {r.gruppe_nr: r for r in rows}
    # Scores: group 4 = 3 + 2 + 2 + 1 = 8; group 3 = 2 + 1 = 3; group 9 = 2; group 1 = 1.
    # Total 14 over ten groups: mean 1.4; high >= 2.1; low < 0.7.
    assert [(r.gruppe_nr, r.score) for r in rows[:4]] == [(4, 8), (3, 3), (9, 2), (1, 1)]
    assert by_nr[4].stillinger == 5 and by_nr[4].placeringer_job == 1 and by_nr[4].hotline == 1
    assert by_nr[4].hovedgrupper == {"52": 4, "47": 2, "56": 2}
    assert by_nr[4].behov is Behov.HOEJ
    assert by_nr[3].behov is Behov.HOEJ  # 3 >= 2.1
    assert by_nr[9].behov is Behov.MIDDEL  # 0.7 <= 2 < 2.1
    assert by_nr[1].behov is Behov.MIDDEL  # 0.7 <= 1 < 2.1
    assert by_nr[5].behov is Behov.LAV and by_nr[5].score == 0
    assert barometer_level_for(rows, "4711").gruppe_nr == 4
    assert barometer_level_for(rows, "xx") is None


def test_barometer_with_no_signals_is_all_low():
    rows = barometer_compute(signals=[], fra=D, til=D)
    assert len(rows) == 10 and all(r.behov is Behov.LAV for r in rows)


def test_barometer_refuses_an_inverted_period():
    with pytest.raises(ValueError):
        barometer_compute(signals=[], fra=D, til=date(2026, 1, 1))
