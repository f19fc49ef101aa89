"""Refusion tiers (finansieringsloven §§ 3, 5, 6, 29): table-driven rows, each citing its §."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from indsats.rules.dates import parse_iso_week
from indsats.rules.model import InputError
from indsats.rules.refusion import (
    HistoryRow,
    read_history_csv,
    refusion_frame,
    refusion_rate_pct,
    refusion_tiers_arrays,
    refusion_weeks,
)

W0 = parse_iso_week("2016-W01")


def run(spec: list[tuple[int, str]], pid: str = "p") -> list:
    return refusion_weeks([HistoryRow(pid, W0 + w, y) for w, y in spec])


def weeks(n: int, code: str = "kontanthjaelp", start: int = 0) -> list[tuple[int, str]]:
    return [(start + i, code) for i in range(n)]


# (id, history, index of the output row to check, expected fields)
ROWS = [
    (
        "fin5-week-1-80pct",
        weeks(1),
        0,
        {"anciennitet": 1, "tier": 1, "rate": Decimal("0.80"), "kind": "refusion"},
    ),
    (
        "fin5-week-4-still-tier-1",
        weeks(4),
        3,
        {"anciennitet": 4, "tier": 1, "rate": Decimal("0.80")},
    ),
    ("fin5-week-5-40pct", weeks(5), 4, {"anciennitet": 5, "tier": 2, "rate": Decimal("0.40")}),
    ("fin5-week-26-tier-2", weeks(26), 25, {"tier": 2}),
    ("fin5-week-27-30pct", weeks(27), 26, {"tier": 3, "rate": Decimal("0.30")}),
    ("fin5-week-52-tier-3", weeks(52), 51, {"tier": 3}),
    ("fin5-week-53-20pct", weeks(53), 52, {"tier": 4, "rate": Decimal("0.20")}),
    (
        "fin5.3-dagpenge-medfinansiering-20",
        weeks(1, "dagpenge"),
        0,
        {"kind": "medfinansiering", "rate": Decimal("0.20")},
    ),
    ("fin5.3-dagpenge-week-5-60", weeks(5, "dagpenge"), 4, {"rate": Decimal("0.60")}),
    ("fin5.3-dagpenge-week-27-70", weeks(27, "dagpenge"), 26, {"rate": Decimal("0.70")}),
    (
        "fin5.3-foertidspension-week-53-80",
        weeks(53, "foertidspension"),
        52,
        {"kind": "medfinansiering", "rate": Decimal("0.80"), "status": "unverified"},
    ),
    (
        "STAR-weeks-summed-across-benefits",
        weeks(3, "kontanthjaelp") + weeks(3, "dagpenge", 3),
        5,
        {"anciennitet": 6, "tier": 2},
    ),
    (
        "STAR-two-benefits-one-week-count-once",
        [(0, "kontanthjaelp"), (0, "dagpenge"), (1, "kontanthjaelp")],
        2,
        {"anciennitet": 2},
    ),
    (
        "fin6-gaps-do-not-reset-below-52",
        weeks(10) + weeks(1, start=10 + 51),
        10,
        {"anciennitet": 11, "reset": False},
    ),
    (
        "fin6-reset-after-52-weeks",
        weeks(10) + weeks(1, start=10 + 52),
        10,
        {"anciennitet": 1, "tier": 1, "reset": True},
    ),
    (
        "fin6-reset-summed-self-support",
        weeks(10) + weeks(5, start=40) + weeks(1, start=45 + 22),
        15,
        {"anciennitet": 1, "reset": True},
    ),
    (
        "fin6-self-support-outside-3-years",
        weeks(10) + weeks(110, start=40) + weeks(1, start=172),
        120,
        {"anciennitet": 121, "reset": False},
    ),
    (
        "fin6-loentilskud-not-self-support",
        weeks(10) + weeks(60, "loentilskud", 10) + weeks(1, start=70),
        70,
        {"anciennitet": 11, "reset": False},
    ),
    (
        "fin6-loentilskud-row-has-no-rate",
        weeks(1) + [(1, "loentilskud")],
        1,
        {"rate": None, "covered": False},
    ),
    (
        "fin29-sygedagpenge-from-2015-12-28",
        [(-1, "sygedagpenge")],
        0,
        {"anciennitet": 1, "iso_week": "2015-W53"},
    ),
]


@pytest.mark.parametrize(
    ("history", "index", "expected"), [pytest.param(*r[1:], id=r[0]) for r in ROWS]
)
def test_refusion_row(history: list, index: int, expected: dict) -> None:
    out = run(history)
    row = out[index]
    for key, want in expected.items():
        assert getattr(row, key) == want, (key, getattr(row, key))


@pytest.mark.parametrize(
    ("code", "week"),
    [("kontanthjaelp", "2015-W53"), ("dagpenge", "2015-W50"), ("uddannelseshjaelp", "2025-W30")],
)
def test_refusion_outside_period_is_error(code: str, week: str) -> None:
    """fin29: other ydelser from 2016-01-04; uddannelseshjælp ends 2025-06-30."""
    with pytest.raises(InputError, match=code):
        refusion_weeks([HistoryRow("p", parse_iso_week(week), code)])


def test_unknown_benefit_is_error() -> None:
    with pytest.raises(InputError, match="unknown ydelse 'boligstoette'"):
        refusion_weeks([HistoryRow("p", W0, "boligstoette")])


def test_count_restarts_twice_arrays() -> None:
    """fin6 twice for one person, array API."""
    wk = np.array([W0, W0 + 1, W0 + 60, W0 + 61, W0 + 130])
    res = refusion_tiers_arrays(np.array(["a"] * 5), wk, np.ones(5, bool))
    assert res["anciennitet"].tolist() == [1, 2, 1, 2, 1]
    assert res["reset"].tolist() == [False, False, True, False, True]


def test_arrays_require_sorted_input() -> None:
    with pytest.raises(ValueError, match="sorted"):
        refusion_tiers_arrays(np.array(["a", "a"]), np.array([W0 + 1, W0]), np.ones(2, bool))
    with pytest.raises(ValueError, match="contiguous"):
        refusion_tiers_arrays(
            np.array(["a", "b", "a"]), np.array([W0, W0, W0 + 1]), np.ones(3, bool)
        )


def test_rate_pct_and_frame() -> None:
    assert refusion_rate_pct(np.array([1, 2, 3, 4, 0]), np.zeros(5, bool)).tolist() == [
        80,
        40,
        30,
        20,
        0,
    ]
    assert refusion_rate_pct(np.array([1, 2, 3, 4]), np.ones(4, bool)).tolist() == [20, 60, 70, 80]
    df = pd.DataFrame(
        {
            "person_id": ["p", "p", "q"],
            "week_index": [W0, W0, W0 + 4],
            "ydelse": ["kontanthjaelp", "dagpenge", "loentilskud"],
        }
    )
    out = refusion_frame(df)
    assert out["rate_pct"].tolist() == [80, 20, 0]
    assert out["kind"].tolist()[:2] == ["refusion", "medfinansiering"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("person_id,week,ydelse\np1,2024-W05,foo\n", "field ydelse"),
        ("person_id,week,ydelse\np1,2024-W60,dagpenge\n", "field week"),
        ("person_id,week,ydelse\np1,,dagpenge\n", "field week"),
        ("person_id,week,ydelse\n,2024-W05,dagpenge\n", "field person_id"),
        ("person_id,week\np1,2024-W05\n", "header"),
        ("person_id,week,ydelse\np1,2015-W50,kontanthjaelp\n", "field week"),
    ],
)
def test_csv_errors_name_the_field(text: str, field: str) -> None:
    with pytest.raises(InputError) as exc:
        read_history_csv(text)
    assert field in str(exc.value)


def test_csv_reads_both_week_forms() -> None:
    rows = read_history_csv("person_id,week,ydelse\np1,2024-W05,dagpenge\np1,2024W06,dagpenge\n")
    assert [r.week for r in rows] == [parse_iso_week("2024-W05"), parse_iso_week("2024-W05") + 1]


def test_each_week_says_why() -> None:
    """Every refusion row carries rule id, parameter version, reference, status and Danish text."""
    row = run(weeks(5, "dagpenge"))[4]
    d = row.to_dict()
    assert d["rule_id"] == "FIN.5.trin"
    assert d["parameter_version"] == {"from": "2015-12-28", "to": None}
    assert "Finansieringsloven § 5" in d["legal_reference"]
    assert d["text_da"] == (
        "Uge 2016-W05 (dagpenge) er uge 5 i anciennitet, trin 2: kommunen "
        "medfinansierer 60 % (finansieringsloven § 5)."
    )
    reset = run(weeks(10) + weeks(1, start=62))[10]
    assert "startet forfra" in reset.text_da


def test_array_path_refuses_a_second_version_of_the_tiers(monkeypatch):
    """The array path assumes one version of the refusion tiers (true since 2016); a second
    version must be refused with a clear error, never silently mixed."""
    import dataclasses

    import pytest

    from indsats.rules import refusion
    from indsats.rules.parameters import ParameterError, parameter

    real = parameter("refusion.trin")
    twice = dataclasses.replace(real, values=real.values + real.values)
    monkeypatch.setattr(
        refusion, "parameter", lambda key: twice if key == "refusion.trin" else parameter(key)
    )
    with pytest.raises(ParameterError, match="2 versions"):
        refusion._single_value("refusion.trin")


# --------------------------------------------------------------------------- history as periods

PERIOD_ROWS = [
    # (id naming the §, periods, index of the week row asked, expected fields)
    (
        "fin5-period-one-day-touches-one-week",
        [("p1", "2024-01-03", "2024-01-03", "kontanthjaelp")],
        0,
        {"iso_week": "2024-W01", "anciennitet": 1, "tier": 1},
    ),
    (
        "fin5-period-over-two-weeks-touches-both",
        [("p1", "2024-01-07", "2024-01-08", "kontanthjaelp")],
        1,
        {"iso_week": "2024-W02", "anciennitet": 2},
    ),
    (
        "fin5-period-of-5-weeks-tier-2",
        [("p1", "2024-01-01", "2024-02-04", "kontanthjaelp")],
        4,
        {"iso_week": "2024-W05", "anciennitet": 5, "tier": 2, "rate": Decimal("0.40")},
    ),
    (
        "fin5-overlapping-periods-of-one-benefit-count-once",
        [
            ("p1", "2024-01-01", "2024-01-14", "kontanthjaelp"),
            ("p1", "2024-01-08", "2024-01-21", "kontanthjaelp"),
        ],
        2,
        {"iso_week": "2024-W03", "anciennitet": 3},
    ),
    (
        "fin6-52-weeks-self-support-between-periods-restarts",
        [
            ("p1", "2020-01-06", "2020-03-01", "dagpenge"),
            ("p1", "2021-03-08", "2021-03-14", "dagpenge"),
        ],
        8,
        {"iso_week": "2021-W10", "anciennitet": 1, "reset": True},
    ),
]


@pytest.mark.parametrize(
    ("periods", "index", "expected"), [pytest.param(*r[1:], id=r[0]) for r in PERIOD_ROWS]
)
def test_history_period_row(periods: list, index: int, expected: dict) -> None:
    from indsats.rules.refusion import HistoryPeriod, rows_from_periods

    rows = rows_from_periods(
        HistoryPeriod(p, date.fromisoformat(a), date.fromisoformat(b), y) for p, a, b, y in periods
    )
    got = refusion_weeks(rows)[index]
    for key, want in expected.items():
        assert getattr(got, key) == want, (key, getattr(got, key))


def test_periods_csv_equals_week_rows_and_errors_name_line_and_field() -> None:
    from indsats.rules.refusion import read_history

    periods = "person_id,fra,til,ydelse\np1,2024-01-01,2024-01-21,kontanthjaelp\n"
    weeks_csv = "person_id,week,ydelse\n" + "".join(
        f"p1,2024-W0{w},kontanthjaelp\n" for w in (1, 2, 3)
    )
    assert refusion_weeks(read_history(periods)) == refusion_weeks(read_history(weeks_csv))
    for text, where in (
        ("person_id,fra,til,ydelse\np1,2024-01-05,2024-01-01,kontanthjaelp\n", "line 2, field til"),
        ("person_id,fra,til,ydelse\np1,5.1.2024,2024-01-09,kontanthjaelp\n", "line 2, field fra"),
        ("person_id,fra,til,ydelse\np1,2024-01-01,,kontanthjaelp\n", "line 2, field til"),
        ("person_id,fra,til,ydelse\np1,2024-01-01,2024-01-09,boligstoette\n", "field ydelse"),
        ("person_id,fra,ydelse\np1,2024-01-01,kontanthjaelp\n", "header"),
    ):
        with pytest.raises(InputError) as exc:
            read_history(text, name="H.csv")
        assert where in str(exc.value), exc.value
    with pytest.raises(InputError, match="2015-W52"):
        read_history("person_id,fra,til,ydelse\np1,2015-12-21,2016-01-10,kontanthjaelp\n")
