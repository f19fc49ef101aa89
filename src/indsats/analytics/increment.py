"""Weekly increments: append one week to a register and update the monthly indicators from
that week's rows alone.

A register that takes increments is partitioned by year and week: every appended week is its
own file `uge-YYYYWww.parquet` (a register generated or imported whole is rewritten into week
files by its first increment). Beside the files, `_inkrement/` (ignored by every reader: the
name begins with `_`) holds the state (format version 2):

- `tilstand.json`: the register's first and last week;
- `forloeb.parquet`: the spells running in the last week (person_id, ydelse, week_index,
  forloeb_start) for the benefits whose durations are indicators;
- `skift.parquet`: the dagpenge/sygedagpenge switches in the 51 weeks up to the last week
  (person_id, week_index, kommune), for the zapper window;
- `maaned/*.parquet`: the **pieces** of the last week's month, summed over its weeks so far
  (`PIECES`): per person the weeks on each benefit and the weeks past each duration limit,
  the transitions by kommune/fra/til, the persons with an entry or an exit, the persons with
  switches and their largest count in the window. Every figure of the month is a sum, a count
  of these rows or a maximum, so a month's figures are its weeks' pieces combined;
- `forrige/`: the same carried history and pieces as of the week before the last (what
  `--replace` of the last week starts from);
- `maaneder/YYYY-MM.parquet`: the month's indicator results in the long format.

Appending week w reads week w-1 (one week file) and the new week, computes w's piece with the
same Ibis functions as the suite (`overgange`, `forloeb_uger` with the carried spells,
`zapper_skift_i_vindue` with the carried switches) on those two weeks, merges it into the
month's pieces and derives the month's figures from them with the indicators' own shaping
(`*_from_counts`). Earlier months do not change (an exit in w belongs to w's month;
durations and the zapper window look backwards only). The result equals a full recompute of
every month (tests/analytics/test_increment.py, also on hypothesis-generated histories).
Everything - the week file, the state, the month - is written in one atomic swap of the
register directory (`store.staged_register`): a reader sees the old register or the new one.

The carried spells and switches assume the suite's defaults `forloeb_max_gab = 0` and
`zapper_max_gab = 0` (a spell or a switch needs the week right before).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from indsats.analytics.backend import connect, drop_arrow_table, table_from_arrow
from indsats.analytics.kontekst import Kontekst
from indsats.analytics.suite import run_indicators, to_long
from indsats.domain.ydelser import Ydelse
from indsats.register import weeks
from indsats.register.schema import SCHEMA, SELVFORSOERGELSE
from indsats.register.store import (
    WEEK_FILE_PREFIX,
    AppendError,
    check_append,
    file_week_range,
    partition_by_week,
    register_week_range,
    staged_register,
    week_file,
)

STATE_DIR = "_inkrement"
STATE_FILE = "tilstand.json"
STATE_VERSION = 2
MONTHS_DIR = "maaneder"
PIECES_DIR = "maaned"
BEFORE_DIR = "forrige"

# The indicators kept up to date week by week: the monthly figures the goals follow. Left out:
# refusion_fordeling (its anciennitet needs the persons' count history, not carried yet),
# status_efter_k_uger (an exit's status is known 26 weeks later, in another month) and
# virksomhedsrettet_inden_13_uger (case data).
INCREMENTAL = (
    "fuldtidspersoner",
    "andel_offentlig_forsoergelse",
    "tilgang",
    "afgang",
    "overgangsmatrix",
    "sygedagpenge_over_26_uger",
    "jobafklaring_over_52_uger",
    "kontanthjaelp_over_2_aar",
    "kontanthjaelp_over_5_aar",
    "zappere",
)
DURATION_YDELSER = (
    Ydelse.SYGEDAGPENGE.value,
    Ydelse.JOBAFKLARINGSFORLOEB.value,
    Ydelse.KONTANTHJAELP.value,
)
FORLOEB_SCHEMA = pa.schema(
    [
        ("person_id", pa.int64()),
        ("ydelse", pa.string()),
        ("week_index", pa.int32()),
        ("forloeb_start", pa.int32()),
    ]
)
USED = pa.schema([SCHEMA.field(c) for c in ("person_id", "week_index", "ydelse", "kommune")])
SKIFT_SCHEMA = pa.schema(
    [("person_id", pa.int64()), ("week_index", pa.int32()), ("kommune", pa.int32())]
)


@dataclass(frozen=True)
class Piece:
    """One kind of a month's pieces: its columns, the key columns, and how two pieces of the
    same key combine (sum of counts, maximum of a running count)."""

    schema: pa.Schema
    keys: tuple[str, ...]
    combine: dict[str, str]


PIECES: dict[str, Piece] = {
    # weeks on each benefit per person and kommune: fuldtidspersoner, andel_offentlig_
    # forsoergelse and the persons and weeks of the duration indicators
    "uger": Piece(
        pa.schema(
            [
                ("kommune", pa.int32()),
                ("ydelse", pa.string()),
                ("person_id", pa.int64()),
                ("uger", pa.int64()),
            ]
        ),
        ("kommune", "ydelse", "person_id"),
        {"uger": "sum"},
    ),
    # weeks past a duration limit per person (only persons past it)
    "over": Piece(
        pa.schema(
            [
                ("kommune", pa.int32()),
                ("ydelse", pa.string()),
                ("graense_uger", pa.int32()),
                ("person_id", pa.int64()),
                ("uger_over", pa.int64()),
            ]
        ),
        ("kommune", "ydelse", "graense_uger", "person_id"),
        {"uger_over": "sum"},
    ),
    # transitions: tilgang, afgang, overgangsmatrix
    "overgange": Piece(
        pa.schema(
            [
                ("kommune", pa.int32()),
                ("fra", pa.string()),
                ("til", pa.string()),
                ("antal", pa.int64()),
            ]
        ),
        ("kommune", "fra", "til"),
        {"antal": "sum"},
    ),
    # persons with an entry to (retning "til") or an exit from ("fra") a benefit
    "flow_personer": Piece(
        pa.schema(
            [
                ("kommune", pa.int32()),
                ("retning", pa.string()),
                ("ydelse", pa.string()),
                ("person_id", pa.int64()),
            ]
        ),
        ("kommune", "retning", "ydelse", "person_id"),
        {},
    ),
    # dagpenge/sygedagpenge switches per person: how many, and the most in the window at one
    "skift": Piece(
        pa.schema(
            [
                ("kommune", pa.int32()),
                ("person_id", pa.int64()),
                ("skift", pa.int64()),
                ("skift_i_vindue", pa.int64()),
            ]
        ),
        ("kommune", "person_id"),
        {"skift": "sum", "skift_i_vindue": "max"},
    ),
}


@dataclass(frozen=True)
class Historie:
    """What the next week needs of the weeks before it: the carried spells and switches (at
    the last week) and the pieces of that week's month up to it."""

    carry: dict[str, pa.Table]
    pieces: dict[str, pa.Table]


