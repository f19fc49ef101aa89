"""`indsats report`: the monthly report to the committee (report.html and report.pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def report(
    kommune: Annotated[int, typer.Option("--kommune", "-k", help="Municipality code, e.g. 573.")],
    month: Annotated[str, typer.Option("--month", "-m", help="Report month, e.g. 2024-06.")],
    out: Annotated[Path, typer.Option("--out", help="Output directory (report.html, report.pdf).")],
    register: Annotated[
        Path | None,
        typer.Option(
            "--register",
            help="Register directory (default: var/register/<kommune>), or an aggregate table "
            "of public figures (indsats register import aggregate): then the report is built on "
            "public figures only.",
        ),
    ] = None,
    public: Annotated[
        list[Path] | None,
        typer.Option(
            "--public",
            help="Aggregate table(s) of public figures (indsats register import aggregate) for "
            "goals on offentlige_tal; fetched tables (indsats data fetch) and the shipped AUK01 "
            "series are used too.",
        ),
    ] = None,
    public_only: Annotated[
        bool,
        typer.Option(
            "--public-only",
            help="No register: build the report on public figures only (the shipped AUK01 "
            "series, fetched tables and --public files).",
        ),
    ] = False,
    goals: Annotated[
        list[Path] | None,
        typer.Option("--goals", help="Goal YAML file(s) instead of the bundled local goals."),
    ] = None,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Only HTML.")] = False,
) -> None:
    """Build the monthly report: goals with status and forecast, benchmark, data freshness."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from indsats.domain.kommuner import UnknownKommune, get_kommune
    from indsats.goals.model import GoalError, parse_month
    from indsats.reports.build import build_report

    try:
        k = get_kommune(kommune)
        year, _ = parse_month(month)
    except (UnknownKommune, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None
    from indsats.register.aggregate import is_aggregate
    from indsats.register.schema import RegisterImportError

    public_files = list(public or [])
    for p in public_files:
        if not is_aggregate(p):
            raise typer.BadParameter(
                f"{p} is not an aggregate table of public figures (indsats register import "
                "aggregate writes one)",
                param_hint="--public",
            )
    if public_only:
        if register is not None:
            raise typer.BadParameter("--public-only and --register exclude each other")
    else:
        register = register or Path("var/register") / str(k.kode)
        if not register.exists():
            raise typer.BadParameter(
                f"no register at {register} (indsats register generate --kommune {k.kode} "
                f"--out {register}); without a register, build the report on public figures "
                "with --public-only or --register <aggregate table>"
            )
        if register.is_file() and not is_aggregate(register):
            raise typer.BadParameter(
                f"{register} is neither a register directory nor an aggregate table of public "
                "figures (indsats register import aggregate writes one)",
                param_hint="--register",
            )
    goal_list = None
    if goals:
        from indsats.goals.loader import load_goals, ministermaal_goals

        try:
            goal_list = [g for p in goals for g in load_goals(p)] + ministermaal_goals(year)
        except GoalError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
    on_register = register is not None and not is_aggregate(register)
    steps = [
        *(["Indikatorer fra ydelsesregistret"] if on_register else []),
        "Benchmark (98 kommuner)",
        "Diagrammer (SVG)",
        "HTML",
        "PDF (WeasyPrint)",
    ]
    console = Console()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Månedsrapport", total=len(steps))
        seen: list[str] = []

        def step(msg: str) -> None:
            if seen:
                progress.advance(task)
            seen.append(msg)
            progress.update(task, description=msg)

        try:
            result = build_report(
                kommune=k.kode,
                month=month,
                register_dir=register,
                public_files=public_files,
                out_dir=out,
                goals=goal_list,
                pdf=not no_pdf,
                progress=step,
            )
        except RegisterImportError as exc:  # a fetched table that no longer reads
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        progress.update(task, completed=len(steps))
    if not on_register:
        console.print("Bygget på offentlige, aggregerede tal (intet ydelsesregister).")
    console.print(
        f"Månedsrapport for {k.navn} ({month}): {result.html}"
        + ("" if no_pdf else f" og {result.pdf} ({result.pages} sider)")
    )
    console.print(f"Bygget på {result.timings['i_alt']:.1f} s")
