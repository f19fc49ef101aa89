"""Make the audit trail append-only in the database itself.

PostgreSQL: UPDATE and DELETE on auditlog_logentry raise. Retention is a DBA's job (TRUNCATE or
moving old rows out under another role), not the application's.
SQLite (laptop): UPDATE raises; DELETE stays possible so the test suite can flush tables between
tests. Production runs on PostgreSQL.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION indsats_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only (% on auditlog_logentry)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER indsats_audit_no_update BEFORE UPDATE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION indsats_audit_append_only();
CREATE TRIGGER indsats_audit_no_delete BEFORE DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION indsats_audit_append_only();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS indsats_audit_no_update ON auditlog_logentry;
DROP TRIGGER IF EXISTS indsats_audit_no_delete ON auditlog_logentry;
DROP FUNCTION IF EXISTS indsats_audit_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER indsats_audit_no_update BEFORE UPDATE ON auditlog_logentry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only (UPDATE on auditlog_logentry)');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS indsats_audit_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
