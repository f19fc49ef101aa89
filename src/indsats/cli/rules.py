"""`indsats rules ...`: obligations for a case and refusion tiers for a benefit history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    help="Law as code: obligations of a case and refusion tiers.", no_args_is_help=True
)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


@app.command()
def obligations(
    case_file: Annotated[
        Path, typer.Argument(help="CASE.json: one case object or a list of cases.")
    ],
    as_of: Annotated[str, typer.Option("--as-of", help="Evaluation date, YYYY-MM-DD.")],
) -> None:
    """Print every obligation of the case(s) as JSON (see docs/rules.md for the format)."""
    from indsats.rules.model import InputError, Sag
    from indsats.rules.obligations import obligations as compute
    from indsats.rules.parameters import ParameterNotInForce

    day = _day(as_of, "--as-of")
    assert day is not None
    result: list[dict[str, Any]] = []
    for prefix, item in _load_cases(case_file):
        try:
            sag = Sag.from_dict(item)
            result.extend(o.to_dict() for o in compute(sag, day))
        except InputError as exc:
            _fail(f"{prefix}: field {exc}")
        except ParameterNotInForce as exc:
            _fail(f"{prefix}: {exc}")
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


def _read_text(path: Path) -> str:
    """The file's text in any encoding `indsats.domain.textfiles` reads; exit 2 naming the file
    (and line) if it cannot be read."""
    from indsats.domain.textfiles import InputFileError, read_text

    try:
        return read_text(path)
    except InputFileError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{path.name}: cannot be read ({exc.strerror or exc})")
    raise AssertionError  # pragma: no cover (_fail exits)


def _load_cases(case_file: Path) -> list[tuple[str, object]]:
    text = _read_text(case_file)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{case_file.name} line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})")
    except RecursionError:
        _fail(f"{case_file.name}: not valid case JSON (nested too deeply)")
    items = raw if isinstance(raw, list) else [raw]
    return [
        (f"{case_file.name}" + (f"[{i}]" if isinstance(raw, list) else ""), item)
        for i, item in enumerate(items)
    ]


@app.command()
def summary(
    case_file: Annotated[
        Path, typer.Argument(help="CASE.json: one case object or a list of cases.")
    ],
    as_of: Annotated[str, typer.Option("--as-of", help="Evaluation date, YYYY-MM-DD.")],
    with_obligations: Annotated[
        bool, typer.Option("--obligations", help="Include every obligation.")
    ] = False,
    output: Annotated[str, typer.Option("--format", help="json or text")] = "json",
) -> None:
    """A case on a date: counts, the next deadline, ret og pligt, municipal targets, sygedagpenge
    payments, assumptions and transitional rules (see docs/rules.md)."""
    from indsats.rules.model import InputError, Sag
    from indsats.rules.parameters import ParameterNotInForce
    from indsats.rules.summary import case_summary

    day = _day(as_of, "--as-of")
    assert day is not None
    result = []
    for prefix, item in _load_cases(case_file):
        try:
            result.append(
                case_summary(Sag.from_dict(item), day, include_obligations=with_obligations)
            )
        except InputError as exc:
            _fail(f"{prefix}: field {exc}")
        except ParameterNotInForce as exc:
            _fail(f"{prefix}: {exc}")
    if output == "text":
        typer.echo("\n\n".join(r["text_da"] for r in result))
    elif output == "json":
        data = result if len(result) != 1 else result[0]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _fail(f"--format: {output!r} is not json or text")


@app.command()
def refusion(
    history_file: Annotated[
        Path,
        typer.Argument(
            help="HISTORY.csv: person_id,week,ydelse (one row per week) or "
            "person_id,fra,til,ydelse (periods)."
        ),
    ],
    output: Annotated[str, typer.Option("--format", help="json or table")] = "json",
) -> None:
    """Print each week's anciennitet, tier and refusion/medfinansiering rate."""
    from indsats.rules.model import InputError
    from indsats.rules.refusion import read_history, refusion_weeks

    text = _read_text(history_file)
    try:
        rows = refusion_weeks(read_history(text, name=history_file.name))
    except InputError as exc:
        _fail(str(exc))
    if output == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table("person", "week", "ydelse", "anciennitet", "tier", "kind", "rate", "reset")
        for r in rows:
            table.add_row(
                r.person_id,
                r.iso_week,
                r.ydelse,
                str(r.anciennitet or ""),
                str(r.tier or ""),
                r.kind or "",
                str(r.rate or ""),
                "ja" if r.reset else "",
            )
        Console().print(table)
    elif output == "json":
        typer.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    else:
        _fail(f"--format: {output!r} is not json or table")


