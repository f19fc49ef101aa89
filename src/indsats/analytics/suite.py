"""Running the indicator suite on a backend, and a long format for writing the results."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ibis.expr.types as ir
import pyarrow as pa

from indsats.analytics.indicators import INDICATORS
from indsats.analytics.kontekst import Kontekst

FLOW_INDICATORS = frozenset({"tilgang", "afgang", "overgangsmatrix", "status_efter_k_uger"})

# Columns that identify a row (dimensions); all other columns are measures.
DIMENSIONS = (
    "kommune",
    "periode",
    "ydelse",
    "maalgruppe",
    "fra",
    "til",
    "gruppe",
    "status",
    "art",
    "trin",
    "k_uger",
    "graense_uger",
)


def register_coverage(register: ir.Table) -> tuple[int, int]:
    """First and last week index present in the register (one small aggregate query)."""
    row = (
        register.aggregate(first=register.week_index.min(), last=register.week_index.max())
        .to_pyarrow()
        .to_pylist()[0]
    )
    if row["first"] is None:
        raise ValueError("the register is empty")
    return int(row["first"]), int(row["last"])


def filter_kommune(register: ir.Table, kommune: int | Iterable[int] | None) -> ir.Table:
    if kommune is None:
        return register
    if isinstance(kommune, int):
        return register.filter(register.kommune == kommune)
    return register.filter(register.kommune.isin(list(kommune)))


def available(ctx: Kontekst, names: Iterable[str] | None = None) -> list[str]:
    """Indicator names that can run with what the context holds (case-data ones need it)."""
    names = list(names) if names is not None else list(INDICATORS)
    unknown = [n for n in names if n not in INDICATORS]
    if unknown:
        raise KeyError(f"unknown indicator(s) {unknown}; known: {', '.join(INDICATORS)}")
    if ctx.aktiviteter is None:
        names = [n for n in names if n != "virksomhedsrettet_inden_13_uger"]
    return names


def build_indicators(
    register: ir.Table, ctx: Kontekst, names: Iterable[str] | None = None
) -> dict[str, ir.Table]:
    """The unexecuted Ibis expressions, by name."""
    return {name: INDICATORS[name](register, ctx) for name in available(ctx, names)}


def run_indicators(
    register: ir.Table,
    ctx: Kontekst,
    names: Iterable[str] | None = None,
    *,
    kommune: int | Iterable[int] | None = None,
    progress: Callable[[str], None] | None = None,
    share_intermediates: bool = True,
) -> dict[str, pa.Table]:
    """Execute the suite on the register's backend; returns Arrow tables by indicator name.

    `ctx.daekning` is filled from the whole register (before the kommune filter) when unset.
    `progress(name)` is called before each indicator, for progress bars. With
    `share_intermediates` the transitions used by tilgang, afgang, overgangsmatrix and
    status_efter_k_uger are computed once and cached on the backend (Ibis `Table.cache()`).
    """
    if ctx.daekning is None:
        ctx.daekning = register_coverage(register)
    reg = filter_kommune(register, kommune)
    todo = available(ctx, names)
    out = {}
    share = share_intermediates and len(FLOW_INDICATORS.intersection(todo)) > 1
    ctx.shared = {} if share else None
    try:
        for name in todo:
            if progress is not None:
                progress(name)
            out[name] = INDICATORS[name](reg, ctx).to_pyarrow()
    finally:
        for cached in (ctx.shared or {}).values():
            cached.release()
        ctx.shared = None
    return out


def to_long(results: dict[str, pa.Table]) -> pa.Table:
    """Stack indicator tables into one long table: indikator, the dimension columns (NULL where
    an indicator lacks one), measure (the measure's name) and vaerdi (float64)."""
    import pandas as pd

    frames = []
    for name, table in results.items():
        df = table.to_pandas()
        dims = [c for c in df.columns if c in DIMENSIONS]
        measures = [c for c in df.columns if c not in DIMENSIONS]
        long = df.melt(id_vars=dims, value_vars=measures, var_name="measure", value_name="vaerdi")
        long.insert(0, "indikator", name)
        frames.append(long)
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    cols = ["indikator", *[d for d in DIMENSIONS if d in df.columns], "measure", "vaerdi"]
    for d in DIMENSIONS:
        if d in df.columns and d not in ("kommune", "k_uger", "graense_uger"):
            df[d] = df[d].astype("string")
    for d in ("kommune", "k_uger", "graense_uger"):
        if d in df.columns:
            df[d] = df[d].astype("Int64")
    df["vaerdi"] = df["vaerdi"].astype("float64")
    return pa.Table.from_pandas(df[cols], preserve_index=False)
