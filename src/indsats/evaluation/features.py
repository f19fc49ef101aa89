"""History features and outcomes from the register, as Ibis expressions (DuckDB and PySpark alike).

A *candidate* is a person in a calendar week: everyone on a benefit that week (the register's
rows), plus, for the weeks where a participant was self-supporting at the start, everyone who was
on a benefit in the 52 weeks before but not that week. Its features describe what the register
shows up to that week:

- ydelse: the benefit that week ("selvforsoergelse" for none);
- varighed: weeks in the current spell on that benefit, that week included (0 for none; the
  history looked at is 156 weeks, so a longer spell counts as 157);
- uger_1aar, uger_3aar: weeks on any benefit in the 52 and 156 weeks before that week;
- kommune, birth_year, sex, origin: as registered.

Only the portable subset is used (docs/register.md): windows over the integer week index, no
asof joins. The participants' start weeks and the matched units go to the backend as small
tables (`indsats.analytics.backend.table_from_arrow`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from indsats.analytics.backend import table_from_arrow
from indsats.register.schema import SELVFORSOERGELSE

HISTORY_WEEKS = 156  # 3 years
YEAR_WEEKS = 52
FEATURE_COLUMNS = (
    "person_id",
    "week_index",
    "ydelse",
    "kommune",
    "varighed",
    "uger_1aar",
    "uger_3aar",
    "birth_year",
    "sex",
    "origin",
)


def _backend(table: ir.Table) -> Any:  # an Ibis backend of either kind
    return table._find_backend(use_default=False)


def put_table(register: ir.Table, prefix: str, table: pa.Table) -> ir.Table:
    """A small Arrow table on the register's backend (a temporary table or view)."""
    return table_from_arrow(_backend(register), f"{prefix}_{uuid.uuid4().hex[:12]}", table)


def _history(register: ir.Table, first: int, last: int) -> ir.Table:
    r = register.filter(register.week_index.between(first, last))
    return r.select("person_id", "week_index", "ydelse", "kommune", "birth_year", "sex", "origin")


def on_benefit_candidates(
    register: ir.Table, weeks: Sequence[int], ydelser: Sequence[str] | None = None
) -> ir.Table:
    """Candidates on a benefit in the given weeks (on one of `ydelser` if given), with their
    history features. Only the candidates' own history is windowed over."""
    lo, hi = min(weeks) - HISTORY_WEEKS, max(weeks)
    r = _history(register, lo, hi)
    s = put_table(
        register, "eval_uger", pa.table({"s_uge": pa.array(sorted(set(weeks)), pa.int32())})
    )
    now = r.join(s, r.week_index == s.s_uge)
    if ydelser is not None:
        now = now.filter(now.ydelse.isin(list(ydelser)))
    who = now.select(c_person=now.person_id).distinct()
    r = r.semi_join(who, r.person_id == who.c_person)
    w = ibis.window(group_by=r.person_id, order_by=r.week_index)
    r = r.mutate(prev_week=r.week_index.lag().over(w), prev_ydelse=r.ydelse.lag().over(w))
    new = ~(
        ((r.week_index - r.prev_week) == 1).fill_null(False)
        & (r.prev_ydelse == r.ydelse).fill_null(False)
    )
    r = r.mutate(start_if_new=ibis.ifelse(new, r.week_index, ibis.null("int32")))
    cum = ibis.cumulative_window(group_by=r.person_id, order_by=r.week_index)
    r = r.mutate(spell_start=r.start_if_new.max().over(cum))

    def rolling(span: int) -> Any:  # an Ibis window specification
        return ibis.range_window(
            preceding=span, following=0, group_by=r.person_id, order_by=r.week_index
        )

    r = r.mutate(
        varighed=(r.week_index - r.spell_start + 1).cast("int32"),
        uger_1aar=(r.week_index.count().over(rolling(YEAR_WEEKS)) - 1).cast("int32"),
        uger_3aar=(r.week_index.count().over(rolling(HISTORY_WEEKS)) - 1).cast("int32"),
    )
    j = r.join(s, r.week_index == s.s_uge)
    if ydelser is not None:
        j = j.filter(j.ydelse.isin(list(ydelser)))
    return j.select(*FEATURE_COLUMNS)


