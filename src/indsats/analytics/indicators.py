"""The indicator suite: Ibis expressions over the canonical register (one code path, any backend).

Every indicator is a function `(register: ibis.Table, ctx: Kontekst) -> ibis.Table`, listed in
`INDICATORS`. Definitions are in docs/register.md ("Indicators"); the short version:

- fuldtidspersoner: weeks with benefit / weeks in the period (Jobindsats definition, no overlap
  correction), by kommune, period, ydelse and (coarse) maalgruppe.
- andel_offentlig_forsoergelse: fuldtidspersoner on any benefit / population 16-66.
- tilgang, afgang, overgangsmatrix: changes of state between consecutive weeks, where the state is
  the benefit or self-support; censored outside the weeks the register covers.
- *_over_*: share of the benefit's person-weeks in the period whose current spell has lasted more
  than the limit (a stock share, the Jobindsats "andel forløb over N uger" read as an average).
- zappere: persons with a dagpenge<->sygedagpenge switch in the period at which the number of
  such switches in the rolling window (52 weeks) reaches the threshold (2).
- status_efter_k_uger: state k weeks after an event (default: every exit in the period).
- virksomhedsrettet_inden_13_uger: share of sygedagpenge spells starting in the period with a
  company-directed activity within 13 weeks of the start (needs case data).
- refusion_fordeling: see `indsats.analytics.refusion`.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from indsats.analytics.kontekst import Kontekst
from indsats.domain.maalgrupper import Maalgruppe
from indsats.domain.ydelser import Ydelse
from indsats.register.schema import SELVFORSOERGELSE

IKKE_OBSERVERET = "ikke_observeret"
_STR = dt.String(nullable=True)

# Coarse ydelse -> LAB § 6 target group when the register has no visitation (jobparat /
# aktivitetsparat / uddannelsesparat). Benefits that split into several groups get a combined
# label naming the groups; docs/register.md explains.
MAALGRUPPE_GROV: dict[str, str] = {
    Ydelse.DAGPENGE.value: Maalgruppe.DAGPENGE.value,
    Ydelse.KONTANTHJAELP.value: "kontanthjaelp_2_3",
    Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE.value: "kontanthjaelp_2_3",
    Ydelse.OVERGANGSYDELSE.value: "kontanthjaelp_2_3",
    Ydelse.INTEGRATIONSYDELSE.value: "kontanthjaelp_2_3",
    Ydelse.UDDANNELSESHJAELP.value: "uddannelseshjaelp_4_5",
    Ydelse.SYGEDAGPENGE.value: Maalgruppe.SYGEDAGPENGE.value,
    Ydelse.JOBAFKLARINGSFORLOEB.value: Maalgruppe.JOBAFKLARINGSFORLOEB.value,
    Ydelse.RESSOURCEFORLOEB.value: Maalgruppe.RESSOURCEFORLOEB.value,
    Ydelse.LEDIGHEDSYDELSE.value: Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE.value,
    Ydelse.FLEKSJOB.value: Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE.value,
    Ydelse.REVALIDERING.value: Maalgruppe.REVALIDERING.value,
    Ydelse.FOERTIDSPENSION.value: Maalgruppe.FOERTIDSPENSION.value,
}


def _n(cond: ir.BooleanValue) -> ir.IntegerScalar:
    """Count of rows where `cond` holds (NULL counts as false)."""
    return ibis.ifelse(cond.fill_null(False), 1, 0).cast("int64").sum()


def _person_window(t: ir.Table, *, cumulative: bool = False) -> ibis.Window:
    if cumulative:
        return ibis.cumulative_window(group_by=t.person_id, order_by=t.week_index)
    return ibis.window(group_by=t.person_id, order_by=t.week_index)


def _in_period(t: ir.Table, ctx: Kontekst, week_col: str = "week_index") -> ir.Table:
    cal = ctx.kalender(t)
    if week_col == "week_index":
        return t.join(cal, "week_index")
    return t.join(cal, t[week_col] == cal.week_index)


# ---------------------------------------------------------------------------------------------
# Levels


def fuldtidspersoner(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Columns: kommune, periode, ydelse, maalgruppe, personer, uger, uger_i_periode,
    fuldtidspersoner."""
    r = register.select("person_id", "week_index", "ydelse", "kommune")
    j = _in_period(r, ctx)
    g = j.group_by(["kommune", "periode", "ydelse", "uger_i_periode"]).agg(
        personer=j.person_id.nunique(), uger=j.count()
    )
    return fuldtidspersoner_from_counts(g)


