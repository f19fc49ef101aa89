"""The refusion tiers in the engine (Ibis windows) equal the rules' arrays on generated histories.

Each hypothesis example is a small register of several persons whose histories are built from
runs of weeks with a benefit and gaps chosen around the reset rule's edges (51, 52 and 53
self-supported weeks; 104/105 and 156/157 around the three-year window), with weeks that hold two
benefits, across the 53-week ISO years 2015 and 2020 and from before the rules' first week
(2015-W53). The engine's anciennitet, tier, reset and rate must equal
`indsats.rules.refusion.refusion_tiers_arrays` row by row, on DuckDB and on PySpark.
"""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indsats.analytics.backend import table_from_arrow
from indsats.analytics.kontekst import Kontekst
from indsats.analytics.refusion import (
    CODES,
    per_week,
    per_week_by_rules,
    refusion_uger,
    refusion_uger_by_rules,
)
from indsats.register.store import to_canonical
from indsats.register.weeks import parse_periode
from indsats.register.weeks import week_index as wi

COLS = ["person_id", "week_index", "ydelse", "anciennitet", "trin", "reset", "art", "sats_pct"]
KEY = [("kommune", "ascending"), ("week_index", "ascending"), ("ydelse", "ascending")]
KEY += [("trin", "ascending")]
EDGE_GAPS = [1, 2, 50, 51, 52, 53, 103, 104, 105, 155, 156, 157]

gap = st.one_of(st.sampled_from(EDGE_GAPS), st.integers(1, 60))
run = st.integers(1, 60)
person = st.tuples(
    st.integers(wi(2015, 45), wi(2020, 40)),  # first week (before 2015-W53 and across 2020-W53)
    st.lists(st.tuples(gap, run), min_size=1, max_size=6),
    st.sets(st.integers(0, 400), max_size=6),  # weeks (offsets) that also get a second benefit
    st.integers(0, len(CODES) - 1),
)


def register(people: list) -> pa.Table:
    pid, week, yd, kom = [], [], [], []
    for p, (start, runs, doubles, code) in enumerate(people, start=1):
        w = start
        for i, (g, n) in enumerate(runs):
            w += g if i else 0
            for _ in range(n):
                codes = [CODES[(code + w) % len(CODES)]]
                if (w - start) in doubles:
                    codes.append(CODES[(code + w + 1) % len(CODES)])
                for c in codes:
                    pid.append(p)
                    week.append(w)
                    yd.append(c)
                    kom.append(573 if p % 2 else 390)
                w += 1
    return to_canonical(person_id=pid, week_index=week, ydelse=yd, kommune=kom)


def context() -> Kontekst:
    p = parse_periode("2016:2022")
    return Kontekst(p, daekning=(wi(2015, 1), p.last))


def assert_equal(con, people: list) -> None:
    reg = table_from_arrow(con, "refusion_hyp", register(people))
    ctx = context()
    engine = refusion_uger(reg, ctx).to_pyarrow().select(COLS)
    rules = refusion_uger_by_rules(reg, ctx).select(COLS)
    assert engine.to_pylist() == rules.to_pylist()
    e, r = per_week(reg, ctx).sort_by(KEY), per_week_by_rules(reg, ctx).sort_by(KEY)
    assert e.to_pylist() == r.to_pylist()


SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# A reset made of two gaps (30 + 22 weeks) within three years, then one after exactly 52.
TWO_GAPS = [(wi(2016, 1), [(0, 10), (30, 5), (22, 3), (52, 2)], set(), 0)]
# Self-support more than three years back does not count; two benefits in a 53rd week.
OLD_GAPS = [(wi(2015, 50), [(0, 6), (40, 110), (20, 1)], {3}, 4)]


@pytest.mark.parametrize("con", ["duckdb"], indirect=True)
@settings(SETTINGS, max_examples=20)
@given(st.lists(person, min_size=1, max_size=8))
@example(TWO_GAPS)
@example(OLD_GAPS)
def test_engine_equals_rules_arrays_duckdb(con, people):
    assert_equal(con, people)


@pytest.mark.spark
@pytest.mark.parametrize("con", ["pyspark"], indirect=True)
@settings(SETTINGS, max_examples=2)
@given(st.lists(person, min_size=20, max_size=30))
@example(TWO_GAPS + OLD_GAPS)
def test_engine_equals_rules_arrays_pyspark(con, people):
    assert_equal(con, people)


def test_the_edge_cases_are_in_the_examples():
    """The explicit examples hold what the module docstring promises: a reset made of two gaps,
    a week 53 with two benefits, weeks before 2015-W53."""
    t = register(TWO_GAPS + OLD_GAPS)
    weeks = t.column("week_index").to_pylist()
    assert wi(2015, 53) in weeks and min(weeks) < wi(2015, 53)
    assert t.num_rows > len(set(zip(t.column("person_id").to_pylist(), weeks, strict=True)))