def self_supporting_candidates(register: ir.Table, weeks: Sequence[int]) -> ir.Table:
    """Candidates without a benefit in the given weeks who had one in the 52 weeks before."""
    lo, hi = min(weeks) - HISTORY_WEEKS, max(weeks)
    r = _history(register, lo, hi)
    s = put_table(
        register, "eval_su", pa.table({"s_uge": pa.array(sorted(set(weeks)), pa.int32())})
    )
    j = r.join(
        s,
        (r.week_index >= s.s_uge - HISTORY_WEEKS) & (r.week_index <= s.s_uge - 1),
    )
    recent = (j.week_index >= j.s_uge - YEAR_WEEKS).ifelse(1, 0)
    g = j.group_by(["person_id", "s_uge"]).agg(
        uger_1aar=recent.sum().cast("int32"),
        uger_3aar=j.count().cast("int32"),
        kommune=j.kommune.argmax(j.week_index),
        birth_year=j.birth_year.max(),
        sex=j.sex.max(),
        origin=j.origin.max(),
    )
    g = g.filter(g.uger_1aar >= 1)
    now = r.select(n_person=r.person_id, n_uge=r.week_index)
    g = g.anti_join(now, [g.person_id == now.n_person, g.s_uge == now.n_uge])
    return g.select(
        "person_id",
        week_index=g.s_uge.cast("int32"),
        ydelse=ibis.literal(SELVFORSOERGELSE, "string"),
        kommune=g.kommune.cast("int32"),
        varighed=ibis.literal(0, "int32"),
        uger_1aar="uger_1aar",
        uger_3aar="uger_3aar",
        birth_year=g.birth_year.cast("int32"),
        sex="sex",
        origin="origin",
    )


def candidates(
    register: ir.Table,
    weeks: Sequence[int],
    *,
    ydelser: Sequence[str] | None = None,
    self_supporting_weeks: Sequence[int] = (),
    kommuner: Sequence[int] | None = None,
    participants: Sequence[int] = (),
) -> pa.Table:
    """All candidates in the weeks (Arrow, sorted by week and person): on one of `ydelser` (any
    benefit if None) in `weeks`, and self-supporting in `self_supporting_weeks`; optionally only
    those whose municipality that week is one of `kommuner` (the `participants`, person ids, are
    kept wherever they live)."""
    parts: list[ir.Table] = []
    if weeks:
        parts.append(on_benefit_candidates(register, weeks, ydelser))
    if self_supporting_weeks:
        parts.append(self_supporting_candidates(register, self_supporting_weeks))
    if not parts:
        raise ValueError("no weeks to find candidates in")
    t = parts[0] if len(parts) == 1 else parts[0].union(parts[1])
    if kommuner is not None:
        keep = t.kommune.isin([int(k) for k in kommuner])
        if participants:
            keep |= t.person_id.isin([int(p) for p in participants])
        t = t.filter(keep)
    return t.to_pyarrow().sort_by([("week_index", "ascending"), ("person_id", "ascending")])


def start_states(register: ir.Table, participants: pa.Table) -> pa.Table:
    """The benefit of each participant (person_id, start_uge) in the start week: person_id,
    start_uge, ydelse (NULL when self-supporting that week)."""
    p = put_table(register, "eval_start", participants.select(["person_id", "start_uge"]))
    r = register.select(r_person="person_id", r_uge="week_index", ydelse="ydelse")
    j = p.left_join(r, [p.person_id == r.r_person, p.start_uge == r.r_uge])
    return j.select("person_id", "start_uge", "ydelse").to_pyarrow()


def person_weeks(register: ir.Table, persons: pa.Table, first: int, last: int) -> pa.Table:
    """The register rows (person_id, week_index, ydelse) of the given persons (a table with a
    person_id column) in weeks first..last, sorted by person and week."""
    p = put_table(register, "eval_personer", persons.select(["person_id"]))
    r = register.filter(register.week_index.between(first, last)).select(
        "person_id", "week_index", "ydelse"
    )
    j = r.semi_join(p, r.person_id == p.person_id)
    return j.to_pyarrow().sort_by([("person_id", "ascending"), ("week_index", "ascending")])


def unit_outcomes(register: ir.Table, units: pa.Table, before: int, after: int) -> pa.Table:
    """Benefit rows of each unit (enhed, person_id, start_uge) from `before` weeks before to
    `after` weeks after its start: enhed, rel (week - start), ydelse; sorted by enhed, rel."""
    u = put_table(register, "eval_enheder", units.select(["enhed", "person_id", "start_uge"]))
    lo = int(pc.min(units.column("start_uge")).as_py()) - before
    hi = int(pc.max(units.column("start_uge")).as_py()) + after
    r = register.filter(register.week_index.between(lo, hi)).select(
        r_person="person_id", r_uge="week_index", ydelse="ydelse"
    )
    j = r.join(
        u,
        (r.r_person == u.person_id)
        & (r.r_uge >= u.start_uge - before)
        & (r.r_uge <= u.start_uge + after),
    )
    out = j.select("enhed", rel=(j.r_uge - j.start_uge).cast("int32"), ydelse=j.ydelse)
    return out.to_pyarrow().sort_by([("enhed", "ascending"), ("rel", "ascending")])


def persons_present(register: ir.Table, persons: pa.Table) -> pa.Table:
    """person_id, first and last week of each given person found in the register."""
    p = put_table(register, "eval_findes", persons.select(["person_id"]))
    r = register.select("person_id", "week_index")
    j = r.semi_join(p, r.person_id == p.person_id)
    return (
        j.group_by("person_id")
        .agg(foerste=j.week_index.min(), sidste=j.week_index.max())
        .to_pyarrow()
    )
