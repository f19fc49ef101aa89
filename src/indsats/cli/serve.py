"""`indsats serve`: the web app behind gunicorn, the production WSGI server.

One sync worker per core by default (the worklist benchmark in docs/performance.md measured
that more workers than cores is slower on a small machine). Django's development server, which
reloads on code changes, is only used with `--reload`: it is single-process and not made for
real users.
"""

from __future__ import annotations

import os

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
