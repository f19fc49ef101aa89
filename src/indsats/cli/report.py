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
        typer.Option("--register", help="Register directory (default: var/register/<kommune>)."),
    ] = None,
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
    register = register or Path("var/register") / str(k.kode)
    from indsats.register.aggregate import is_aggregate

    if is_aggregate(register):
        raise typer.BadParameter(
            f"{register} is an aggregate table of public figures (indsats register import "
            "aggregate), not a weekly benefit register: the monthly report's goals need the "
            "register's weeks. Follow public figures with goals on 'offentlige_tal' "
            "(docs/goals.md); the report's benchmark already uses DST's public figures."
        )
    if not register.exists():
        raise typer.BadParameter(
            f"no register at {register} (indsats register generate "
            f"--kommune {k.kode} --out {register})"
        )
    goal_list = None
    if goals:
        from indsats.goals.loader import load_goals, ministermaal_goals

        try:
            goal_list = [g for p in goals for g in load_goals(p)] + ministermaal_goals(year)
        except GoalError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
    steps = [
        "Indikatorer fra ydelsesregistret",
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

        result = build_report(
            kommune=k.kode,
            month=month,
            register_dir=register,
            out_dir=out,
            goals=goal_list,
            pdf=not no_pdf,
            progress=step,
        )
        progress.update(task, completed=len(steps))
    console.print(
        f"Månedsrapport for {k.navn} ({month}): {result.html}"
        + ("" if no_pdf else f" og {result.pdf} ({result.pages} sider)")
    )
    console.print(f"Bygget på {result.timings['i_alt']:.1f} s")