@dataclass(frozen=True)
class Tilstand:
    first: int
    last: int
    now: Historie  # as of `last`
    before: Historie  # as of `last - 1` (the pieces: `last`'s month up to the week before)


def month_of(week_index: int) -> str:
    return weeks.period_label(week_index, "maaned")


def month_weeks(month: str) -> tuple[int, int]:
    p = weeks.parse_periode(month)
    return p.first, p.last


def empty_carry() -> dict[str, pa.Table]:
    return {"forloeb": FORLOEB_SCHEMA.empty_table(), "skift": SKIFT_SCHEMA.empty_table()}


def empty_pieces() -> dict[str, pa.Table]:
    return {name: p.schema.empty_table() for name, p in PIECES.items()}


# ---------------------------------------------------------------------------------------------
# One week's piece, combining pieces, and the month's figures from its pieces


def _put(con: Any, kind: str, table: pa.Table) -> Any:
    return table_from_arrow(con, f"indsats_inkrement_{kind}_{uuid.uuid4().hex[:12]}", table)


def _as_piece(name: str, table: pa.Table) -> pa.Table:
    schema = PIECES[name].schema
    return table.select(schema.names).cast(schema)


def week_piece(
    prev: pa.Table,
    week: pa.Table,
    w: int,
    carry: dict[str, pa.Table],
    daekning: tuple[int, int],
    *,
    con: Any = None,
) -> tuple[dict[str, pa.Table], dict[str, pa.Table]]:
    """The pieces of week `w` (`week`: its rows) and the history carried to w, from the rows
    of week w-1 (`prev`) and the history carried to w-1 (`carry`). `daekning`: the
    register's first week and w (flows are censored outside it). Runs the suite's own
    functions on the two weeks: a transition into w needs w-1, a spell or switch in w needs
    w-1 and what was carried to it."""
    import ibis

    from indsats.analytics.indicators import (
        FORLOEB_GRAENSER,
        forloeb_uger,
        overgange,
        zapper_skift_i_vindue,
    )

    con = con if con is not None else connect("duckdb")
    # the columns the functions read (copying the others into the backend costs more than
    # the queries)
    both = pa.concat_tables([t.select(USED.names).cast(USED) for t in (prev, week)])
    reg = _put(con, "uger", both)
    ctx = Kontekst(
        periode=weeks.parse_periode(weeks.label(w)), niveau="uge", daekning=daekning, carry=carry
    )
    try:
        # three queries over the two weeks, each read back once (a few hundred thousand rows):
        # the spells' person-weeks in w, the transitions into w, the switches in w
        carried_spells = ctx.carry_table("forloeb", reg)
        spells = []
        for y in DURATION_YDELSER:
            v = forloeb_uger(reg, y, carry=carried_spells)
            v = v.filter(v.week_index == w)
            spells.append(
                v.select("person_id", "kommune", "week_index", "forloeb_start", "varighed").mutate(
                    ydelse=ibis.literal(y)
                )
            )
        spell_rows = ibis.union(*spells, distinct=False).to_pyarrow()
        ov = overgange(reg, ctx)
        flows = ov.filter(ov.uge == w).to_pyarrow()
        s = zapper_skift_i_vindue(reg, ctx)
        switches = s.filter(s.week_index == w).to_pyarrow()
    finally:
        drop_arrow_table(con, reg.get_name())

    this = ibis.memtable(both.filter(pc.equal(both["week_index"], w)))
    uger = this.group_by(["kommune", "ydelse", "person_id"]).agg(uger=this.count())
    sp = ibis.memtable(spell_rows)
    over = []
    for y, g in sorted(set(FORLOEB_GRAENSER.values())):
        o = sp.filter((sp.ydelse == y) & (sp.varighed > g))
        over.append(
            o.group_by(["kommune", "person_id"])
            .agg(uger_over=o.count())
            .mutate(ydelse=ibis.literal(y), graense_uger=ibis.literal(g, "int32"))
        )
    f = ibis.memtable(flows)
    matrix = f.group_by(["kommune", "fra", "til"]).agg(antal=f.count())
    entries = f.filter(f.til != SELVFORSOERGELSE).select(
        "kommune", "person_id", retning=ibis.literal("til"), ydelse=f.til
    )
    exits = f.filter(f.fra != SELVFORSOERGELSE).select(
        "kommune", "person_id", retning=ibis.literal("fra"), ydelse=f.fra
    )
    pieces = {
        "uger": _as_piece("uger", con.to_pyarrow(uger)),
        "over": _as_piece("over", con.to_pyarrow(ibis.union(*over, distinct=False))),
        "overgange": _as_piece("overgange", con.to_pyarrow(matrix)),
        "flow_personer": _as_piece(
            "flow_personer", con.to_pyarrow(entries.union(exits, distinct=True))
        ),
        "skift": _as_piece("skift", _per_person_switches(switches)),
    }
    carried = pa.concat_tables(
        [
            carry["skift"].select(SKIFT_SCHEMA.names).cast(SKIFT_SCHEMA),
            switches.select(SKIFT_SCHEMA.names).cast(SKIFT_SCHEMA),
        ]
    )
    # the switches a later week's window still reaches: the 51 weeks up to w
    window_start = w - ctx.zapper_vindue_uger + 2
    new_carry = {
        "forloeb": spell_rows.select(FORLOEB_SCHEMA.names).cast(FORLOEB_SCHEMA),
        "skift": carried.filter(pc.greater_equal(carried["week_index"], window_start)),
    }
    return pieces, new_carry


