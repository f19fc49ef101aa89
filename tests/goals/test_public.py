"""Goals on public figures: series from aggregate tables, the period shown, default goals."""

import pyarrow as pa
import pytest

from indsats.goals.loader import goal_from_dict
from indsats.goals.public import default_public_goals, public_period, public_series
from indsats.publicdata.offentlige_tal import IMPORTED, PublicSource
from indsats.register.aggregate import AGGREGATE_SCHEMA
from indsats.register.calibration import befolkning


def _source(rows, kilde="Danmarks Statistik, tabel AUK01"):
    cols = list(zip(*rows, strict=True))
    table = pa.table(
        {n: list(c) for n, c in zip(AGGREGATE_SCHEMA.names, cols, strict=True)},
        schema=AGGREGATE_SCHEMA,
    )
    return PublicSource(table, kilde, IMPORTED, "2026-11-26T10:04:00+00:00")


def _goal(groups, measure="fuldtidspersoner"):
    return goal_from_dict(
        {
            "id": "g",
            "titel": "G",
            "indikator": "offentlige_tal",
            "measure": measure,
            "filtre": {"ydelse": groups},
            "forloeb": "maaned_mod_sidste_aar",
            "retning": "lavere",
        }
    )


ROWS = [
    (573, "2024Q1", "dagpenge_mv", "fuldtidspersoner", 400.0),
    (573, "2024Q1", "kontanthjaelp_mv", "fuldtidspersoner", 250.5),
    (573, "2024Q2", "dagpenge_mv", "fuldtidspersoner", 380.0),
    (573, "2024Q2", "kontanthjaelp_mv", "fuldtidspersoner", None),  # suppressed by the publisher
    (573, "2024", "dagpenge_mv", "fuldtidspersoner", 390.0),  # a year: not a quarter, left out
    (665, "2024Q1", "dagpenge_mv", "fuldtidspersoner", 3.2),
    (665, "2024Q1", "kontanthjaelp_mv", "fuldtidspersoner", 0.0),
]


def test_series_adds_groups_where_every_group_has_a_figure():
    src = _source(ROWS)
    serie, used = public_series(_goal(["dagpenge_mv", "kontanthjaelp_mv"]), 573, [src])
    assert used is src
    assert list(serie) == ["2024Q1"]  # 2024Q2 lacks kontanthjælp; the year row is not a quarter
    assert serie["2024Q1"].vaerdi == pytest.approx(650.5)
    assert serie["2024Q1"].personer == 651  # a lower bound: full-time persons rounded up
    small, _ = public_series(_goal(["dagpenge_mv"]), 665, [src])
    assert small["2024Q1"].personer == 4  # 3.2 full-time persons are at least 4 persons


def test_share_divides_by_the_population_and_the_first_source_with_the_groups_wins():
    other = _source([(573, "2024Q1", "dagpenge_mv", "fuldtidspersoner", 999.0)], kilde="Anden")
    src = _source(ROWS)
    serie, used = public_series(_goal(["dagpenge_mv"], "andel"), 573, [other, src])
    assert used is other
    assert serie["2024Q1"].vaerdi == pytest.approx(999.0 / befolkning(573, 2024))
    serie, used = public_series(_goal(["kontanthjaelp_mv"]), 573, [other, src])
    assert used is src and serie["2024Q1"].vaerdi == 250.5
    assert public_series(_goal(["i_alt"]), 573, [other, src]) == ({}, None)


def test_the_period_shown_is_the_latest_published_quarter_ended_by_the_month():
    src = _source(ROWS)
    serie, _ = public_series(_goal(["dagpenge_mv"]), 573, [src])
    assert public_period(serie, "2024-06") == "2024Q2"
    assert public_period(serie, "2024-05") == "2024Q1"  # 2024Q2 has not ended in May
    assert public_period(serie, "2026-11") == "2024Q2"  # publication lags: the latest there is
    assert public_period({}, "2024-06") == "2024Q2"  # no figures: the quarter, with no data


def test_default_goals_one_per_group_without_su():
    src = _source([*ROWS, (573, "2024Q1", "su", "fuldtidspersoner", 700.0)])
    goals = default_public_goals(573, [src])
    assert [g.filter_dict()["ydelse"] for g in goals] == [("dagpenge_mv",), ("kontanthjaelp_mv",)]
    assert all(g.kommune == 573 and g.indikator == "offentlige_tal" for g in goals)
    assert default_public_goals(101, [src]) == []
