"""`indsats serve`: the web app behind gunicorn, the production WSGI server.

One sync worker per core by default (the worklist benchmark in docs/performance.md measured
that more workers than cores is slower on a small machine). Django's development server, which
reloads on code changes, is only used with `--reload`: it is single-process and not made for
real users.
"""

from __future__ import annotations

import os
from pathlib import Path

from gunicorn.app.base import BaseApplication
from rich.console import Console

console = Console()


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "indsats.web.config.settings.local")
    # What the CLI serves is never in debug mode: a debug error page would show local variables
    # and settings. (`indsats manage runserver` keeps the local default for developers.)
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# How long a worker keeps its database connection (Django's CONN_MAX_AGE) under `indsats serve`.
PERSISTENT_CONNECTION_SECONDS = 600


def default_workers() -> int:
    return os.cpu_count() or 1


def serve_web(
    *,
    host: str,
    port: int,
    workers: int | None = None,
    reload: bool = False,
    migrate_first: bool = True,
) -> None:
    # Each sync worker serves one request at a time, so it can keep its database connection
    # between requests: opening one per request cost PostgreSQL 10-20 ms of a shared core per
    # page (docs/performance.md, issue 12). An explicit CONN_MAX_AGE wins. Not for the
    # development server: it starts a thread per request, so a kept connection is never reused.
    if not reload:
        os.environ.setdefault("CONN_MAX_AGE", str(PERSISTENT_CONNECTION_SECONDS))
    django_setup()
    if migrate_first:
        migrate()
    url = f"http://{host}:{port}/"
    if reload:
        from django.core.management import call_command

        console.print(f"\nindsats kører på [link]{url}[/link] (udviklingsserver; stop med Ctrl+C)")
        call_command("runserver", f"{host}:{port}", use_reloader=True, skip_checks=True)
        return
    from django.db import connections

    # The app is loaded once and the workers are forked from it: no database connection may
    # cross the fork (migrate opened one).
    connections.close_all()
    workers = workers or default_workers()
    console.print(f"\nindsats kører på [link]{url}[/link] ({workers} workers; stop med Ctrl+C)")
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "sync",
            "preload_app": True,
            "accesslog": "-",  # paths are logged with booking tokens redacted (core/logging.py)
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "indsats",
        }
    ).run()


class _Gunicorn(BaseApplication):
    """gunicorn's documented custom application: options from here, the app from Django."""

    def __init__(self, options: dict[str, object]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()


# --------------------------------------------------------------------------- backup and restore


def _installation():
    from django.conf import settings

    from indsats.cli.backup import Installation

    db = settings.DATABASES["default"]
    sqlite = Path(db["NAME"]) if db["ENGINE"] == "django.db.backends.sqlite3" else None
    return Installation(var_dir=Path(settings.VAR_DIR), sqlite_path=sqlite)


def _print_counts(manifest: dict) -> None:
    counts = manifest["counts"]
    for label in ("borgere", "sager", "samtaler", "revisionsspor"):
        if label in counts:
            console.print(f"  {label}: {counts[label]:,}".replace(",", "."))
    for name, weeks in sorted(counts.get("registeruger", {}).items()):
        console.print(f"  register {name}: {weeks} uger")


PG_DUMP_HINT = (
    "The database is PostgreSQL and is not in the archive: dump it with pg_dump "
    '(pg_dump -Fc -f indsats.dump "$DATABASE_URL"; see docs/operations.md).'
)


def backup_run(*, out: Path) -> None:
    from indsats.cli.backup import backup_create

    django_setup()
    installation = _installation()
    manifest = backup_create(installation=installation, out=out)
    console.print(f"Backup written to {out} ({len(manifest['files'])} files):")
    _print_counts(manifest)
    if installation.sqlite_path is None:
        console.print(PG_DUMP_HINT)


def restore_run(*, archive: Path, force: bool) -> None:
    from indsats.cli.backup import backup_restore, database_counts

    django_setup()
    installation = _installation()
    manifest = backup_restore(installation=installation, archive=archive, force=force)
    migrate()  # a backup from an older version of indsats
    console.print(f"Restored {archive} (made {manifest['created']}):")
    if installation.sqlite_path is not None and manifest["database"] == "sqlite":
        manifest = {
            **manifest,
            "counts": {**manifest["counts"], **database_counts(installation.sqlite_path)},
        }
    _print_counts(manifest)
    if manifest["database"] == "postgresql":
        console.print(
            "The database is PostgreSQL and was not in the archive: restore it with pg_restore "
            "(docs/operations.md)."
        )
