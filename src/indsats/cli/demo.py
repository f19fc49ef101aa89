"""The main job: build a demo municipality on the embedded defaults and serve the web app."""

from __future__ import annotations

import os

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console()


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "indsats.web.config.settings.local")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def run_demo(*, kommune: int, serve: bool, host: str, port: int) -> None:
    from indsats.domain.kommuner import get_kommune

    navn = get_kommune(kommune).navn  # fail early on an unknown code
    _django_setup()
    from django.conf import settings

    from indsats.web.demo.build import demo_build
    from indsats.web.demo.logins import demo_login_rows

    steps = ["Database (migrering)", "Demokommune: teams, brugere og borgere", "Månedsrapport"]
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(steps[0], total=len(steps))
        _migrate()
        progress.update(task, advance=1, description=steps[1])
        from indsats.reports.build import demo_register

        register_dir = demo_register(
            kommune=kommune,
            var_dir=settings.VAR_DIR,
            progress=lambda msg: progress.update(task, description=msg),
        )
        demo_build(
            kommune_kode=kommune,
            register_dir=register_dir,
            step=lambda msg: progress.update(task, description=msg),
        )
        progress.update(task, advance=1, description=steps[2])
        from indsats.reports.build import DEMO_MONTH, demo_report
        from indsats.web.goals.services import rapport_sections

        rapport = demo_report(
            kommune=kommune,
            var_dir=settings.VAR_DIR,
            extra_sections=rapport_sections(kommune_kode=kommune, month=DEMO_MONTH),
            progress=lambda msg: progress.update(task, description=msg),
        )
        progress.update(task, advance=1, description="Færdig")

    console.print(f"\n[bold]Demokommune:[/bold] {navn} ({kommune})")
    console.print(f"[bold]Database:[/bold] {settings.DATABASES['default']['NAME']}")
    console.print(f"[bold]Månedsrapport:[/bold] {rapport.pdf} (og {rapport.html.name})")
    table = Table(title="Demo-logins")
    for col in ("Brugernavn", "Adgangskode", "Rolle"):
        table.add_column(col)
    for row in demo_login_rows():
        table.add_row(*row)
    console.print(table)
    if serve:
        serve_web(host=host, port=port, migrate=False)


def serve_web(*, host: str, port: int, migrate: bool = True) -> None:
    # Serving is never in debug mode: a debug error page would show local variables.
    os.environ.setdefault("DEBUG", "0")
    _django_setup()
    if migrate:
        _migrate()
    from django.core.management import call_command

    console.print(f"\nindsats kører på [link]http://{host}:{port}/[/link]  (stop med Ctrl+C)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