def fuldtidspersoner_from_counts(g: ir.Table) -> ir.Table:
    """The indicator's columns from its counts (kommune, periode, ydelse, uger_i_periode,
    personer, uger); shared with the weekly increments, which count from weekly pieces."""
    return (
        g.mutate(
            maalgruppe=g.ydelse.substitute(MAALGRUPPE_GROV, else_="ukendt"),
            fuldtidspersoner=g.uger.cast("float64") / g.uger_i_periode,
        )
        .select(
            "kommune",
            "periode",
            "ydelse",
            "maalgruppe",
            "personer",
            "uger",
            "uger_i_periode",
            "fuldtidspersoner",
        )
        .order_by(["kommune", "periode", "ydelse"])
    )


def andel_offentlig_forsoergelse(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Columns: kommune, periode, personer, uger, fuldtidspersoner, befolkning_16_66, andel."""
    r = register.select("person_id", "week_index", "kommune")
    j = _in_period(r, ctx)
    g = j.group_by(["kommune", "periode", "aar", "uger_i_periode"]).agg(
        personer=j.person_id.nunique(), uger=j.count()
    )
    return andel_offentlig_forsoergelse_from_counts(g, ctx, register)


def andel_offentlig_forsoergelse_from_counts(
    g: ir.Table, ctx: Kontekst, like: ir.Table | None = None
) -> ir.Table:
    """The indicator's columns from its counts (kommune, periode, aar, uger_i_periode,
    personer, uger) and the population of `ctx` (on the backend of `like`)."""
    g = g.mutate(fuldtidspersoner=g.uger.cast("float64") / g.uger_i_periode)
    b = ctx.befolkning_memtable(like)
    out = g.join(b, [g.kommune == b.kommune, g.aar == b.aar])
    return out.select(
        "kommune",
        "periode",
        "personer",
        "uger",
        "fuldtidspersoner",
        "befolkning_16_66",
        andel=out.fuldtidspersoner / out.befolkning_16_66,
    ).order_by(["kommune", "periode"])


# ---------------------------------------------------------------------------------------------
# Flows


def overgange(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Every change of state: person_id, kommune, uge (first week in the new state), fra, til.

    A state is a benefit or self-support. Changes are censored where the register cannot see
    both sides: an entry in the first covered week, an exit after the last covered week.
    """
    r = register.select("person_id", "week_index", "ydelse", "kommune")
    w = _person_window(r)
    r = r.mutate(
        prev_week=r.week_index.lag().over(w),
        prev_ydelse=r.ydelse.lag().over(w),
        next_week=r.week_index.lead().over(w),
    )
    contiguous = (r.prev_week == r.week_index - 1).fill_null(False)
    entries = r.filter(~(contiguous & (r.prev_ydelse == r.ydelse))).select(
        "person_id",
        "kommune",
        uge=r.week_index.cast("int32"),
        fra=ibis.ifelse(contiguous, r.prev_ydelse, ibis.literal(SELVFORSOERGELSE)).cast(_STR),
        til=r.ydelse.cast(_STR),
    )
    exits = r.filter(~(r.next_week == r.week_index + 1).fill_null(False)).select(
        "person_id",
        "kommune",
        uge=(r.week_index + 1).cast("int32"),
        fra=r.ydelse.cast(_STR),
        til=ibis.literal(SELVFORSOERGELSE).cast(_STR),
    )
    both = entries.union(exits, distinct=False)
    return both.filter((both.uge > ctx.first) & (both.uge <= ctx.last))


