"""Refusion by tier in the engine: each person-week's anciennitet, tier and rate as Ibis windows.

The law (tiers 1-4, rates 80/40/30/20 % refusion and 20/60/70/80 % medfinansiering, the reset
after 52 self-supported weeks within 3 years, start in 2015-W53) lives in `indsats.rules`
(parameters `refusion.*`, reference implementation `indsats.rules.refusion`). This module
computes the same anciennitet where the register lives - DuckDB on a laptop, Spark on a cluster -
so the person-weeks never travel to the driver. Tested equal to the rules' arrays
(`refusion_tiers_arrays`) on the hand-made register, on hypothesis-generated histories and
(benchmark) on the national synthetic year.

**How the reset becomes window functions.** Write S(x) for the number of self-supported weeks
of a person up to week x. The rules restart the count in a covered week w when, with r the first
week of the current count, the self-supported weeks in [max(r + 1, w - 156), w - 1] number at
least 52. Since S only grows, that count is min(S(w-1) - S(r), S(w-1) - S(w-157)), so a reset
needs both

  (a) at least 52 self-supported weeks in the 156 weeks before w (a rolling window, independent
      of r: at most 104 weeks with a benefit among them, i.e. the 105th week with a benefit
      before w lies before w - 156), and
  (b) at least 52 self-supported weeks since the current count began: T(w) >= T(r) + 52 with
      T(x) = x - (number of weeks with a benefit up to x) = S(x-1) up to a constant.

A week right after a week with a benefit cannot reset (the week before would have reset first),
so only the first week after a gap is a candidate. One window pass over the register marks the
candidates that satisfy (a); they are few (about one per spell). The chain of resets - the next
one is the first candidate with T at least 52 above the current start's - is sequential, but each
person has at most one reset per 52 weeks, so it is followed a step at a time over the small
candidate table, all persons at once (one backend query per step; a year of data needs one step,
ten years at most ten). A second window pass gives every person-week its anciennitet: the number
of distinct weeks with a benefit since the latest start (a dense rank), so several benefits in
one week count once. The tier and the rate come from the rules' dated parameters as CASE
expressions over the weeks each version covers.

Weeks before 2015-W53 are outside the refusion rules and are ignored (self-supported), so
anciennitet starts at the reform. The register's rows are all covered ydelser (løntilskud is not
in the register).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from indsats.analytics.kontekst import Kontekst
from indsats.domain.ydelser import Ydelse
from indsats.register import weeks

CODES = [y.value for y in Ydelse]
REFUSION = "refusion"
MEDFINANSIERING = "medfinansiering"
GROUP = ["kommune", "week_index", "ydelse", "art", "trin", "sats_pct"]


# ---------------------------------------------------------------------------------------------
# The rules' parameters, in register weeks


@dataclass(frozen=True)
class _Version:
    """One dated version of the tier table, over register weeks [first, last] (last None: open)."""

    first: int
    last: int | None
    bounds: tuple[int, ...]  # til_uge of every tier but the open last one, ascending
    refusion_pct: tuple[int, ...]  # by tier 1..n
    medfinansiering_pct: tuple[int, ...]


def _rules_offset() -> int:
    from indsats.rules.dates import week_index as rules_week_index

    return rules_week_index(weeks.EPOCH)


def first_week() -> int:
    """The first week (register week_index) in the refusion rules (2015-W53)."""
    from indsats.rules.refusion import value_first_week

    return value_first_week() - _rules_offset()


def _week_of(day: date, *, after: bool) -> int:
    """The first register week whose Monday is on or after `day` (after=True), or the last
    week whose Monday is on or before `day`: the rules date a week by its Monday."""
    i = weeks.week_index_of_date(day)
    if after and weeks.monday(i) < day:
        i += 1
    return i


def _reset_rule() -> tuple[int, int]:
    """(vindue_uger, selvforsoergelse_uger) of § 6. One version only: a change of the reset rule
    would need a reading of how counts running across the change continue, which the law has not
    had to give; the engine refuses rather than guess (as the rules' arrays do)."""
    from indsats.rules.parameters import ParameterError, parameter

    p = parameter("refusion.nulstilling")
    if len(p.values) != 1:
        raise ParameterError(
            f"refusion.nulstilling has {len(p.values)} versions; the engine handles one"
        )
    v = p.values[0].value
    return int(v["vindue_uger"]), int(v["selvforsoergelse_uger"])


def _tier_versions() -> list[_Version]:
    from indsats.rules.parameters import parameter

    out = []
    for pv in parameter("refusion.trin").values:
        tiers = sorted(pv.value, key=lambda t: t["trin"])
        out.append(
            _Version(
                first=_week_of(pv.valid_from, after=True),
                last=None if pv.valid_to is None else _week_of(pv.valid_to, after=False),
                bounds=tuple(int(t["til_uge"]) for t in tiers if t["til_uge"] is not None),
                refusion_pct=tuple(int(t["refusion"] * 100) for t in tiers),
                medfinansiering_pct=tuple(int(t["medfinansiering"] * 100) for t in tiers),
            )
        )
    return out


def _ydelse_types() -> dict[str, list[tuple[int, int | None, str]]]:
    """Each ydelse's refusion type by register weeks: [(first, last, type), ...]."""
    from indsats.rules.parameters import parameter

    out: dict[str, list[tuple[int, int | None, str]]] = {}
    for code in CODES:
        out[code] = [
            (
                _week_of(pv.valid_from, after=True),
                None if pv.valid_to is None else _week_of(pv.valid_to, after=False),
                str(pv.value["type"]),
            )
            for pv in parameter(f"refusion.ydelse.{code}").values
        ]
    return out


def _in_version(week: ir.IntegerValue, first: int, last: int | None) -> ir.BooleanValue:
    return (week >= first) if last is None else week.between(first, last)


def _dated(week: ir.IntegerValue, branches: list[tuple[int, int | None, Any]]) -> Any:
    """The value of the version covering `week`: the value itself when there is one version."""
    if len(branches) == 1:
        return branches[0][2]
    return ibis.cases(*[(_in_version(week, a, b), v) for a, b, v in branches])


def _art(ydelse: ir.StringValue, week: ir.IntegerValue) -> ir.StringValue:
    """refusion or medfinansiering. A ydelse with one type is mapped without a date (the
    register may hold weeks just outside a ydelse's own dates, e.g. its first days)."""
    types = _ydelse_types()
    cases = []
    for code, versions in types.items():
        kinds = {k for _, _, k in versions}
        value = kinds.pop() if len(kinds) == 1 else _dated(week, versions)
        cases.append((ydelse == code, value))
    return ibis.cases(*cases, else_=ibis.null("string")).cast("string")


def _sats_pct(trin: ir.IntegerValue, art: ir.StringValue, week: ir.IntegerValue) -> Any:
    def rate(v: _Version) -> ir.IntegerValue:
        ref = ibis.cases(*[(trin == i + 1, p) for i, p in enumerate(v.refusion_pct)])
        med = ibis.cases(*[(trin == i + 1, p) for i, p in enumerate(v.medfinansiering_pct)])
        return ibis.ifelse(art == MEDFINANSIERING, med, ref).cast("int32")

    return _dated(week, [(v.first, v.last, rate(v)) for v in _tier_versions()])


# ---------------------------------------------------------------------------------------------
# The engine path


def _scope(register: ir.Table, ctx: Kontekst) -> ir.Table:
    lo = first_week()
    r = register.filter((register.week_index >= lo) & (register.week_index <= ctx.periode.last))
    return r.select("person_id", "week_index", "kommune", "ydelse")


def _keep(ctx: Kontekst, table: ir.Table) -> ir.Table:
    """Materialise a small intermediate on the backend (Ibis cache); released with the suite's
    shared intermediates when run by `run_indicators`."""
    cached = table.cache()
    if ctx.shared is not None:
        ctx.shared[("refusion", id(cached))] = cached
    return cached


def _runs(r: ir.Table, window: int, need: int) -> ir.Table:
    """One window pass over the person-weeks. Keeps the first row of every run of consecutive
    weeks (`start`) and each person's last row (`last`), with dr (the week's 0-based rank among
    the person's distinct weeks), t = week - dr, and for run starts after a gap condition (a):
    True, False, or NULL where only an exact count can tell (several rows in a week before)."""
    w = ibis.window(group_by=r.person_id, order_by=r.week_index)
    m = r.select(
        "person_id",
        "week_index",
        rn=ibis.row_number().over(w),
        dr=ibis.dense_rank().over(w),
        prev=r.week_index.lag().over(w),
        back=r.week_index.lag(window - need + 1).over(w),
        nxt=r.week_index.lead().over(w),
    )
    start = m.prev.isnull() | ((m.week_index - m.prev) > 1)
    m = m.filter(start | m.nxt.isnull())
    sure = (
        ((m.week_index - m.prev - 1) >= need) | m.back.isnull() | (m.back < m.week_index - window)
    )
    cond = ibis.ifelse(sure, True, ibis.ifelse(m.rn == m.dr, False, ibis.null("boolean")))
    return m.select(
        "person_id",
        week_index=m.week_index.cast("int64"),
        dr=m.dr.cast("int64"),
        t=(m.week_index - m.dr).cast("int64"),
        start=start,
        first=m.prev.isnull(),
        last=m.nxt.isnull(),
        cond=ibis.ifelse(m.prev.notnull() & start, cond, ibis.null("boolean")),
    )


def _resolve_exactly(r: ir.Table, open_: ir.Table, window: int, need: int) -> ir.Table:
    """Condition (a) by counting distinct weeks, for candidates the row counts cannot decide."""
    x = r.select(x_person="person_id", x_week="week_index")
    j = open_.join(
        x,
        [
            open_.person_id == x.x_person,
            x.x_week >= open_.week_index - window,
            x.x_week < open_.week_index,
        ],
    )
    g = j.group_by("person_id", "week_index").agg(present=j.x_week.nunique())
    ok = g.filter(g.present <= window - need).select("person_id", "week_index")
    return open_.semi_join(ok, ["person_id", "week_index"])


def _resets(ctx: Kontekst, r: ir.Table, runs: ir.Table, window: int, need: int) -> ir.Table:
    """The weeks where the count restarts: person_id, week_index, dr. Follows the chain one reset
    per step for all persons at once (one small backend query per step)."""
    cand = runs.filter(runs.start & ~runs.first & (runs.cond.isnull() | runs.cond))
    undecided = cand.filter(cand.cond.isnull())
    if int(undecided.count().to_pyarrow().as_py()):
        decided = cand.filter(cand.cond.notnull())
        cand = decided.union(_resolve_exactly(r, undecided, window, need))
    cand = _keep(ctx, cand.select("person_id", "week_index", "dr", "t"))
    firsts = runs.filter(runs.first)
    frontier = firsts.semi_join(cand, "person_id").select("person_id", t_r=firsts.t)
    found: list[ir.Table] = []
    while True:
        j = cand.join(frontier, "person_id")
        j = j.filter(j.t >= j.t_r + need)
        # t grows strictly from one candidate to the next, so the first week has the least t.
        step = _keep(
            ctx,
            j.group_by("person_id").agg(
                week_index=j.week_index.min(), dr=j.dr.min(), t_r=j.t.min()
            ),
        )
        if not int(step.count().to_pyarrow().as_py()):
            break
        found.append(step.select("person_id", "week_index", "dr"))
        frontier = step.select("person_id", "t_r")
    out = firsts.select("person_id", "week_index", "dr").filter(ibis.literal(False))
    for more in found:
        out = out.union(more, distinct=False)
    return out


def _bounds() -> list[int]:
    """Every anciennitet where a tier ends, over all versions of the tier table."""
    return sorted({b for v in _tier_versions() for b in v.bounds})


def _segments(ctx: Kontekst, register: ir.Table) -> ir.Table:
    """One row per count of anciennitet: person_id, s_week (the count's first week), s_next (the
    next count's first week, NULL for the last), s_dr, reset, and for each tier bound n the
    column b_n: the first week with anciennitet above n (NULL if the person never gets there)."""
    window, need = _reset_rule()
    r = _scope(register, ctx)
    runs = _keep(ctx, _runs(r, window, need))
    starts = runs.filter(runs.first).select("person_id", "week_index", "dr")
    starts = starts.mutate(reset=ibis.literal(False)).union(
        _resets(ctx, r, runs, window, need).mutate(reset=ibis.literal(True)), distinct=False
    )
    sw = ibis.window(group_by=starts.person_id, order_by=starts.week_index)
    seg = starts.select(
        "person_id",
        s_week=starts.week_index,
        s_next=starts.week_index.lead().over(sw),
        s_dr=starts.dr,
        reset=starts.reset,
    )
    # The week with rank D is D + t of the last run starting at rank <= D (t is monotone), if
    # the person has D + 1 distinct weeks at all.
    last = runs.filter(runs.last).select(l_person="person_id", max_dr="dr")
    rs = runs.filter(runs.start).select(r_person="person_id", r_dr="dr", r_t="t")
    bounds = _bounds()
    j = seg.join(rs, [seg.person_id == rs.r_person, rs.r_dr <= seg.s_dr + bounds[-1]])
    g = j.group_by("person_id", "s_week", "s_next", "s_dr", "reset").agg(
        **{f"t_{n}": j.r_t.max(where=j.r_dr <= j.s_dr + n) for n in bounds}
    )
    g = g.join(last, g.person_id == last.l_person)
    return _keep(
        ctx,
        g.select(
            "person_id",
            "s_week",
            "s_next",
            "s_dr",
            "reset",
            **{
                f"b_{n}": ibis.ifelse(
                    g.s_dr + n <= g.max_dr, g.s_dr + n + g[f"t_{n}"], ibis.null("int64")
                )
                for n in bounds
            },
        ),
    )


def _with_segment(rows: ir.Table, seg: ir.Table) -> ir.Table:
    """Each row with the count it belongs to (the latest start on or before its week)."""
    j = rows.join(
        seg,
        [
            rows.person_id == seg.person_id,
            seg.s_week <= rows.week_index,
            seg.s_next.isnull() | (rows.week_index < seg.s_next),
        ],
    )
    return j.drop("person_id_right") if "person_id_right" in j.columns else j


def _trin_from_bounds(t: ir.Table) -> ir.IntegerValue:
    """Tier 1..n: one more for every bound of the week's tier table the row's week has reached."""

    def tier(v: _Version) -> ir.IntegerValue:
        n: ir.IntegerValue = ibis.literal(1, "int32")
        for bound in v.bounds:
            col = t[f"b_{bound}"]
            n = n + ibis.ifelse((t.week_index >= col).fill_null(False), 1, 0)
        return n.cast("int32")

    return _dated(t.week_index, [(v.first, v.last, tier(v)) for v in _tier_versions()])


def refusion_uger(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Every person-week from 2015-W53 to the period's end with anciennitet, trin, art (refusion
    or medfinansiering) and sats_pct. Columns: person_id, week_index, kommune, ydelse,
    anciennitet, trin, reset, art, sats_pct. Runs on the register's backend (the reset chain is
    computed when this is called; the rows when the result is executed)."""
    seg = _segments(ctx, register)
    r = _scope(register, ctx)
    r = r.mutate(
        dr=ibis.dense_rank().over(ibis.window(group_by="person_id", order_by="week_index"))
    )
    a = _with_segment(r, seg)
    a = a.mutate(
        anciennitet=(a.dr - a.s_dr + 1).cast("int32"),
        reset=a.reset & (a.week_index == a.s_week),
        trin=_trin_from_bounds(a),
        art=_art(a.ydelse, a.week_index),
    )
    a = a.mutate(sats_pct=_sats_pct(a.trin, a.art, a.week_index))
    return a.select(
        "person_id",
        "week_index",
        "kommune",
        "ydelse",
        "anciennitet",
        "trin",
        "reset",
        "art",
        "sats_pct",
    ).order_by(["person_id", "week_index", "ydelse"])


def _per_week(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Person-weeks in the period by kommune, week, ydelse, art, trin and sats_pct (backend)."""
    seg = _segments(ctx, register)
    r = _scope(register, ctx)
    a = _with_segment(r.filter(r.week_index >= ctx.periode.first), seg)
    a = a.mutate(trin=_trin_from_bounds(a))
    g = a.group_by("kommune", "week_index", "ydelse", "trin").agg(uger=a.count())
    g = g.mutate(art=_art(g.ydelse, g.week_index))
    g = g.mutate(sats_pct=_sats_pct(g.trin, g.art, g.week_index))
    return g.select(*GROUP, "uger")


