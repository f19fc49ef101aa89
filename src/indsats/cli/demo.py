"""The main job: build a demo municipality on the embedded defaults and serve the web app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from indsats.cli.serve import django_setup, migrate, serve_web

console = Console()


def demo_day_marker(var_dir: Path | str, kommune: int) -> Path:
    """The file that remembers the day the demo municipality's data was built for."""
    return Path(var_dir) / f"demo-{int(kommune)}-dag.txt"


def demo_day_previous(var_dir: Path | str, kommune: int) -> date | None:
    """The day an earlier demo in `var_dir` was built for, if one was (and the file is sound)."""
    path = demo_day_marker(var_dir, kommune)
    try:
        return date.fromisoformat(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def run_demo(*, kommune: int, serve: bool, host: str, port: int, today: date | None = None) -> None:
    """Build the demo for `today` (default: today in the municipality's time zone) and serve it."""
    from indsats.domain.kommuner import get_kommune

    navn = get_kommune(kommune).navn  # fail early on an unknown code
    django_setup()
    from django.conf import settings
    from django.utils import timezone

    from indsats.reports.build import demo_month

    if today is not None:  # checked by the command line
        # The build and the served app live on that day (for tests and screenshots).
        from indsats.web.core.clock import clock_shift

        clock_shift(today)
    today = timezone.localdate()
    month = demo_month(today)

    from indsats.web.citizens.models import Borger
    from indsats.web.demo.build import demo_build
    from indsats.web.demo.logins import demo_login_rows

    # The demo keeps what it built before (idempotent steps): cases, samtaler, plans and
    # meetings of an earlier build stay on that build's day.
    earlier = demo_day_previous(settings.VAR_DIR, kommune)

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
        migrate()
        if not Borger.objects.filter(kommune_kode=kommune).exists():
            earlier = None  # a new database: everything is built for `today`
        progress.update(task, advance=1, description=steps[1])
        from indsats.reports.build import demo_register

        register_dir = demo_register(
            kommune=kommune,
            var_dir=settings.VAR_DIR,
            today=today,
            progress=lambda msg: progress.update(task, description=msg),
        )
        demo_build(
            kommune_kode=kommune,
            today=today,
            register_dir=register_dir,
            step=lambda msg: progress.update(task, description=msg),
        )
        progress.update(task, advance=1, description=steps[2])
        from indsats.reports.build import demo_report
        from indsats.web.goals.services import rapport_sections

        rapport = demo_report(
            kommune=kommune,
            var_dir=settings.VAR_DIR,
            today=today,
            month=month,
            extra_sections=rapport_sections(kommune_kode=kommune, month=month),
            progress=lambda msg: progress.update(task, description=msg),
        )
        progress.update(task, advance=1, description="Færdig")

    console.print(f"\n[bold]Demokommune:[/bold] {navn} ({kommune}), bygget til {today:%d.%m.%Y}")
    console.print(f"[bold]Database:[/bold] {settings.DATABASES['default']['NAME']}")
    console.print(f"[bold]Månedsrapport:[/bold] {rapport.pdf} (og {rapport.html.name})")
    if earlier is not None and earlier != today:
        console.print(
            f"[yellow]Bemærk:[/yellow] demoens sager, samtaler, planer og møder blev bygget til "
            f"{earlier:%d.%m.%Y} og er beholdt; registret, rapporten og årets budget er bygget "
            f"til {today:%d.%m.%Y}. Byg hele demoen til {today:%d.%m.%Y} med en tom database og "
            "en tom INDSATS_VAR_DIR."
        )
    else:
        earlier = today
    demo_day_marker(settings.VAR_DIR, kommune).write_text(earlier.isoformat(), encoding="utf-8")
    table = Table(title="Demo-logins")
    for col in ("Brugernavn", "Adgangskode", "Rolle"):
        table.add_column(col)
    for row in demo_login_rows():
        table.add_row(*row)
    console.print(table)
    if serve:
        serve_web(host=host, port=port, migrate_first=False)