def _day(raw: str | None, option: str) -> date | None:
    if raw is None:
        return None
    from indsats.rules.model import FIRST_DAY, LAST_DAY

    try:
        day = date.fromisoformat(raw)
    except ValueError:
        _fail(f"{option}: {raw!r} is not a date (YYYY-MM-DD)")
        raise  # pragma: no cover (_fail exits)
    if not FIRST_DAY <= day <= LAST_DAY:
        _fail(f"{option}: {day} is outside {FIRST_DAY.year}-{LAST_DAY.year}")
    return day


@app.command()
def visitation(
    dato: Annotated[str, typer.Option("--dato", help="Day of the application, YYYY-MM-DD.")],
    ansoegt: Annotated[
        str, typer.Option("--ansoegt", help="The benefit applied for, e.g. kontanthjaelp.")
    ],
    alder: Annotated[int | None, typer.Option("--alder", help="Age on the day.")] = None,
    foedselsdato: Annotated[
        str | None, typer.Option("--foedselsdato", help="Birth date instead of the age.")
    ] = None,
    uddannelse: Annotated[
        bool,
        typer.Option(
            "--uddannelse/--ingen-uddannelse",
            help="Has an erhvervskompetencegivende uddannelse.",
        ),
    ] = False,
    visitation_navn: Annotated[
        str | None,
        typer.Option("--visitation", help="jobparat, aktivitetsparat, uddannelsesparat, ..."),
    ] = None,
    ophold: Annotated[
        bool | None,
        typer.Option("--ophold-9-af-10/--ikke-ophold-9-af-10", help="Residence in 9 of 10 years."),
    ] = None,
    sygedagpenge_brugt: Annotated[
        bool,
        typer.Option(
            "--sygedagpenge-over-22-uger", help="The 22 weeks of sygedagpenge are used (SDL § 24)."
        ),
    ] = False,
    output: Annotated[str, typer.Option("--format", help="json or text")] = "json",
) -> None:
    """Which benefit and target group apply on the day, with the reasons and the law."""
    from indsats.domain.ydelser import Ydelse
    from indsats.rules.model import InputError
    from indsats.rules.names import UnknownName, fold, visitation_of
    from indsats.rules.visitation import Personfakta, visiter

    day = _day(dato, "--dato")
    assert day is not None
    try:
        ydelse = Ydelse(fold(ansoegt))
    except ValueError:
        _fail(f"--ansoegt: unknown ydelse {ansoegt!r}; known: {', '.join(y.value for y in Ydelse)}")
    vis = None
    if visitation_navn is not None:
        try:
            vis = visitation_of(visitation_navn)
        except UnknownName as exc:
            _fail(f"--visitation: {exc}")
    try:
        res = visiter(
            Personfakta(
                dato=day,
                ansoegt=ydelse,
                alder=alder,
                foedselsdato=_day(foedselsdato, "--foedselsdato"),
                erhvervskompetencegivende_uddannelse=uddannelse,
                visitation=vis,
                ophold_9_af_10_aar=ophold,
                sygedagpenge_over_22_uger=sygedagpenge_brugt,
            )
        )
    except InputError as exc:
        _fail(f"field {exc}")
    if output == "json":
        typer.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
    elif output == "text":
        d = res.to_dict()
        lines = [
            f"Ydelse: {d['ydelse_navn'] or 'ingen'}",
            f"Målgruppe: {d['maalgruppe_navn'] or 'kan ikke afgøres endnu'}"
            + (f" (LAB § 6, nr. {d['lab6_nr']})" if d["lab6_nr"] else ""),
        ]
        lines += [f"- {g['text_da']} [{g['legal_reference']}; {g['status']}]" for g in d["grunde"]]
        lines += [f"Antaget: {a['text_da']}" for a in d["antagelser"]]
        lines += [f"Mangler: {m}" for m in d["mangler"]]
        lines += [f"Note: {n['text_da']}" for n in d["noter"]]
        typer.echo("\n".join(lines))
    else:
        _fail(f"--format: {output!r} is not json or text")