def refusion_fordeling(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Person-weeks, fuldtidspersoner and (with `ctx.enhedspriser`) kroner by refusion tier.

    Columns: kommune, periode, ydelse, art, trin, sats_pct, uger, fuldtidspersoner, and with
    unit costs udgift_kr (weeks x kr_pr_uge), statsrefusion_kr (refusion ydelser: udgift x
    sats) and kommunal_udgift_kr (refusion ydelser: udgift - refusion; medfinansiering
    ydelser: udgift x sats, the municipality's co-financing)."""
    return _by_period(_per_week(register, ctx), register, ctx)


def _by_period(per_week: ir.Table, register: ir.Table, ctx: Kontekst) -> ir.Table:
    cal = ctx.kalender(register)
    j = per_week.join(cal, "week_index")
    g = j.group_by(
        ["kommune", "periode", "ydelse", "art", "trin", "sats_pct", "uger_i_periode"]
    ).agg(uger=j.uger.sum())
    g = g.mutate(fuldtidspersoner=g.uger.cast("float64") / g.uger_i_periode).drop("uger_i_periode")
    if ctx.enhedspriser is not None:
        p = ibis.memtable(ctx.enhedspriser).select(p_ydelse="ydelse", kr_pr_uge="kr_pr_uge")
        g = g.left_join(p, g.ydelse == p.p_ydelse).drop("p_ydelse")
        udgift = g.uger.cast("float64") * g.kr_pr_uge.cast("float64")
        share = g.sats_pct.cast("float64") / 100
        is_ref = g.art == REFUSION
        g = g.mutate(
            udgift_kr=udgift,
            statsrefusion_kr=ibis.ifelse(is_ref, udgift * share, 0.0),
            kommunal_udgift_kr=ibis.ifelse(is_ref, udgift * (1 - share), udgift * share),
        ).drop("kr_pr_uge")
    return g.order_by(["kommune", "periode", "ydelse", "trin"])


# ---------------------------------------------------------------------------------------------
# The cross-check: the same split on the driver with the rules' arrays

ROWS_PER_CHUNK = 4_000_000  # person-weeks handled on the driver at a time (bounds memory)


def _tiers_by_rules(t: pa.Table) -> pa.Table:
    from indsats.rules import refusion as rules

    offset = _rules_offset()
    pid = t.column("person_id").to_numpy()
    wk = t.column("week_index").to_numpy().astype(np.int64)
    order = np.lexsort((wk, pid))
    pid, wk = pid[order], wk[order]
    idx = pc.index_in(t.column("ydelse"), value_set=pa.array(CODES))
    if idx.null_count:
        raise ValueError("the register holds ydelse codes unknown to indsats.domain.ydelser")
    yk = idx.to_numpy().astype(np.int64)[order]
    kom = t.column("kommune").to_numpy()[order]
    # One row per person-week for the rules (several benefits in a week count once).
    first = np.ones(len(wk), bool)
    first[1:] = (pid[1:] != pid[:-1]) | (wk[1:] != wk[:-1])
    res = rules.refusion_tiers_arrays(
        pid[first], wk[first] + offset, np.ones(int(first.sum()), bool)
    )
    back = np.cumsum(first) - 1
    tier = res["tier"][back]
    med = np.array([c in rules.medfinansiering_codes() for c in CODES])[yk]
    return pa.table(
        {
            "person_id": pid,
            "week_index": wk.astype(np.int32),
            "kommune": kom,
            "ydelse": pa.array(np.array(CODES, dtype=object)[yk], pa.string()),
            "anciennitet": res["anciennitet"][back],
            "trin": tier.astype(np.int32),
            "reset": res["reset"][back],
            "art": np.where(med, MEDFINANSIERING, REFUSION),
            "sats_pct": rules.refusion_rate_pct(tier, med).astype(np.int32),
        }
    )


def refusion_uger_by_rules(register: ir.Table, ctx: Kontekst) -> pa.Table:
    """`refusion_uger` computed on the driver by `indsats.rules.refusion.refusion_tiers_arrays`
    (the rules' reference implementation). For tests and the benchmark, on small registers."""
    t = _tiers_by_rules(_scope(register, ctx).to_pyarrow())
    return t.sort_by([(c, "ascending") for c in ("person_id", "week_index", "ydelse")])


def per_week_by_rules(
    register: ir.Table, ctx: Kontekst, *, rows_per_chunk: int = ROWS_PER_CHUNK
) -> pa.Table:
    """The period's person-weeks by kommune, week, ydelse, art, trin and sats_pct, computed on
    the driver with the rules' arrays in chunks of whole persons (person_id mod n). The
    cross-check of the engine path on big registers (benchmarks/bench_refusion.py)."""
    q = _scope(register, ctx)
    n = max(1, -(-int(q.count().to_pyarrow().as_py()) // rows_per_chunk))
    parts = []
    for i in range(n):
        t = _tiers_by_rules((q if n == 1 else q.filter(q.person_id % n == i)).to_pyarrow())
        t = t.filter(pc.greater_equal(t.column("week_index"), ctx.periode.first))
        parts.append(t.group_by(GROUP).aggregate([("person_id", "count")]))
    t = pa.concat_tables(parts).group_by(GROUP).aggregate([("person_id_count", "sum")])
    return t.rename_columns([*GROUP, "uger"])


def per_week(register: ir.Table, ctx: Kontekst) -> pa.Table:
    """The engine path's `per_week_by_rules` (executed), for comparing the two."""
    return _per_week(register, ctx).to_pyarrow()


def totals(table: pa.Table, keys: Iterable[str] = ("kommune", "ydelse", "trin")) -> dict[Any, Any]:
    """Sum of `uger` by `keys`, as a plain dict (for comparing the two paths)."""
    keys = list(keys)
    g = table.group_by(keys).aggregate([("uger", "sum")]).to_pylist()
    return {tuple(r[k] for k in keys): int(r["uger_sum"]) for r in g}
