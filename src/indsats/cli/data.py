"""`indsats data ...`: fetch real public figures (Statistics Denmark, Jobindsats) and list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Real public figures: Statistics Denmark's Statbank and STAR's Jobindsats (docs/publicdata.md).",
    no_args_is_help=True,
)

fetch_app = typer.Typer(
    help="Fetch a table and cache it as Parquet with its provenance.", no_args_is_help=True
)
app.add_typer(fetch_app, name="fetch")

CacheOption = Annotated[
    Path | None,
    typer.Option("--cache", help="Cache directory (default: var/publicdata)."),
]


def _variables(values: list[str] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in values or []:
        code, sep, rest = v.partition("=")
        if not sep or not code.strip() or not rest.strip():
            raise typer.BadParameter(f"{v!r}: expected CODE=VALUE[,VALUE...], e.g. YDELSESTYPE=TOT")
        out[code.strip()] = [x.strip() for x in rest.split(",") if x.strip()]
    return out


def _table_label(p) -> str:
    """'FOLK1A (preset FOLK1A-65)' when a fetched query is a named preset of its table."""
    from indsats.publicdata.statbank import SOURCE, preset_of

    preset = preset_of(p.tabel, p.forespoergsel.get("variables")) if p.kilde == SOURCE else None
    return f"{p.tabel} (preset {preset})" if preset and preset != p.tabel else p.tabel


def _show(fetched, path_hint: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    p = fetched.provenance
    if fetched.cached:
        console.print(
            f"[yellow]No network ({fetched.offline_reason}).[/yellow] Using the cached copy "
            f"fetched {p.hentet_dato}."
        )
    t = fetched.table
    preview = Table(*t.column_names, title=f"{_table_label(p)}: {t.num_rows} rows (first 10)")
    for row in t.slice(0, 10).to_pylist():
        preview.add_row(*(str(row[c]) for c in t.column_names))
    console.print(preview)
    console.print(f"{p.kreditering}. Licence: {p.licens}.")
    console.print(f"Cached at {path_hint} (fetched {p.hentet_dato}).")


@fetch_app.command("statbank")
def fetch_statbank(
    table: Annotated[
        str,
        typer.Argument(
            help="Table id or preset: AUK01, AUP02, FOLK1A, FOLK1A-65, HFUDD11, FOLK1E, AFSTB4, "
            "or any table with --var."
        ),
    ],
    var: Annotated[
        list[str] | None,
        typer.Option("--var", help="CODE=VALUES, e.g. YDELSESTYPE=TOT or Tid=2024K1,2024K2."),
    ] = None,
    kommune: Annotated[
        list[int] | None, typer.Option("--kommune", "-k", help="Municipality code(s).")
    ] = None,
    periode: Annotated[
        list[str] | None, typer.Option("--periode", help="Period(s) as DST names them: 2024K1.")
    ] = None,
    lang: Annotated[str, typer.Option(help="da (Danish labels) or en.")] = "da",
    cache: CacheOption = None,
) -> None:
    """Fetch a Statbank table (or a preset query of one) and cache it as Parquet."""
    from indsats.publicdata.cache import cache_path, default_root
    from indsats.publicdata.http import PublicDataError
    from indsats.publicdata.statbank import SOURCE, StatbankClient, StatbankQuery

    try:
        query = StatbankQuery.build(
            table, _variables(var), kommuner=kommune, perioder=periode, lang=lang
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    root = cache or default_root()
    try:
        fetched = StatbankClient().fetch(query, cache_root=str(root))
    except PublicDataError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    _show(fetched, str(cache_path(root, SOURCE, query.table, query.body())))


@fetch_app.command("jobindsats")
def fetch_jobindsats(
    table: Annotated[str, typer.Argument(help="Table id, e.g. y30r21, y01a02.")],
    periode: Annotated[
        list[str] | None,
        typer.Option("--periode", help="Period(s), e.g. 2024M06 or 2023QMAT02; omit to list them."),
    ] = None,
    area: Annotated[
        list[str] | None, typer.Option("--area", help="Area(s) as Jobindsats names them; '*' all.")
    ] = None,
    var: Annotated[
        list[str] | None,
        typer.Option("--var", help="_variable=VALUES, e.g. _ygrp_y30r21='Ydelsesgrupper i alt'."),
    ] = None,
    cache: CacheOption = None,
) -> None:
    """Fetch a Jobindsats table (key in JOBINDSATS_API_TOKEN) and cache it as Parquet."""
    from indsats.publicdata.cache import cache_path, default_root
    from indsats.publicdata.http import PublicDataError
    from indsats.publicdata.jobindsats import SOURCE, JobindsatsClient

    client = JobindsatsClient()
    root = cache or default_root()
    try:
        if not periode:
            typer.echo("\n".join(client.periods(table)))
            return
        payload = client.payload(
            "*" if not area or area == ["*"] else area, periode, _variables(var)
        )
        fetched = client.fetch(table, payload, cache_root=str(root))
    except PublicDataError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    _show(fetched, str(cache_path(root, SOURCE, table, payload)))


@app.command("list")
def list_(cache: CacheOption = None) -> None:
    """The public tables at hand: shipped with indsats, and fetched into the cache."""
    from rich.console import Console
    from rich.table import Table

    from indsats.publicdata.cache import default_root, list_cached
    from indsats.publicdata.shipped import shipped_tables

    console = Console()
    shipped = Table(
        "table", "covers", "periods", "source", "licence", title="Shipped with indsats (offline)"
    )
    for s in shipped_tables():
        shipped.add_row(s.navn, s.daekker, s.perioder, s.kilde, s.licens)
    console.print(shipped)
    root = cache or default_root()
    entries = list_cached(root)
    fetched = Table(
        "source", "table", "fetched", "rows", "query", "file", title=f"Fetched into {root}"
    )
    for e in entries:
        p = e.provenance
        q = p.forespoergsel.get("variables", p.forespoergsel)
        fetched.add_row(
            p.kilde, _table_label(p), p.hentet_dato, str(p.raekker), str(q)[:60], e.path.name
        )
    if entries:
        console.print(fetched)
    else:
        console.print(
            f"Nothing fetched into {root} yet (indsats data fetch statbank AUK01 fetches all benefits)."
        )