def _per_person_switches(switches: pa.Table) -> pa.Table:
    """The switches of a week per kommune and person: how many, the most in the window."""
    g = switches.group_by(["kommune", "person_id"]).aggregate(
        [("week_index", "count"), ("skift_i_vindue", "max")]
    )
    names = {"week_index_count": "skift", "skift_i_vindue_max": "skift_i_vindue"}
    return g.rename_columns([names.get(c, c) for c in g.column_names])


def combine_pieces(
    a: dict[str, pa.Table], b: dict[str, pa.Table], *, con: Any = None
) -> dict[str, pa.Table]:
    """The pieces of two runs of weeks of one month, combined (counts summed, running counts
    at their maximum, person sets united) on the backend."""
    import ibis

    con = con if con is not None else connect("duckdb")
    out = {}
    for name, piece in PIECES.items():
        if a[name].num_rows == 0 or b[name].num_rows == 0:
            out[name] = b[name] if a[name].num_rows == 0 else a[name]
            continue
        both = ibis.memtable(a[name]).union(ibis.memtable(b[name]), distinct=False)
        if piece.combine:
            merged = both.group_by(list(piece.keys)).agg(
                **{col: getattr(both[col], how)() for col, how in piece.combine.items()}
            )
        else:
            merged = both.distinct()
        out[name] = _as_piece(name, con.to_pyarrow(merged))
    return out


