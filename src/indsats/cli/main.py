"""`indsats`: the command-line entry point.

Each area registers its own sub-application here. Heavy imports (Django, Ibis, DuckDB) happen
inside the commands, so `indsats --help` stays fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from indsats.cli import data as data_cli
from indsats.cli import economics as economics_cli
from indsats.cli import evaluation as evaluation_cli
from indsats.cli import plan as plan_cli
from indsats.cli import register as register_cli
from indsats.cli import report as report_cli
from indsats.cli import rules as rules_cli

app = typer.Typer(
    name="indsats",
    help="indsats: an open system for Danish municipal jobcenters.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold citizen data
)
app.add_typer(rules_cli.app, name="rules")
app.add_typer(economics_cli.app, name="economics")
app.add_typer(evaluation_cli.app, name="evaluation")
app.add_typer(register_cli.app, name="register")
app.add_typer(data_cli.app, name="data")
app.add_typer(plan_cli.app, name="plan")
app.command("report")(report_cli.report)


def _valid_kommune(code: int) -> int:
    from indsats.domain.kommuner import UnknownKommune, get_kommune

    try:
        return get_kommune(code).kode
    except UnknownKommune as exc:
        raise typer.BadParameter(str(exc)) from None


def _valid_demo_day(text: str | None) -> date | None:
    """--today: a day in ISO form (2025-03-15) the demo can be built for."""
    if text is None:
        return None
    from indsats.reports.build import DemoDayError, demo_day_check

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-15",
            param_hint="'--today'",
        ) from None
    try:
        return demo_day_check(day)
    except DemoDayError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--today'") from None


@app.command()
def demo(
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web app afterwards."),
    kommune: int = typer.Option(
        573, help="Municipality code of the demo municipality.", callback=_valid_kommune
    ),
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    today: str | None = typer.Option(
        None,
        "--today",
        metavar="YYYY-MM-DD",
        help="Build the demo for this day instead of today (for tests and screenshots).",
    ),
) -> None:
    """Build a demo municipality on the embedded defaults, then serve the web app."""
    from indsats.cli.demo import run_demo

    run_demo(kommune=kommune, serve=serve, host=host, port=port, today=_valid_demo_day(today))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    workers: int = typer.Option(0, min=0, help="gunicorn worker processes (0: one per core)."),
    reload: bool = typer.Option(
        False, help="Django's development server, reloading on code changes (not for users)."
    ),
) -> None:
    """Serve the web app with gunicorn (migrating the database first)."""
    from indsats.cli.serve import serve_web

    serve_web(host=host, port=port, workers=workers or None, reload=reload)


@app.command()
def backup(
    out: Annotated[
        Path,
        typer.Argument(
            help="The archive to write, e.g. backup-2026-12-03.tar.gz (readable by you only)."
        ),
    ],
) -> None:
    """Back up the installation (database, registers, reports, key), also while it serves."""
    from indsats.cli.backup import BackupError
    from indsats.cli.serve import backup_run

    try:
        backup_run(out=out)
    except BackupError as exc:
        typer.echo(f"indsats backup: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def restore(
    archive: Annotated[Path, typer.Argument(help="An archive written by indsats backup.")],
    force: Annotated[
        bool,
        typer.Option(
            help="Replace an installation that has data (it is moved aside, not deleted)."
        ),
    ] = False,
) -> None:
    """Restore a backup into this installation (stop the server first), then migrate."""
    from indsats.cli.backup import BackupError
    from indsats.cli.serve import restore_run

    try:
        restore_run(archive=archive, force=force)
    except BackupError as exc:
        typer.echo(f"indsats restore: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command: indsats manage migrate, indsats manage shell, ..."""
    from indsats.web.manage import main

    main(["indsats manage", *ctx.args])


if __name__ == "__main__":
    app()
