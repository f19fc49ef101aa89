"""The audit trail refuses TRUNCATE too (PostgreSQL), and change rows lose the CPR digits that
django-auditlog's default mask kept.

Row triggers do not fire on TRUNCATE, so `auditlogflush --truncate` emptied the table; a
statement trigger now refuses it. Before `citizens.fields.cpr_audit_mask`, a change row of a
citizen kept the last five digits of the CPR (`*****24321`); those values become `xxxxxx-xxxx`.
The append-only guard is lifted for that one correction inside this migration's transaction.
"""

from django.db import migrations

PG_FORWARD = """
CREATE TRIGGER indsats_audit_no_truncate BEFORE TRUNCATE ON auditlog_logentry
    FOR EACH STATEMENT EXECUTE FUNCTION indsats_audit_append_only();
"""
PG_REVERSE = "DROP TRIGGER IF EXISTS indsats_audit_no_truncate ON auditlog_logentry;"

SQLITE_UPDATE_GUARD = """
CREATE TRIGGER indsats_audit_no_update BEFORE UPDATE ON auditlog_logentry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only (UPDATE on auditlog_logentry)');
END;
"""
REDACTED = "xxxxxx-xxxx"


def _redacted(value):
    if value in (None, "", "None", "**ne"):  # "**ne" is the default mask of "None"
        return ""
    if isinstance(value, str) and len(value) == 11 and value.endswith("-xxxx"):
        return value  # already the birth-date form
    return REDACTED


def _redact_cpr_in_change_rows(apps, schema_editor):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    borger_type = ContentType.objects.filter(app_label="citizens", model="borger").first()
    if borger_type is None:
        return
    rows = LogEntry.objects.filter(content_type=borger_type, changes__has_key="cpr")
    vendor = schema_editor.connection.vendor
    if not rows.exists():
        return
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE auditlog_logentry DISABLE TRIGGER indsats_audit_no_update", params=None
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS indsats_audit_no_update")
    for row in rows.iterator():
        old, new = row.changes["cpr"]
        row.changes["cpr"] = [_redacted(old), _redacted(new)]
        LogEntry.objects.filter(pk=row.pk).update(changes=row.changes)
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE auditlog_logentry ENABLE TRIGGER indsats_audit_no_update", params=None
        )
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UPDATE_GUARD)


def forward(apps, schema_editor):
    _redact_cpr_in_change_rows(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_audit_trail_append_only"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
