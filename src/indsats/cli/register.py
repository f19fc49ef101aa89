"""`indsats register ...`: generate, import and query the weekly benefit register."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="The weekly benefit register: synthetic generation, imports and indicators.",
    no_args_is_help=True,
)


def _kommuner(values: list[str] | None) -> list[int] | None:
    if not values or any(v.lower() in ("alle", "all") for v in values):
        return None
    from indsats.domain.kommuner import get_kommune

    return [get_kommune(v).kode for part in values for v in part.split(",") if v]


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    )


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="Register directory to write (replaced).")],
    kommune: Annotated[
        list[str] | None,
        typer.Option(
            "--kommune",
            "-k",
            help="Municipality code(s); repeat or comma-separate; omit or 'alle' for all 98.",
        ),
    ] = None,
    first: Annotated[str, typer.Option("--from", help="First ISO week, e.g. 2019W01.")] = "2019W01",
    last: Annotated[str, typer.Option("--to", help="Last ISO week, e.g. 2024W52.")] = "2024W52",
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same register).")] = 0,
    scale: Annotated[
        float, typer.Option(help="Multiply every target level (benchmarks only).")
    ] = 1.0,
) -> None:
    """Generate a calibrated synthetic register and show generated vs real AUK01 levels."""
    from rich.console import Console
    from rich.table import Table

    from indsats.domain.kommuner import all_kommuner
    from indsats.register import generator, weeks

    try:
        a, b = weeks.parse_week(first), weeks.parse_week(last)
        codes = _kommuner(kommune)
    except (ValueError, LookupError) as exc:
        raise typer.BadParameter(str(exc)) from None
    codes = codes or [k.kode for k in all_kommuner()]
    rows: list = []
    with _progress() as progress:
        task = progress.add_task("simulating municipalities", total=len(codes))

        def done(kode, result):
            rows.extend(generator.calibration_from_result(result))
            progress.advance(task)

        n = generator.generate_register(out, codes, a, b, seed=seed, scale=scale, on_kommune=done)
    console = Console()
    console.print(f"{n:,} person-weeks for {len(codes)} municipalities written to {out}")
    if len(codes) <= 10:
        table = Table(
            "kommune",
            "year",
            "AUK01 real",
            "generated",
            "ratio",
            "within tol.",
            title="Nettoledige kontanthjælp (fuldtidsmodtagere): real vs generated",
        )
        for r in rows:
            table.add_row(
                f"{r.kommune} {r.navn}",
                r.label,
                "-" if r.real_auk01 is None else f"{r.real_auk01:.0f}",
                f"{r.generated_auk01:.0f}",
                "-" if r.ratio is None else f"{r.ratio:.2f}",
                "-" if r.within_tolerance is None else str(r.within_tolerance),
            )
        console.print(table)


@app.command("import")
def import_(
    kind: Annotated[str, typer.Argument(help="long | dream | aggregate")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    out: Annotated[Path, typer.Option("--out", help="Register directory (aggregate: a .parquet).")],
    mapping: Annotated[
        Path | None, typer.Option(help="DREAM mapping CSV (default: the bundled one).")
    ] = None,
    kommune: Annotated[
        int | None, typer.Option(help="DREAM: municipality when the file has no column.")
    ] = None,
    ydelse: Annotated[
        str | None,
        typer.Option(
            help="Aggregate: the benefit of a file without a benefit column, as the publisher "
            "labels it (e.g. 'Nettoledige kontanthjælpsmodtagere')."
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(help="Aggregate: the measure's name for DST's INDHOLD column."),
    ] = None,
    replace_with_less: Annotated[
        bool,
        typer.Option(
            "--replace-with-less",
            help="Allow a file with no data rows, or with less than half the rows or weeks "
            "(aggregate: periods) of what --out holds now, to replace it.",
        ),
    ] = False,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Append one week to the register in --out (long, dream) and update the "
            "monthly indicators of that week's month only; refused for a week that is there "
            "already or one that leaves a gap.",
        ),
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="With --append: replace the register's last week.")
    ] = False,
) -> None:
    """Import a file atomically; on any error, print every bad line and write nothing.

    A file with no data rows, or with less than half of what --out holds now (rows or weeks),
    is refused unless --replace-with-less.

    aggregate: a table as Statistics Denmark or Jobindsats publish it (docs/register.md)."""
    from indsats.register.importers import import_file
    from indsats.register.schema import RegisterImportError

    kwargs: dict = {"replace_with_less": replace_with_less}
    if kind == "dream":
        kwargs |= {"mapping": mapping, "kommune": kommune}
    elif kind == "aggregate":
        kwargs |= {"ydelse": ydelse, "measure": measure}
    if replace and not append:
        raise typer.BadParameter("--replace goes with --append")
    if append:
        _append(kind, path, out, kwargs, replace=replace)
        return
    try:
        report = import_file(kind, path, out, **kwargs)
    except RegisterImportError as exc:
        typer.echo(exc.report.summary(limit=200), err=True)
        raise typer.Exit(1) from None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(report.summary())


def _append(kind: str, path: Path, out: Path, kwargs: dict, *, replace: bool) -> None:
    """--append: the file is checked by the importer into a scratch directory, then appended
    as one week (`indsats.analytics.increment.append_week`)."""
    import tempfile

    from indsats.analytics.increment import append_week
    from indsats.register import weeks
    from indsats.register.importers import import_file
    from indsats.register.schema import RegisterImportError
    from indsats.register.store import AppendError, read_register

    if kind == "aggregate":
        raise typer.BadParameter("--append is for registers (long, dream), not aggregate tables")
    kwargs = {**kwargs, "replace_with_less": True}
    with tempfile.TemporaryDirectory(prefix=".indsats-append-") as scratch:
        try:
            report = import_file(kind, path, Path(scratch) / "uge", **kwargs)
            week = read_register(Path(scratch) / "uge")
            w, month = append_week(out, week, replace=replace, progress=typer.echo)
        except RegisterImportError as exc:
            typer.echo(exc.report.summary(limit=200), err=True)
            raise typer.Exit(1) from None
        except AppendError as exc:
            typer.echo(f"{path}: {exc}", err=True)
            raise typer.Exit(1) from None
    typer.echo(report.summary())
    typer.echo(
        f"{weeks.label(w)} {'replaced in' if replace else 'appended to'} {out}; the indicators "
        f"of {month} are updated"
    )


@app.command()
def indicators(
    register: Annotated[Path, typer.Option("--register", exists=True, help="Register directory.")],
    out: Annotated[Path, typer.Option("--out", help="Output Parquet file (long format).")],
    period: Annotated[str, typer.Option("--period", help="2023, 2023Q2, 2023-05 or 2022:2023.")],
    kommune: Annotated[
        list[str] | None, typer.Option("--kommune", "-k", help="Municipality code(s).")
    ] = None,
    niveau: Annotated[str, typer.Option(help="Breakdown: aar, kvartal, maaned or uge.")] = "aar",
    csv: Annotated[bool, typer.Option("--csv", help="Also write the same table as CSV.")] = False,
    backend: Annotated[str, typer.Option(help="duckdb or pyspark.")] = "duckdb",
    names: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only these indicators.")
    ] = None,
) -> None:
    """Compute the indicator suite and write it as one long table (indikator, dimensions,
    measure, vaerdi)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.indicators import INDICATORS
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.suite import available, run_indicators, to_long
    from indsats.register.store import atomic_file
    from indsats.register.weeks import parse_periode

    try:
        ctx = Kontekst(parse_periode(period), niveau=niveau)
        codes = _kommuner(kommune)
        todo = available(ctx, names or list(INDICATORS))
    except (ValueError, KeyError, LookupError) as exc:
        raise typer.BadParameter(str(exc)) from None
    con = connect(backend)
    reg = read_register(con, register)
    with _progress() as progress:
        task = progress.add_task("indicators", total=len(todo))

        def step(name):
            progress.update(task, description=name)
            progress.advance(task)

        results = run_indicators(reg, ctx, todo, kommune=codes, progress=step)
    table = to_long(results)
    with atomic_file(out) as tmp:
        pq.write_table(table, tmp)
    typer.echo(f"{table.num_rows} rows from {len(results)} indicators written to {out}")
    if csv:
        target = out.with_suffix(".csv")
        with atomic_file(target) as tmp:
            pacsv.write_csv(table, tmp)
        typer.echo(f"also written to {target}")


