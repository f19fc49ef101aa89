"""`indsats evaluation ...`: effect evaluations on the register, and their power beforehand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Effect evaluation: participants against a matched comparison group from the register.",
    no_args_is_help=True,
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]Fejl:[/bold red] {message}", highlight=False)
    return typer.Exit(code)


def _prices(values: list[str] | None) -> dict[str, float]:
    from indsats.domain.ydelser import parse_ydelse
    from indsats.economics.numbers import EconomicsInputError, parse_amount

    out: dict[str, float] = {}
    for v in values or []:
        name, sep, amount = v.partition("=")
        if not sep:
            raise typer.BadParameter(
                f"--enhedspris {v!r}: write YDELSE=KR, e.g. sygedagpenge=240000"
            )
        try:
            out[parse_ydelse(name.strip()).value] = float(
                parse_amount(amount, where=f"--enhedspris {name.strip()}")
            )
        except (ValueError, EconomicsInputError) as exc:
            raise typer.BadParameter(str(exc)) from None
    return out


def _kommuner(values: list[str] | None) -> tuple[int, ...] | None:
    if not values:
        return None
    from indsats.domain.kommuner import UnknownKommune, get_kommune

    try:
        return tuple(get_kommune(v).kode for part in values for v in part.split(",") if v)
    except UnknownKommune as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def run(
    register: Annotated[Path, typer.Option("--register", help="Register directory (Parquet).")],
    out: Annotated[Path, typer.Option("--out", help="Directory for effektvurdering.*")],
    deltagere: Annotated[
        Path | None,
        typer.Option("--deltagere", help="Participant file: person_id;start_uge (CSV)."),
    ] = None,
    maalgruppe: Annotated[
        str | None,
        typer.Option(
            "--maalgruppe",
            help="Instead of a file: everyone on this benefit (with --kommune, --fra, --til, "
            "--min-varighed), e.g. an investment case's target group.",
        ),
    ] = None,
    fra: Annotated[str | None, typer.Option("--fra", help="Target group: first week.")] = None,
    til: Annotated[str | None, typer.Option("--til", help="Target group: last week.")] = None,
    min_varighed: Annotated[
        int, typer.Option("--min-varighed", help="Target group: weeks into the spell.")
    ] = 1,
    kommune: Annotated[
        list[str] | None,
        typer.Option(
            "--kommune",
            "-k",
            help="The target group's municipality; for a file, the municipality the report is for.",
        ),
    ] = None,
    sammenligning: Annotated[
        list[str] | None,
        typer.Option(
            "--sammenligning",
            help="Municipalities to draw the comparison group from (default: the participants').",
        ),
    ] = None,
    navn: Annotated[str, typer.Option("--navn", help="The project's name.")] = "Effektvurdering",
    naboer: Annotated[int, typer.Option(help="Comparison persons per participant.")] = 1,
    caliper: Annotated[
        float, typer.Option(help="Largest distance, SD of the logit score; 0 = none.")
    ] = 0.2,
    uge: Annotated[int, typer.Option("--uge", help="Headline: weeks after start.")] = 26,
    enhedspris: Annotated[
        list[str] | None,
        typer.Option(
            "--enhedspris", help="Gross kr. per helårsperson, YDELSE=KR (repeat), for kroner."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for the matching order and bootstrap.")] = 0,
    backend: Annotated[str, typer.Option(help="duckdb or pyspark.")] = "duckdb",
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the PDF.")] = True,
) -> None:
    """Evaluate a project: match the participants, estimate the effect, write the
    Effektvurdering (JSON, HTML, PDF) to --out."""
    from rich.console import Console

    from indsats.analytics.backend import connect, read_register
    from indsats.evaluation import (
        Design,
        EvalueringsFejl,
        evaluate,
        participants_from_target_group,
        read_participants,
        sammenfatning,
    )
    from indsats.register import weeks
    from indsats.reports.build import datakilde
    from indsats.reports.effektvurdering import build_effektvurdering

    console = Console()
    prices = _prices(enhedspris)
    egen = _kommuner(kommune)
    if (deltagere is None) == (maalgruppe is None):
        raise typer.BadParameter("give either --deltagere FILE or --maalgruppe YDELSE")
    try:
        design = Design(
            naboer=naboer,
            caliper=caliper or None,
            kommuner=_kommuner(sammenligning),
            hovedmaal_uge=uge,
            seed=seed,
            enhedspriser=prices,
        )
        reg = read_register(connect(backend), register)
        if deltagere is not None:
            people = read_participants(deltagere)
        else:
            if not (egen and len(egen) == 1 and fra and til):
                raise typer.BadParameter("--maalgruppe needs one --kommune, --fra and --til")
            people = participants_from_target_group(
                reg,
                ydelse=str(maalgruppe),
                fra_uge=weeks.parse_week(fra),
                til_uge=weeks.parse_week(til),
                kommune=egen[0],
                min_varighed=min_varighed,
            )
        with console.status("Effektvurdering") as status:
            v = evaluate(reg, people, design, navn=navn, progress=status.update)
            status.update("Effektvurdering: HTML og PDF")
            files = build_effektvurdering(
                v,
                out,
                kommune=egen[0] if egen else None,
                datakilde=datakilde(register),
                pdf=pdf,
            )
    except EvalueringsFejl as exc:
        raise _fail(str(exc)) from None
    except (FileNotFoundError, weeks.InvalidWeek) as exc:
        raise _fail(str(exc), 2) from None
    s = sammenfatning(v)
    for paragraph in s.tekst:
        console.print(paragraph, highlight=False)
        console.print()
    for f in s.forbehold[:1]:
        console.print(f"[yellow]{f}[/yellow]", highlight=False)
    written = [files.json, files.html] + ([files.pdf] if files.pdf else [])
    console.print("Skrevet: " + ", ".join(str(p) for p in written), highlight=False)


@app.command()
def mde(
    register: Annotated[Path, typer.Option("--register", help="Register directory (Parquet).")],
    ydelse: Annotated[str, typer.Option("--ydelse", help="The participants' benefit.")],
    deltagere: Annotated[int, typer.Option("--deltagere", help="Planned participants.")],
    naboer: Annotated[int, typer.Option(help="Comparison persons per participant.")] = 1,
    uge: Annotated[int, typer.Option("--uge", help="Follow-up: weeks after start.")] = 26,
    kommune: Annotated[
        list[str] | None, typer.Option("--kommune", "-k", help="Municipalities (default all).")
    ] = None,
    backend: Annotated[str, typer.Option(help="duckdb or pyspark.")] = "duckdb",
) -> None:
    """Before a project starts: the smallest effect an evaluation could detect."""
    from rich.console import Console

    from indsats.analytics.backend import connect, read_register
    from indsats.domain.ydelser import parse_ydelse
    from indsats.evaluation import EvalueringsFejl, mde_fra_register

    try:
        y = parse_ydelse(ydelse).value
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        reg = read_register(connect(backend), register)
        k = _kommuner(kommune)
        m = mde_fra_register(
            reg,
            ydelse=y,
            deltagere=deltagere,
            naboer=naboer,
            uge=uge,
            kommuner=list(k) if k else None,
        )
    except EvalueringsFejl as exc:
        raise _fail(str(exc)) from None
    except FileNotFoundError as exc:
        raise _fail(str(exc), 2) from None
    Console().print(m.tekst, highlight=False)