def month_figures(
    pieces: dict[str, pa.Table], month: str, *, con: Any = None
) -> dict[str, pa.Table]:
    """The month's incremental indicators from its pieces, shaped by the indicators' own
    `*_from_counts` (the same columns as `run_indicators`)."""
    import ibis

    from indsats.analytics.indicators import (
        FORLOEB_GRAENSER,
        andel_forloeb_over_from_counts,
        andel_offentlig_forsoergelse_from_counts,
        fuldtidspersoner_from_counts,
    )

    con = con if con is not None else connect("duckdb")
    ctx = Kontekst(periode=weeks.parse_periode(month), niveau="maaned")
    cal = ctx.kalender_arrow
    periode = ibis.literal(month)
    uger_i_periode = ibis.literal(cal.num_rows, "int64")
    aar = ibis.literal(int(cal.column("aar")[0].as_py()), "int32")
    t = {name: ibis.memtable(table) for name, table in pieces.items()}
    u, o, m, p, z = (t[k] for k in ("uger", "over", "overgange", "flow_personer", "skift"))
    exprs: dict[str, Any] = {}
    g = u.group_by(["kommune", "ydelse"]).agg(personer=u.count(), uger=u.uger.sum())
    exprs["fuldtidspersoner"] = fuldtidspersoner_from_counts(
        g.mutate(periode=periode, uger_i_periode=uger_i_periode)
    )
    g = u.group_by("kommune").agg(personer=u.person_id.nunique(), uger=u.uger.sum())
    exprs["andel_offentlig_forsoergelse"] = andel_offentlig_forsoergelse_from_counts(
        g.mutate(periode=periode, aar=aar, uger_i_periode=uger_i_periode), ctx, u
    )
    # tilgang: entries to a benefit (til), counted with those from self-support; afgang:
    # exits from one (fra), with those to self-support
    for name, d, other, self_measure in (
        ("tilgang", "til", "fra", "tilgang_fra_selvforsoergelse"),
        ("afgang", "fra", "til", "afgang_til_selvforsoergelse"),
    ):
        f = m.filter(m[d] != SELVFORSOERGELSE)
        with_self = ibis.ifelse(f[other] == SELVFORSOERGELSE, f.antal, 0)
        counts = f.group_by(["kommune", f[d].name("ydelse")]).agg(
            n=f.antal.sum(), n_self=with_self.sum()
        )
        q = p.filter(p.retning == d)
        persons = q.group_by(p_kommune=q.kommune, p_ydelse=q.ydelse).agg(personer=q.count())
        j = counts.join(
            persons,
            [counts.kommune == persons.p_kommune, counts.ydelse == persons.p_ydelse],
        )
        exprs[name] = j.select(
            "kommune",
            periode=periode,
            ydelse=j.ydelse,
            **{name: j.n, self_measure: j.n_self},
            personer=j.personer,
        ).order_by(["kommune", "periode", "ydelse"])
    exprs["overgangsmatrix"] = m.select(
        "kommune", periode=periode, fra=m.fra, til=m.til, antal=m.antal
    ).order_by(["kommune", "periode", "fra", "til"])
    for name, (y, limit) in FORLOEB_GRAENSER.items():
        b = u.filter(u.ydelse == y)
        base = b.group_by("kommune").agg(personer=b.count(), uger=b.uger.sum())
        ov = o.filter((o.ydelse == y) & (o.graense_uger == limit))
        past = ov.group_by(o_kommune=ov.kommune).agg(
            personer_over=ov.count(), uger_over=ov.uger_over.sum()
        )
        j = base.left_join(past, base.kommune == past.o_kommune)
        exprs[name] = andel_forloeb_over_from_counts(
            j.select(
                kommune=j.kommune,
                periode=periode,
                uger_i_periode=uger_i_periode,
                personer=j.personer,
                personer_over=j.personer_over.fill_null(0),
                uger=j.uger,
                uger_over=j.uger_over.fill_null(0),
            ),
            ydelse=y,
            graense_uger=limit,
        )
    zapper = ibis.ifelse(z.skift_i_vindue >= ctx.zapper_graense, 1, 0).cast("int64")
    exprs["zappere"] = (
        z.group_by("kommune")
        .agg(skift=z.skift.sum(), personer_med_skift=z.count(), zappere=zapper.sum())
        .mutate(periode=periode)
        .select("kommune", "periode", "skift", "personer_med_skift", "zappere")
        .order_by(["kommune", "periode"])
    )
    return {name: con.to_pyarrow(exprs[name]) for name in INCREMENTAL}


