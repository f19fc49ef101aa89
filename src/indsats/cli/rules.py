"""`indsats rules ...`: obligations for a case and refusion tiers for a benefit history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

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

    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        _fail(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)")
    try:
        raw = json.loads(case_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"{case_file}: file not found")
    except json.JSONDecodeError as exc:
        _fail(f"{case_file}: not valid JSON ({exc})")
    items = raw if isinstance(raw, list) else [raw]
    result = []
    for i, item in enumerate(items):
        prefix = f"{case_file.name}" + (f"[{i}]" if isinstance(raw, list) else "")
        try:
            sag = Sag.from_dict(item)
            result.extend(o.to_dict() for o in compute(sag, day))
        except InputError as exc:
            _fail(f"{prefix}: field {exc}")
        except ParameterNotInForce as exc:
            _fail(f"{prefix}: {exc}")
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


@app.command()
def refusion(
    history_file: Annotated[
        Path, typer.Argument(help="HISTORY.csv with columns person_id,week,ydelse.")
    ],
    output: Annotated[str, typer.Option("--format", help="json or table")] = "json",
) -> None:
    """Print each week's anciennitet, tier and refusion/medfinansiering rate."""
    from indsats.rules.model import InputError
    from indsats.rules.refusion import read_history_csv, refusion_weeks

    try:
        text = history_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        _fail(f"{history_file}: file not found")
    try:
        rows = refusion_weeks(read_history_csv(text, name=history_file.name))
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