@app.command("maaneder")
def maaneder(
    register: Annotated[Path, typer.Option("--register", exists=True, help="Register directory.")],
    out: Annotated[Path, typer.Option("--out", help="Output Parquet file (long format).")],
) -> None:
    """The monthly indicators kept up to date by --append (one long table, as `register
    indicators --niveau maaned` writes it, for the indicators that take increments)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from indsats.analytics.increment import read_months
    from indsats.register.store import atomic_file

    months = read_months(register)
    if not months:
        raise typer.BadParameter(
            f"{register} has no monthly indicators kept by increments (append a week with "
            "indsats register import … --append first)",
            param_hint="--register",
        )
    table = pa.concat_tables(months.values(), promote_options="default")
    with atomic_file(out) as tmp:
        pq.write_table(table, tmp)
    typer.echo(
        f"{table.num_rows} rows for {len(months)} months ({min(months)} to {max(months)}) written to {out}"
    )


@app.command()
def calibration(
    first: Annotated[str, typer.Option("--from")] = "2019W01",
    last: Annotated[str, typer.Option("--to")] = "2023W52",
    kommune: Annotated[list[str] | None, typer.Option("--kommune", "-k")] = None,
    seed: Annotated[int, typer.Option()] = 0,
    markdown: Annotated[
        bool, typer.Option(help="Print a Markdown table (for docs/register.md).")
    ] = False,
) -> None:
    """Simulate without writing and compare the kontanthjælp level with AUK01 per year.

    Real and generated levels cover the same weeks: a window that ends in the middle of a year
    is compared with AUK01's quarters of those weeks only (the column says which, e.g. 2024 K1).
    """
    from indsats.domain.kommuner import all_kommuner
    from indsats.register import generator, weeks
    from indsats.register.calibration import NETTOLEDIG_ANDEL_AF_KONTANTHJAELP

    codes = _kommuner(kommune) or [k.kode for k in all_kommuner()]
    rows: list = []
    with _progress() as progress:
        task = progress.add_task("simulating", total=len(codes))
        for kode in codes:
            rows += generator.calibration_report(
                [kode], weeks.parse_week(first), weeks.parse_week(last), seed=seed
            )
            progress.advance(task)
    periods = list(dict.fromkeys(r.label for r in rows))
    share_head = f"all benefits / 16-66 ({periods[-1]})"
    table: list[list[str]] = []
    for kode in codes:
        rs = [r for r in rows if r.kommune == kode]
        cells = [
            ("-" if r.real_auk01 is None else f"{r.real_auk01:.0f}")
            + f" / {r.generated_auk01:.0f}"
            + ("" if r.within_tolerance in (True, None) else " (!)")
            for r in rs
        ]
        share = rs[-1].generated_total / rs[-1].population_16_66
        table.append([f"{kode} {rs[0].navn}", *cells, f"{share:.1%}"])
    head = ["kommune", *(f"{p} real / gen." for p in periods), share_head]
    if markdown:
        typer.echo("| " + " | ".join(head) + " |")
        typer.echo("|---|" + "---|" * (len(head) - 1))
        for line in table:
            typer.echo("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(line[i]) for line in [head, *table]) for i in range(len(head))]
        for line in [head, *table]:
            typer.echo(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(line, widths, strict=True))
                ).rstrip()
            )
        typer.echo(
            "real: DST AUK01 nettoledige kontanthjælpsmodtagere (fuldtidsmodtagere) over the same "
            "weeks; gen.: generated kontanthjælp x "
            f"{NETTOLEDIG_ANDEL_AF_KONTANTHJAELP}"
        )
    bad = [r for r in rows if r.within_tolerance is False]
    typer.echo(
        f"{len(rows) - len(bad)} of {len(rows)} municipality-years within tolerance "
        "(max(15 %, 5 persons))"
    )