def carried_to(reg: Any, week: int, *, con: Any = None) -> dict[str, pa.Table]:
    """The history carried to `week` (its running spells, the switches in the 51 weeks up to
    it) from a register (an Ibis table) that holds every week up to it: the start of the
    state, computed once from the whole history."""
    from indsats.analytics.indicators import forloeb_uger, zapper_skift

    head = reg.filter(reg.week_index <= week)
    spells = []
    for y in DURATION_YDELSER:
        v = forloeb_uger(head, y)
        v = v.filter(v.week_index == week)
        t = v.select("person_id", "week_index", "forloeb_start").to_pyarrow()
        spells.append(t.append_column("ydelse", pa.array([y] * t.num_rows, pa.string())))
    ctx = Kontekst(periode=weeks.parse_periode(weeks.label(week)), niveau="uge")
    s = zapper_skift(head, ctx)
    s = s.filter(s.week_index >= week - ctx.zapper_vindue_uger + 2)
    return {
        "forloeb": pa.concat_tables(spells).select(FORLOEB_SCHEMA.names).cast(FORLOEB_SCHEMA),
        "skift": s.to_pyarrow().select(SKIFT_SCHEMA.names).cast(SKIFT_SCHEMA),
    }


# ---------------------------------------------------------------------------------------------
# Reading and writing the state


def _weeks_of_file(f: Path) -> tuple[int, int] | None:
    if f.name.startswith(WEEK_FILE_PREFIX):
        try:
            w = weeks.parse_week(f.stem[len(WEEK_FILE_PREFIX) :])
        except ValueError:
            pass
        else:
            return w, w
    return file_week_range(f)


def _read_weeks(directory: Path, first: int, last: int) -> pa.Table:
    """The register's rows in weeks first..last: the week files of those weeks (a week file is
    known by its name), and the rows of any other part whose statistics overlap them."""
    tables = []
    for f in sorted(directory.glob("*.parquet")):
        r = _weeks_of_file(f)
        if r is None or r[1] < first or r[0] > last:
            continue
        t = pq.read_table(
            f, schema=SCHEMA, filters=[("week_index", ">=", first), ("week_index", "<=", last)]
        )
        tables.append(t)
    if not tables:
        return SCHEMA.empty_table()
    return pa.concat_tables(tables)


