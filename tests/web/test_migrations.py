"""Migrations: the models and the migrations agree, landed migrations never change, and a
database migrated with an old version of an edited migration is brought up to date."""

import hashlib
import importlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "indsats" / "web"
LANDED = Path(__file__).with_name("landed_migrations.sha256")


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations would write a migration (exit {exc.code}):\n{out.getvalue()}")


def _migration_files() -> dict[str, str]:
    return {
        p.relative_to(ROOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(WEB.glob("*/migrations/[0-9]*.py"))
    }


def _landed() -> dict[str, str]:
    out = {}
    for line in LANDED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(maxsplit=1)
            out[path.strip()] = digest
    return out


def test_landed_migrations_are_never_edited():
    """A migration that has landed may have run on someone's database: change the schema with a
    new migration instead (CONTRIBUTING.md, "Migrations")."""
    files, landed = _migration_files(), _landed()
    changed = sorted(p for p in landed if p in files and files[p] != landed[p])
    removed = sorted(p for p in landed if p not in files)
    new = sorted(p for p in files if p not in landed)
    problems = [
        f"{p}: changed after it landed; undo the edit and add a new migration" for p in changed
    ]
    problems += [f"{p}: removed after it landed" for p in removed]
    problems += [
        f"{p}: new migration; when it is final, add this line to {LANDED.name}:\n{files[p]}  {p}"
        for p in new
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_the_first_0001_gets_the_cv_registreret_column():
    """citizens 0001_initial gained `Sag.cv_registreret` after it had landed (dfb45b3);
    citizens 0006 adds the column where it is missing and leaves other databases alone."""
    from django.apps import apps

    from indsats.web.citizens.models import Sag

    step = importlib.import_module(
        "indsats.web.citizens.migrations.0006_sag_cv_registreret_on_old_databases"
    )
    field = Sag._meta.get_field("cv_registreret")

    def columns() -> set[str]:
        with connection.cursor() as cursor:
            return {
                c.name
                for c in connection.introspection.get_table_description(cursor, Sag._meta.db_table)
            }

    assert "cv_registreret" in columns()
    with connection.schema_editor() as editor:  # a database as the first 0001 left it
        editor.remove_field(Sag, field)
    try:
        assert "cv_registreret" not in columns()
        with connection.schema_editor() as editor:
            step.add_missing_cv_registreret(apps, editor)
        assert "cv_registreret" in columns()
        with connection.schema_editor() as editor:  # a database that has it: nothing happens
            step.add_missing_cv_registreret(apps, editor)
        assert "cv_registreret" in columns()
    finally:
        if "cv_registreret" not in columns():
            with connection.schema_editor() as editor:
                editor.add_field(Sag, field)