def _flows_in_period(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Transitions in the period with their period label. When the suite runs several flow
    indicators (`ctx.shared`), the table is computed once and cached on the backend."""
    key = ("flows", id(register))
    if ctx.shared is not None and key in ctx.shared:
        return ctx.shared[key]
    ov = overgange(register, ctx)
    cal = ctx.kalender(register)
    flows = ov.join(cal, ov.uge == cal.week_index).select(
        "person_id", "kommune", "uge", "fra", "til", "periode"
    )
    if ctx.shared is not None:
        flows = flows.cache()
        ctx.shared[key] = flows
    return flows


def tilgang(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Entries to each benefit. Columns: kommune, periode, ydelse, tilgang,
    tilgang_fra_selvforsoergelse, personer."""
    j = _flows_in_period(register, ctx)
    j = j.filter(j.til != SELVFORSOERGELSE)
    return (
        j.group_by(["kommune", "periode", j.til.name("ydelse")])
        .agg(
            tilgang=j.count(),
            tilgang_fra_selvforsoergelse=_n(j.fra == SELVFORSOERGELSE),
            personer=j.person_id.nunique(),
        )
        .order_by(["kommune", "periode", "ydelse"])
    )


def afgang(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Exits from each benefit. Columns: kommune, periode, ydelse, afgang,
    afgang_til_selvforsoergelse, personer."""
    j = _flows_in_period(register, ctx)
    j = j.filter(j.fra != SELVFORSOERGELSE)
    return (
        j.group_by(["kommune", "periode", j.fra.name("ydelse")])
        .agg(
            afgang=j.count(),
            afgang_til_selvforsoergelse=_n(j.til == SELVFORSOERGELSE),
            personer=j.person_id.nunique(),
        )
        .order_by(["kommune", "periode", "ydelse"])
    )


def overgangsmatrix(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Transitions between benefits and self-support. Columns: kommune, periode, fra, til, antal."""
    j = _flows_in_period(register, ctx)
    return (
        j.group_by(["kommune", "periode", "fra", "til"])
        .agg(antal=j.count())
        .order_by(["kommune", "periode", "fra", "til"])
    )


# ---------------------------------------------------------------------------------------------
# Spells and durations


def forloeb_uger(
    register: ir.Table, ydelse: str, *, max_gab: int = 0, carry: ir.Table | None = None
) -> ir.Table:
    """Person-weeks on one benefit with the spell's first week and the elapsed duration.

    A spell is a run of weeks on `ydelse` with gaps of at most `max_gab` weeks. Columns:
    person_id, week_index, kommune, forloeb_start, varighed (weeks since the start, inclusive).
    Spells already running in the register's first week are left-censored (start too late).

    `carry` (person_id, ydelse, week_index, forloeb_start; weekly increments, max_gab 0): the
    spells running in the week a register slice begins with, so a spell that started before
    the slice keeps its true start (`indsats.analytics.increment`).
    """
    r = register.filter(register.ydelse == ydelse).select("person_id", "week_index", "kommune")
    r = r.mutate(prev_week=r.week_index.lag().over(_person_window(r)))
    new = ~((r.week_index - r.prev_week) <= 1 + max_gab).fill_null(False)
    start = ibis.ifelse(new, r.week_index, ibis.null("int32"))
    if carry is not None:
        c = carry.filter(carry.ydelse == ydelse).select(
            c_person=carry.person_id, c_week=carry.week_index, c_start=carry.forloeb_start
        )
        r = r.left_join(c, [r.person_id == c.c_person, r.week_index == c.c_week])
        start = ibis.ifelse(r.c_start.notnull(), r.c_start.cast("int32"), start)
        new = new | r.c_start.notnull()
    r = r.mutate(start_if_new=ibis.ifelse(new, start, ibis.null("int32")))
    r = r.mutate(forloeb_start=r.start_if_new.max().over(_person_window(r, cumulative=True)))
    return r.select(
        "person_id",
        "week_index",
        "kommune",
        "forloeb_start",
        varighed=(r.week_index - r.forloeb_start + 1).cast("int32"),
    )


def andel_forloeb_over(
    register: ir.Table, ctx: Kontekst, *, ydelse: str, graense_uger: int
) -> ir.Table:
    """Columns: kommune, periode, ydelse, graense_uger, personer, personer_over, uger, uger_over,
    fuldtidspersoner, fuldtidspersoner_over, andel_over."""
    carry = ctx.carry_table("forloeb", register)
    v = forloeb_uger(register, ydelse, max_gab=ctx.forloeb_max_gab, carry=carry)
    j = _in_period(v, ctx)
    over = j.varighed > graense_uger
    g = j.group_by(["kommune", "periode", "uger_i_periode"]).agg(
        personer=j.person_id.nunique(),
        personer_over=j.person_id.nunique(where=over),
        uger=j.count(),
        uger_over=_n(over),
    )
    return andel_forloeb_over_from_counts(g, ydelse=ydelse, graense_uger=graense_uger)


def andel_forloeb_over_from_counts(g: ir.Table, *, ydelse: str, graense_uger: int) -> ir.Table:
    """The indicator's columns from its counts (kommune, periode, uger_i_periode, personer,
    personer_over, uger, uger_over)."""
    return g.select(
        "kommune",
        "periode",
        ydelse=ibis.literal(ydelse),
        graense_uger=ibis.literal(graense_uger, "int32"),
        personer=g.personer,
        personer_over=g.personer_over,
        uger=g.uger,
        uger_over=g.uger_over,
        fuldtidspersoner=g.uger.cast("float64") / g.uger_i_periode,
        fuldtidspersoner_over=g.uger_over.cast("float64") / g.uger_i_periode,
        andel_over=g.uger_over.cast("float64") / g.uger,
    ).order_by(["kommune", "periode"])


# The duration indicators: name -> (ydelse, limit in weeks).
FORLOEB_GRAENSER: dict[str, tuple[str, int]] = {
    "sygedagpenge_over_26_uger": (Ydelse.SYGEDAGPENGE.value, 26),
    "jobafklaring_over_52_uger": (Ydelse.JOBAFKLARINGSFORLOEB.value, 52),
    "kontanthjaelp_over_2_aar": (Ydelse.KONTANTHJAELP.value, 104),
    "kontanthjaelp_over_5_aar": (Ydelse.KONTANTHJAELP.value, 260),
}


def _over(name: str) -> Callable[[ir.Table, Kontekst], ir.Table]:
    ydelse, graense = FORLOEB_GRAENSER[name]

    def indicator(register: ir.Table, ctx: Kontekst) -> ir.Table:
        return andel_forloeb_over(register, ctx, ydelse=ydelse, graense_uger=graense)

    indicator.__name__ = indicator.__qualname__ = name
    return indicator


sygedagpenge_over_26_uger = _over("sygedagpenge_over_26_uger")
jobafklaring_over_52_uger = _over("jobafklaring_over_52_uger")
kontanthjaelp_over_2_aar = _over("kontanthjaelp_over_2_aar")
kontanthjaelp_over_5_aar = _over("kontanthjaelp_over_5_aar")


def virksomhedsrettet_inden_13_uger(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Share of sygedagpenge spells starting in the period with a company-directed activity in
    weeks start..start+12. Spells whose 13 weeks pass the register's last week are left out.
    Columns: kommune, periode, forloeb, forloeb_med_aktivitet, andel."""
    if ctx.aktiviteter is None:
        raise ValueError("virksomhedsrettet_inden_13_uger needs Kontekst.aktiviteter (case data)")
    v = forloeb_uger(register, Ydelse.SYGEDAGPENGE.value, max_gab=ctx.forloeb_max_gab)
    s = v.filter((v.week_index == v.forloeb_start) & (v.forloeb_start + 12 <= ctx.last))
    a = ibis.memtable(ctx.aktiviteter).select("person_id", akt_uge="week_index").distinct()
    hit = s.semi_join(
        a,
        [
            s.person_id == a.person_id,
            a.akt_uge >= s.forloeb_start,
            a.akt_uge <= s.forloeb_start + 12,
        ],
    ).select("person_id", "forloeb_start", hit=ibis.literal(1))
    s = s.left_join(hit, [s.person_id == hit.person_id, s.forloeb_start == hit.forloeb_start])
    s = s.select("kommune", uge=s.forloeb_start, hit=s.hit.fill_null(0))
    cal = ctx.kalender(register)
    j = s.join(cal, s.uge == cal.week_index)
    g = j.group_by(["kommune", "periode"]).agg(
        forloeb=j.count(), forloeb_med_aktivitet=j.hit.cast("int64").sum()
    )
    return g.mutate(andel=g.forloeb_med_aktivitet.cast("float64") / g.forloeb).order_by(
        ["kommune", "periode"]
    )


# ---------------------------------------------------------------------------------------------
# Zappere


def zapper_skift(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """The switches between dagpenge and sygedagpenge: person_id, week_index, kommune."""
    pair = [Ydelse.DAGPENGE.value, Ydelse.SYGEDAGPENGE.value]
    r = register.filter(register.ydelse.isin(pair)).select(
        "person_id", "week_index", "ydelse", "kommune"
    )
    w = _person_window(r)
    r = r.mutate(prev_week=r.week_index.lag().over(w), prev_ydelse=r.ydelse.lag().over(w))
    return r.filter(
        (r.prev_ydelse != r.ydelse).fill_null(False)
        & ((r.week_index - r.prev_week) <= 1 + ctx.zapper_max_gab).fill_null(False)
    ).select("person_id", "week_index", "kommune")


def zapper_skift_i_vindue(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Every switch (with the carried ones, `ctx.carry["skift"]`) and the number of the
    person's switches in the `ctx.zapper_vindue_uger` weeks ending there: person_id,
    week_index, kommune, skift_i_vindue."""
    s = zapper_skift(register, ctx)
    carry = ctx.carry_table("skift", register)
    if carry is not None:

        def nullable(t: ir.Table) -> ir.Table:
            return t.select(
                person_id=t.person_id.cast(dt.Int64(nullable=True)),
                week_index=t.week_index.cast(dt.Int32(nullable=True)),
                kommune=t.kommune.cast(dt.Int32(nullable=True)),
            )

        s = nullable(s).union(nullable(carry), distinct=False)
    rolling = ibis.range_window(
        preceding=ctx.zapper_vindue_uger - 1,
        following=0,
        group_by=s.person_id,
        order_by=s.week_index,
    )
    return s.select(
        "person_id", "week_index", "kommune", skift_i_vindue=s.week_index.count().over(rolling)
    )


def zappere(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """Columns: kommune, periode, skift, personer_med_skift, zappere.

    A switch is a week on dagpenge right after a week on sygedagpenge or the reverse (a gap of up
    to `ctx.zapper_max_gab` weeks between them is allowed). A person is a zapper in a period if,
    at a switch in the period, the switches in the `ctx.zapper_vindue_uger` weeks ending there
    number at least `ctx.zapper_graense`.
    """
    s = zapper_skift_i_vindue(register, ctx)
    j = _in_period(s, ctx)
    return (
        j.group_by(["kommune", "periode"])
        .agg(
            skift=j.count(),
            personer_med_skift=j.person_id.nunique(),
            zappere=j.person_id.nunique(where=j.skift_i_vindue >= ctx.zapper_graense),
        )
        .order_by(["kommune", "periode"])
    )


# ---------------------------------------------------------------------------------------------
# Outcome after an event


def status_efter_k_uger(register: ir.Table, ctx: Kontekst) -> ir.Table:
    """State k weeks after an event. Columns: gruppe, k_uger, status, antal, andel.

    Events: `ctx.haendelser` (person_id, week_index, optional gruppe) or, by default, every exit
    from a benefit in the period (event week = first week off it; gruppe = the benefit left).
    status is the benefit in week event+k, "selvforsoergelse", or "ikke_observeret" when
    event+k lies after the register's last week.
    """
    k = int(ctx.k_uger)
    if ctx.haendelser is not None:
        e = ibis.memtable(ctx.haendelser)
        if "gruppe" not in e.columns:
            e = e.mutate(gruppe=ibis.literal("alle"))
        e = e.select("person_id", "gruppe", h_uge=e.week_index.cast("int32"))
    else:
        ov = _flows_in_period(register, ctx)
        ov = ov.filter(ov.fra != SELVFORSOERGELSE)
        e = ov.select("person_id", gruppe=ov.fra, h_uge=ov.uge)
    e = e.mutate(maal_uge=(e.h_uge + k).cast("int32"))
    st = register.select(
        s_person=register.person_id, s_uge=register.week_index, s_ydelse=register.ydelse
    )
    j = e.left_join(st, [e.person_id == st.s_person, e.maal_uge == st.s_uge])
    status = ibis.ifelse(
        j.maal_uge > ctx.last,
        ibis.literal(IKKE_OBSERVERET),
        j.s_ydelse.fill_null(SELVFORSOERGELSE),
    )
    j = j.select("gruppe", status=status)
    g = j.group_by(["gruppe", "status"]).agg(antal=j.count())
    total = g.antal.sum().over(ibis.window(group_by=g.gruppe))
    return g.select(
        "gruppe",
        k_uger=ibis.literal(k, "int32"),
        status=g.status,
        antal=g.antal,
        andel=g.antal.cast("float64") / total,
    ).order_by(["gruppe", "status"])


Indicator = Callable[[ir.Table, Kontekst], ir.Table]


def _refusion_fordeling(register: ir.Table, ctx: Kontekst) -> ir.Table:
    from indsats.analytics.refusion import refusion_fordeling

    return refusion_fordeling(register, ctx)


INDICATORS: dict[str, Indicator] = {
    "fuldtidspersoner": fuldtidspersoner,
    "andel_offentlig_forsoergelse": andel_offentlig_forsoergelse,
    "tilgang": tilgang,
    "afgang": afgang,
    "overgangsmatrix": overgangsmatrix,
    "sygedagpenge_over_26_uger": sygedagpenge_over_26_uger,
    "jobafklaring_over_52_uger": jobafklaring_over_52_uger,
    "kontanthjaelp_over_2_aar": kontanthjaelp_over_2_aar,
    "kontanthjaelp_over_5_aar": kontanthjaelp_over_5_aar,
    "virksomhedsrettet_inden_13_uger": virksomhedsrettet_inden_13_uger,
    "zappere": zappere,
    "refusion_fordeling": _refusion_fordeling,
    "status_efter_k_uger": status_efter_k_uger,
}