def _state_dir(directory: Path) -> Path:
    return directory / STATE_DIR


def _read_historie(d: Path) -> Historie:
    carry = {name: pq.read_table(d / f"{name}.parquet") for name in ("forloeb", "skift")}
    pieces = {
        name: _as_piece(name, pq.read_table(d / PIECES_DIR / f"{name}.parquet")) for name in PIECES
    }
    return Historie(carry, pieces)


def read_state(directory: Path | str) -> Tilstand | None:
    """The state kept beside the register; None when there is none or it has another format
    (the next append then computes it from the whole register)."""
    d = _state_dir(Path(directory))
    if not (d / STATE_FILE).exists():
        return None
    info = json.loads((d / STATE_FILE).read_text(encoding="utf-8"))
    if info.get("version") != STATE_VERSION:
        return None
    return Tilstand(
        int(info["first"]),
        int(info["last"]),
        now=_read_historie(d),
        before=_read_historie(d / BEFORE_DIR),
    )


def _replace_file(target: Path, table: pa.Table) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a hard link to the old register's file: never write into it
    pq.write_table(table, target)


def _write_historie(d: Path, h: Historie) -> None:
    for name, table in h.carry.items():
        _replace_file(d / f"{name}.parquet", table)
    for name, table in h.pieces.items():
        _replace_file(d / PIECES_DIR / f"{name}.parquet", table)


def _write_state(directory: Path, st: Tilstand) -> None:
    d = _state_dir(directory)
    (d / MONTHS_DIR).mkdir(parents=True, exist_ok=True)
    _write_historie(d, st.now)
    _write_historie(d / BEFORE_DIR, st.before)
    (d / STATE_FILE).unlink(missing_ok=True)
    (d / STATE_FILE).write_text(
        json.dumps({"version": STATE_VERSION, "first": st.first, "last": st.last}),
        encoding="utf-8",
    )


def _write_month(directory: Path, month: str, table: pa.Table) -> None:
    _replace_file(_state_dir(directory) / MONTHS_DIR / f"{month}.parquet", table)


def read_months(directory: Path | str) -> dict[str, pa.Table]:
    """The maintained monthly results, by month."""
    d = _state_dir(Path(directory)) / MONTHS_DIR
    return {f.stem: pq.read_table(f) for f in sorted(d.glob("*.parquet"))}


# ---------------------------------------------------------------------------------------------
# The whole register at once (the first increment) and the full recompute


def initial_state(
    directory: Path | str, *, con: Any = None
) -> tuple[Tilstand, dict[str, pa.Table]]:
    """State and every month's results computed from the whole register (once, when a
    register first takes an increment): a full recompute. The history is carried to the week
    before the last week's month on the backend (a national register is not read into
    memory); that month's weeks are then taken one by one as appends take them."""
    from indsats.analytics.backend import read_register
    from indsats.analytics.suite import register_coverage

    directory = Path(directory)
    con = con if con is not None else connect("duckdb")
    reg = read_register(con, directory)
    first, last = register_coverage(reg)
    months = full_months(reg, (first, last))
    start = max(month_weeks(month_of(last))[0], first)
    carry = carried_to(reg, start - 1, con=con) if start > first else empty_carry()
    now = Historie(carry, empty_pieces())
    before = now
    prev = reg.filter(reg.week_index == start - 1).to_pyarrow()
    for w in range(start, last + 1):
        week = reg.filter(reg.week_index == w).to_pyarrow()
        piece, carry = week_piece(prev, week, w, now.carry, (first, w), con=con)
        before, now = now, Historie(carry, combine_pieces(now.pieces, piece, con=con))
        prev = week
    return Tilstand(first, last, now, before), months


def full_months(reg: Any, daekning: tuple[int, int]) -> dict[str, pa.Table]:
    """Every covered month's incremental indicators in one run over the whole register (the
    full recompute the increments must equal), split by month."""
    first_m, last_m = month_of(daekning[0]), month_of(daekning[1])
    ctx = Kontekst(
        periode=weeks.parse_periode(f"{first_m}:{last_m}"), niveau="maaned", daekning=daekning
    )
    long = to_long(run_indicators(reg, ctx, list(INCREMENTAL)))
    out = {}
    for m in sorted(set(long.column("periode").to_pylist())):
        out[m] = long.filter(pc.equal(long["periode"], m))
    return out


