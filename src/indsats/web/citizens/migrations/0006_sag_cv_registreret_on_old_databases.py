"""Bring a database migrated with the first version of 0001_initial to today's schema.

0001_initial was edited after it had landed (commit dfb45b3, 26.11.2026): it gained the column
`citizens_sag.cv_registreret` (and the permission `view_team_overview`, which Django creates
from the models after every migrate, so it needs nothing here). A database that applied the first
version has 0001 recorded as applied but lacks the column, and every page that reads a case
fails. Django's migration state already has the field (from the edited 0001), so this migration
changes only the database, and only where the column is missing; on every other database it
does nothing. Landed migrations are never edited again: tests/web/test_migrations.py checks
their hashes.
"""

from django.db import migrations


def add_missing_cv_registreret(apps, schema_editor):
    Sag = apps.get_model("citizens", "Sag")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, Sag._meta.db_table)
        }
    if "cv_registreret" not in columns:
        schema_editor.add_field(Sag, Sag._meta.get_field("cv_registreret"))


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0005_borger_register_id"),
    ]

    operations = [
        migrations.RunPython(add_missing_cv_registreret, migrations.RunPython.noop),
    ]
