"""Weekly increments: append one week to a register and update the monthly indicators by
recomputing only the month the week falls in.

A register that takes increments is partitioned by year and week: every appended week is its
own file `uge-YYYYWww.parquet` (a register generated or imported whole may keep its
`part-*.parquet` files for the weeks before). Beside the files, `_inkrement/` (ignored by every
reader: the name begins with `_`) holds

- `tilstand.json`: the register's first and last week and `foer`, the week before the month of
  the last week;
- `forloeb.parquet`: the spells running in week `foer` (person_id, ydelse, week_index,
  forloeb_start) for the benefits whose durations are indicators;
- `skift.parquet`: the dagpenge/sygedagpenge switches in the 51 weeks up to `foer`
  (person_id, week_index, kommune), for the zapper window;
- `maaneder/YYYY-MM.parquet`: the month's indicator results in the long format.

Appending week w of month M reads the week files of M up to w and of week `foer` (at most six
weeks; DuckDB scans them, the new week is scanned from memory), puts the carried history on the
backend and runs the same indicator functions on that
slice (`Kontekst.carry`); only M's results are replaced. When w opens a new month, the state is
first moved on from the old `foer` to the new one over the previous month's weeks. The result
equals a full recompute of every month (tests/analytics/test_increment.py).
Everything - the week file, the state, the month - is written in one atomic swap of the
register directory (`store.staged_register`): a reader sees the old register or the new one.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from indsats.analytics.backend import connect
from indsats.analytics.kontekst import Kontekst
from indsats.analytics.suite import run_indicators, to_long
from indsats.domain.ydelser import Ydelse
from indsats.register import weeks
from indsats.register.schema import SCHEMA
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
MONTHS_DIR = "maaneder"

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
SKIFT_SCHEMA = pa.schema(
    [("person_id", pa.int64()), ("week_index", pa.int32()), ("kommune", pa.int32())]
)


@dataclass(frozen=True)
class Tilstand:
    first: int
    last: int
    foer: int  # the week before the month of `last`


def month_of(week_index: int) -> str:
    return weeks.period_label(week_index, "maaned")


def month_weeks(month: str) -> tuple[int, int]:
    p = weeks.parse_periode(month)
    return p.first, p.last


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


def _ctx(month: str, daekning: tuple[int, int], carry: dict[str, pa.Table] | None) -> Kontekst:
    return Kontekst(
        periode=weeks.parse_periode(month), niveau="maaned", daekning=daekning, carry=carry
    )


def month_results(
    directory: Path,
    first: int,
    week: pa.Table,
    month: str,
    daekning: tuple[int, int],
    carry: dict[str, pa.Table] | None,
    *,
    con: Any = None,
) -> pa.Table:
    """The month's incremental indicators (long format) on the register slice from week
    `first` to the week before `week`'s, read by DuckDB from the week files, plus `week` (not
    written yet, scanned from memory), with the carried history."""
    import ibis

    con = con if con is not None else connect("duckdb")
    w = int(week.column("week_index")[0].as_py())
    nullable = pa.schema([f.with_nullable(True) for f in SCHEMA])
    reg = ibis.memtable(week.select(SCHEMA.names).cast(nullable))
    files = [
        str(f)
        for f in sorted(directory.glob("*.parquet"))
        if (r := _weeks_of_file(f)) is not None and r[1] >= first and r[0] <= w - 1
    ]
    if files:
        old = con.read_parquet(files)
        old = old.filter((old.week_index >= first) & (old.week_index <= w - 1))
        reg = old.select(SCHEMA.names).union(reg, distinct=False)
    ctx = _ctx(month, daekning, carry)
    res = run_indicators(reg, ctx, list(INCREMENTAL))
    return to_long(res)


def advance(
    slice_: pa.Table | Any,  # Arrow, or an Ibis table on `con`
    old_carry: dict[str, pa.Table] | None,
    new_foer: int,
    daekning: tuple[int, int],
    *,
    con: Any = None,
) -> dict[str, pa.Table]:
    """The carried history at `new_foer` from the history at the slice's first week and the
    slice (that week up to `new_foer`)."""
    from indsats.analytics.indicators import forloeb_uger, zapper_skift

    con = con if con is not None else connect("duckdb")
    if isinstance(slice_, pa.Table):
        reg = con.create_table("indsats_inkrement_advance", slice_, temp=True, overwrite=True)
    else:
        reg = slice_
    ctx = Kontekst(
        periode=weeks.parse_periode(month_of(new_foer)),
        niveau="maaned",
        daekning=daekning,
        carry=old_carry,
    )
    forloeb = []
    carry_f = ctx.carry_table("forloeb", reg)
    for y in DURATION_YDELSER:
        v = forloeb_uger(reg, y, carry=carry_f)
        v = v.filter(v.week_index == new_foer)
        forloeb.append(
            _with_ydelse(v.select("person_id", "week_index", "forloeb_start").to_pyarrow(), y)
        )
    s = zapper_skift(reg, ctx).to_pyarrow()
    old_s = (old_carry or {}).get("skift", SKIFT_SCHEMA.empty_table())
    skift = pa.concat_tables(
        [old_s.cast(SKIFT_SCHEMA), s.select(SKIFT_SCHEMA.names).cast(SKIFT_SCHEMA)]
    )
    skift = skift.filter(pc.greater_equal(skift["week_index"], new_foer - 50))
    return {
        "forloeb": pa.concat_tables(forloeb).select(FORLOEB_SCHEMA.names).cast(FORLOEB_SCHEMA),
        "skift": skift,
    }


def _with_ydelse(t: pa.Table, y: str) -> pa.Table:
    return t.append_column("ydelse", pa.array([y] * t.num_rows, pa.string()))


def _state_dir(directory: Path) -> Path:
    return directory / STATE_DIR


def read_state(directory: Path | str) -> tuple[Tilstand, dict[str, pa.Table]] | None:
    d = _state_dir(Path(directory))
    if not (d / STATE_FILE).exists():
        return None
    info = json.loads((d / STATE_FILE).read_text(encoding="utf-8"))
    st = Tilstand(int(info["first"]), int(info["last"]), int(info["foer"]))
    carry = {
        "forloeb": pq.read_table(d / "forloeb.parquet"),
        "skift": pq.read_table(d / "skift.parquet"),
    }
    return st, carry


def _write_state(directory: Path, st: Tilstand, carry: dict[str, pa.Table]) -> None:
    d = _state_dir(directory)
    (d / MONTHS_DIR).mkdir(parents=True, exist_ok=True)
    for name in ("forloeb", "skift"):
        target = d / f"{name}.parquet"
        target.unlink(
            missing_ok=True
        )  # a hard link to the old register's file: never write into it
        pq.write_table(carry[name], target)
    (d / STATE_FILE).unlink(missing_ok=True)
    (d / STATE_FILE).write_text(
        json.dumps({"version": 1, "first": st.first, "last": st.last, "foer": st.foer}),
        encoding="utf-8",
    )


def _write_month(directory: Path, month: str, table: pa.Table) -> None:
    target = _state_dir(directory) / MONTHS_DIR / f"{month}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    pq.write_table(table, target)


def read_months(directory: Path | str) -> dict[str, pa.Table]:
    """The maintained monthly results, by month."""
    d = _state_dir(Path(directory)) / MONTHS_DIR
    return {f.stem: pq.read_table(f) for f in sorted(d.glob("*.parquet"))}


def initial_state(
    directory: Path | str, *, con: Any = None
) -> tuple[Tilstand, dict[str, pa.Table], dict[str, pa.Table]]:
    """State and every month's results computed from the whole register (once, when a
    register first takes an increment): a full recompute."""
    from indsats.analytics.backend import read_register
    from indsats.analytics.suite import register_coverage

    directory = Path(directory)
    con = con if con is not None else connect("duckdb")
    reg = read_register(con, directory)
    first, last = register_coverage(reg)
    foer = month_weeks(month_of(last))[0] - 1
    months = full_months(reg, (first, last))
    # the history up to `foer` stays on the backend (a national register is not read into memory)
    head = reg.filter(reg.week_index <= foer)
    carry = advance(head, None, foer, (first, last), con=con) if foer >= first else _empty_carry()
    return Tilstand(first, last, foer), carry, months


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


def _empty_carry() -> dict[str, pa.Table]:
    return {"forloeb": FORLOEB_SCHEMA.empty_table(), "skift": SKIFT_SCHEMA.empty_table()}


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
    state = read_state(directory)
    st: Tilstand | None = None
    carry: dict[str, pa.Table] | None = None
    months: dict[str, pa.Table] = {}
    init = state is None or state[0].last != (cov[1] if cov else None)
    if state is not None and not init:
        st, carry = state
    elif cov is not None:
        step("Tilstand beregnes fra hele registret (første tilføjelse)")
        st, carry, months = initial_state(directory, con=con)
    month = month_of(w)
    m_first, _ = month_weeks(month)
    foer = m_first - 1
    first = cov[0] if cov else w
    daekning = (first, w)
    if st is None or carry is None:
        carry = _empty_carry()
        st = Tilstand(first, w, foer)
    if st.foer != foer:
        if foer < st.foer:
            raise AppendError("the state is ahead of the appended week; rebuild it")
        step("Tilstanden flyttes til den nye måned")
        carry = advance(_read_weeks(directory, st.foer, foer), carry, foer, daekning, con=con)
    step(f"Indikatorer for {month}")
    result = month_results(directory, foer, table, month, daekning, carry, con=con)
    step("Ugen, tilstanden og måneden skrives")
    with staged_register(directory) as tmp:
        if init:
            _partition_into(directory, tmp)
            shutil.rmtree(tmp / STATE_DIR, ignore_errors=True)  # a stale state's months
        name = week_file(w)
        (tmp / name).unlink(missing_ok=True)
        pq.write_table(table, tmp / name, row_group_size=1 << 20)
        _write_state(tmp, Tilstand(first, w, foer), carry)
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
    st, carry, months = initial_state(directory, con=con)
    with staged_register(directory) as tmp:
        _partition_into(directory, tmp)
        shutil.rmtree(tmp / STATE_DIR, ignore_errors=True)
        _write_state(tmp, st, carry)
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
