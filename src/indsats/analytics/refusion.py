"""Refusion by tier: each person-week's anciennitet, tier and rate from `indsats.rules.refusion`.

The law (tiers 1-4, rates 80/40/30/20 % refusion and 20/60/70/80 % medfinansiering, the reset
after 52 self-supported weeks within 3 years, start in 2015-W53) lives in `indsats.rules`; this
module only feeds it the register and aggregates the answer.

How it runs on both backends: the anciennitet is a sequential rule per person, so it is
**computed on the driver** with the rules engine's vectorised NumPy function
`refusion_tiers_arrays` (not as a Spark UDF). The backend delivers the person-weeks up to the
period's end (person_id, week_index, kommune and a small integer benefit code); the driver sorts
them, computes the tiers and reduces them to one row per kommune, week, ydelse and tier; that small
table goes back as an Ibis memtable, and the period breakdown and kroner run on the backend like
every other indicator. Weeks before 2015-W53 are outside the refusion rules and are ignored
(treated as not counted), so anciennitet starts at the reform.
"""

from __future__ import annotations

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


def _rules():
    from indsats.rules import refusion as r
    from indsats.rules.dates import week_index as rules_week_index

    return r, rules_week_index(weeks.EPOCH)


def first_week() -> int:
    """The first week (our week_index) in the refusion rules (2015-W53)."""
    r, offset = _rules()
    return r.value_first_week() - offset


ROWS_PER_CHUNK = 4_000_000  # person-weeks handled on the driver at a time (bounds memory)


def _scope(register: ir.Table, ctx: Kontekst) -> ir.Table:
    lo = first_week()
    q = register.filter((register.week_index >= lo) & (register.week_index <= ctx.periode.last))
    return q.select(
        "person_id",
        "week_index",
        "kommune",
        yk=q.ydelse.substitute({c: i for i, c in enumerate(CODES)}, else_=-1).cast("int8"),
    )


def _tiers(t: pa.Table) -> pa.Table:
    """Anciennitet, tier and rate for the person-weeks of whole persons (driver, NumPy)."""
    r, offset = _rules()
    pid = t.column("person_id").to_numpy()
    wk = t.column("week_index").to_numpy().astype(np.int64)
    order = np.lexsort((wk, pid))
    pid, wk = pid[order], wk[order]
    kom = t.column("kommune").to_numpy()[order]
    yk = t.column("yk").to_numpy()[order]
    if (yk < 0).any():
        raise ValueError("the register holds ydelse codes unknown to indsats.domain.ydelser")
    res = r.refusion_tiers_arrays(pid, wk + offset, np.ones(len(wk), bool), check_sorted=True)
    med_codes = r.medfinansiering_codes()
    med = np.array([c in med_codes for c in CODES])[yk]
    rate = r.refusion_rate_pct(res["tier"], med)
    return pa.table(
        {
            "person_id": pid,
            "week_index": wk.astype(np.int32),
            "kommune": kom,
            "ydelse": pa.DictionaryArray.from_arrays(pa.array(yk), pa.array(CODES)).cast(
                pa.string()
            ),
            "anciennitet": res["anciennitet"],
            "trin": res["tier"].astype(np.int32),
            "reset": res["reset"],
            "art": np.where(med, MEDFINANSIERING, REFUSION),
            "sats_pct": rate.astype(np.int32),
        }
    )


def _chunks(register: ir.Table, ctx: Kontekst, rows_per_chunk: int):
    """The person-weeks in scope, in chunks of whole persons (person_id mod n)."""
    q = _scope(register, ctx)
    n = max(1, -(-int(q.count().to_pyarrow().as_py()) // rows_per_chunk))
    for i in range(n):
        yield _tiers((q if n == 1 else q.filter(q.person_id % n == i)).to_pyarrow())


def refusion_uger(register: ir.Table, ctx: Kontekst) -> pa.Table:
    """Every person-week from 2015-W53 to the period's end with anciennitet, trin, art (refusion
    or medfinansiering) and sats_pct. Columns: person_id, week_index, kommune, ydelse,
    anciennitet, trin, reset, art, sats_pct. Executes on the register's backend and the driver;
    for big registers use `refusion_fordeling`, which works through persons in chunks."""
    return _tiers(_scope(register, ctx).to_pyarrow())


def _per_week(register: ir.Table, ctx: Kontekst) -> pa.Table:
    rows = int(ctx.params.get("refusion_rows_per_chunk", ROWS_PER_CHUNK))
    parts = []
    for t in _chunks(register, ctx, rows):
        t = t.filter(pc.greater_equal(t.column("week_index"), ctx.periode.first))
        parts.append(
            t.group_by(["kommune", "week_index", "ydelse", "art", "trin", "sats_pct"]).aggregate(
                [("person_id", "count")]
            )
        )
    t = pa.concat_tables(parts)
    t = t.group_by(["kommune", "week_index", "ydelse", "art", "trin", "sats_pct"]).aggregate(
        [("person_id_count", "sum")]
    )
    return t.rename_columns(["kommune", "week_index", "ydelse", "art", "trin", "sats_pct", "uger"])


def refusion_fordeling(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Person-weeks, fuldtidspersoner and (with `ctx.enhedspriser`) kroner by refusion tier.

    Columns: kommune, periode, ydelse, art, trin, sats_pct, uger, fuldtidspersoner, and with
    unit costs udgift_kr (weeks x kr_pr_uge), statsrefusion_kr (refusion ydelser: udgift x
    sats) and kommunal_udgift_kr (refusion ydelser: udgift - refusion; medfinansiering
    ydelser: udgift x sats, the municipality's co-financing)."""
    per_week = ibis.memtable(_per_week(register, ctx))
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