# ---------------------------------------------------------------------------------------------
# Appending a week


def append_week(
    directory: Path | str,
    table: pa.Table,
    *,
    replace: bool = False,
    con: Any = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, str]:
    """Append one week (`table`, canonical rows of a single week) to the register and update
    the month it falls in. Returns (week_index, month). Raises AppendError for a week that is
    there already (unless `replace`, for the last week), a gap, or rows of several weeks."""
    directory = Path(directory)
    step = progress or (lambda _m: None)
    step("Ugen kontrolleres")
    table = table.select(SCHEMA.names).cast(SCHEMA)
    ws = sorted(set(table.column("week_index").to_pylist()))
    if len(ws) != 1:
        shown = ", ".join(weeks.label(w) for w in ws[:5]) or "none"
        raise AppendError(
            f"an appended file holds exactly one week; this one holds {len(ws)} ({shown})"
        )
    w = int(ws[0])
    cov = register_week_range(directory)
    check_append(directory, cov, w, replace=replace)
    con = con if con is not None else connect("duckdb")
    month = month_of(w)
    state = read_state(directory) if cov is not None else None
    months: dict[str, pa.Table] = {}
    init = cov is not None and (state is None or state.last != cov[1])
    if init:
        step("Tilstand beregnes fra hele registret (første tilføjelse)")
        state, months = initial_state(directory, con=con)
    if state is None:  # an empty register
        first, base = w, Historie(empty_carry(), empty_pieces())
    elif w == state.last:  # --replace of the last week: start from the week before it
        first, base = state.first, state.before
    elif month_of(state.last) == month:
        first, base = state.first, state.now
    else:  # w opens a new month
        first, base = state.first, Historie(state.now.carry, empty_pieces())
    step("Ugens stykker beregnes")
    prev = _read_weeks(directory, w - 1, w - 1) if w > first else SCHEMA.empty_table()
    piece, carry = week_piece(prev, table, w, base.carry, (first, w), con=con)
    now = Historie(carry, combine_pieces(base.pieces, piece, con=con))
    step(f"Indikatorer for {month}")
    result = to_long(month_figures(now.pieces, month, con=con))
    step("Ugen, tilstanden og måneden skrives")
    with staged_register(directory) as tmp:
        if init:
            _partition_into(directory, tmp)
            shutil.rmtree(tmp / STATE_DIR, ignore_errors=True)  # a stale state's months
        name = week_file(w)
        (tmp / name).unlink(missing_ok=True)
        pq.write_table(table, tmp / name, row_group_size=1 << 20)
        _write_state(tmp, Tilstand(first, w, now=now, before=base))
        for m, t in months.items():
            _write_month(tmp, m, t)
        _write_month(tmp, month, result)
    return w, month


def _partition_into(directory: Path, tmp: Path) -> None:
    """Rewrite the staged copy of the register as one file per week (a register generated or
    imported whole takes its first increment)."""
    if all(f.name.startswith(WEEK_FILE_PREFIX) for f in directory.glob("*.parquet")):
        return
    for f in tmp.glob("*.parquet"):
        f.unlink()
    partition_by_week(directory, tmp)


def rebuild_state(directory: Path | str, *, con: Any = None) -> None:
    """Partition the register by week, and compute the state and every month from the whole
    register (atomically): what the first `append_week` does, ahead of time."""
    directory = Path(directory)
    st, months = initial_state(directory, con=con)
    with staged_register(directory) as tmp:
        _partition_into(directory, tmp)
        shutil.rmtree(tmp / STATE_DIR, ignore_errors=True)
        _write_state(tmp, st)
        for m, t in months.items():
            _write_month(tmp, m, t)


__all__: Sequence[str] = (
    "INCREMENTAL",
    "append_week",
    "read_months",
    "read_state",
    "rebuild_state",
    "full_months",
)
