"""Every read and change of citizen data leaves an audit row; the CPR never reaches a log."""

import logging

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indsats.web.citizens.models import Borger

CPR_FORMS = ("0101901234", "010190-1234")


def _access_rows(**filters):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, **filters)


def _assert_no_cpr_in(records, extra_cprs=()):
    for record in records:
        text = record.getMessage() + (record.exc_text or "")
        for cpr in (*CPR_FORMS, *extra_cprs):
            assert cpr not in text, f"CPR in log line from {record.name}"


def test_opening_a_citizen_page_writes_an_audit_row_and_logs_no_cpr(users, borgere, login, caplog):
    client = login(users["jobraadgiver"])
    borger = borgere["job"]
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    # Force Django to log every SQL statement with its parameters, the likeliest leak.
    with CaptureQueriesContext(connection):
        response = client.get(reverse("citizens:detail", args=[borger.pk]))
    assert response.status_code == 200
    assert "010190-1234" in response.content.decode()  # the one page that shows it in full

    rows = _access_rows(object_pk=str(borger.pk))
    assert rows.count() == 1
    row = rows.get()
    assert row.actor == users["jobraadgiver"]
    assert row.additional_data == {"purpose": "detail", "kommune": 573}
    assert row.cid == response["X-Request-ID"]
    assert row.remote_addr == "127.0.0.1"
    assert "0101901234" not in row.object_repr

    assert any(r.name == "django.db.backends" for r in caplog.records), "SQL was not logged"
    _assert_no_cpr_in(caplog.records)


def test_list_and_search_write_one_row_per_citizen_shown(users, borgere, login):
    client = login(users["leder"])
    response = client.get(reverse("citizens:list"))
    assert response.status_code == 200
    listed = _access_rows(additional_data__purpose="list")
    assert sorted(listed.values_list("object_pk", flat=True)) == sorted(
        [str(borgere["job"].pk), str(borgere["unge"].pk)]
    )
    # The list shows masked CPR numbers only.
    body = response.content.decode()
    assert "010190-xxxx" in body and "010190-1234" not in body

    response = client.post(reverse("citizens:list"), {"q": "010190-1234"})
    assert response.status_code == 200
    searched = _access_rows(additional_data__purpose="search")
    assert list(searched.values_list("object_pk", flat=True)) == [str(borgere["job"].pk)]


def test_an_export_writes_one_row_per_citizen_and_masks_cpr(users, borgere, login):
    response = login(users["jobraadgiver"]).get(reverse("citizens:export"))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Hans Hansen;010190-xxxx;Team Job" in body
    assert "1234" not in body and "Ida" not in body  # masked, and only the own team
    exported = _access_rows(additional_data__purpose="export")
    assert list(exported.values_list("object_pk", flat=True)) == [str(borgere["job"].pk)]


def test_a_change_is_logged_with_the_cpr_masked(users, teams, login, caplog):
    client = login(users["jobraadgiver"])
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    with CaptureQueriesContext(connection):
        response = client.post(
            reverse("citizens:create"),
            {"cpr": "121285-1237", "fornavn": "Karen", "efternavn": "Kristensen"},
        )
    assert response.status_code == 302
    assert "1212851237" not in response["Location"] and "121285" not in response["Location"]
    borger = Borger.objects.get(cpr="1212851237")
    created = LogEntry.objects.get(action=LogEntry.Action.CREATE, object_pk=str(borger.pk))
    assert created.actor == users["jobraadgiver"]
    assert "1212851237" not in str(created.changes)
    _assert_no_cpr_in(caplog.records, extra_cprs=("1212851237", "121285-1237"))


def test_the_audit_trail_is_append_only(users, borgere, login):
    login(users["jobraadgiver"]).get(reverse("citizens:detail", args=[borgere["job"].pk]))
    row = _access_rows().first()
    row.object_repr = "tampered"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            LogEntry.objects.filter(pk=row.pk).delete()


def test_admins_can_browse_the_trail_and_others_cannot(users, borgere, login, client):
    login(users["jobraadgiver"]).get(reverse("citizens:detail", args=[borgere["job"].pk]))
    assert client.get(reverse("accounts:audit_trail")).status_code == 403
    client.force_login(users["admin"])
    response = client.get(reverse("accounts:audit_trail"), {"handling": LogEntry.Action.ACCESS})
    assert response.status_code == 200
    body = response.content.decode()
    assert "mette" in body and "Hans Hansen" in body and "Borgerside" in body


def test_the_django_admin_shows_no_audit_trail(users, borgere, client):
    """The generic admin cannot scope rows to a municipality: the audit trail lives only at
    /konti/revisionsspor/, which does (issue 12, item 1)."""
    client.force_login(users["other_kommune"])
    client.get(reverse("citizens:detail", args=[borgere["other_kommune"].pk]))
    assert _access_rows(object_pk=str(borgere["other_kommune"].pk)).exists()
    client.force_login(users["admin"])  # an admin of 573, staff in the Django admin
    assert users["admin"].is_staff
    response = client.get("/admin/auditlog/logentry/", {"q": "Olsen"})
    assert response.status_code == 404
    assert "Olsen" not in response.content.decode()
    index = client.get("/admin/")
    assert index.status_code == 200 and "logentry" not in index.content.decode().lower()


def test_change_rows_keep_nothing_of_a_cpr_beyond_the_birth_date(users, login):
    """auditlog's default mask keeps the last half of the value (`*****24321`), which with the
    list's `150582-xxxx` rebuilds the whole number (issue 12, item 2)."""
    client = login(users["jobraadgiver"])
    response = client.post(
        reverse("citizens:create"),
        {"cpr": "150582-4321", "fornavn": "Bo", "efternavn": "Berg"},
    )
    assert response.status_code == 302
    borger = Borger.objects.get(cpr="1505824321")
    rows = LogEntry.objects.filter(object_pk=str(borger.pk)).exclude(action=LogEntry.Action.ACCESS)
    assert rows.exists()
    for row in rows:
        assert "1505824321" not in str(row.changes) + str(row.changes_text) + row.object_repr
        assert row.changes["cpr"] == ["", "150582-xxxx"]


def test_auditlogflush_is_refused_and_the_rows_stay(users, borgers_read):
    """`indsats manage auditlogflush --truncate -y` emptied the trail on PostgreSQL (issue 12,
    item 6). The command is refused in the app, whatever its options."""
    before = LogEntry.objects.count()
    assert before > 0
    for options in ({"truncate": True, "yes": True}, {"yes": True}):
        with pytest.raises(CommandError, match="append-only"):
            call_command("auditlogflush", **options)
    assert LogEntry.objects.count() == before


def test_the_database_refuses_truncate_of_the_audit_trail(users, borgers_read):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; the trail's database guard is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events before DDL
        # The test database runs with this trigger disabled, so that Django can flush tables
        # between transactional tests (tests/conftest.py); switch it on as a fresh install has it.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("ALTER TABLE auditlog_logentry ENABLE TRIGGER indsats_audit_no_truncate")
            cursor.execute("TRUNCATE auditlog_logentry")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("ALTER TABLE auditlog_logentry ENABLE TRIGGER indsats_audit_no_truncate")
            cursor.execute("TRUNCATE accounts_user CASCADE")
    assert LogEntry.objects.exists()


@pytest.fixture
def borgers_read(users, borgere, login):
    login(users["jobraadgiver"]).get(reverse("citizens:detail", args=[borgere["job"].pk]))


def test_the_migration_redacts_cpr_digits_in_existing_change_rows(users, teams):
    """Rows written before the birth-date mask kept `*****24321`; migration 0003 rewrites them,
    lifting the append-only guard for that one correction only."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    migration = importlib.import_module(
        "indsats.web.accounts.migrations.0003_audit_trail_refuses_truncate"
    )
    borger = Borger.objects.create(
        cpr="1505824321", fornavn="Bo", efternavn="Berg", kommune_kode=573, team=teams["job"]
    )
    old = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Borger),
        object_pk=str(borger.pk),
        object_repr="Bo Berg",
        action=LogEntry.Action.CREATE,
        changes={"cpr": ["**ne", "*****24321"], "fornavn": ["None", "Bo"]},
    )

    class Editor:  # the two things the migration uses of a schema editor
        def __init__(self, conn):
            self.connection = conn

        def execute(self, sql, params=()):
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration._redact_cpr_in_change_rows(apps, Editor(connection))
    old.refresh_from_db()
    assert old.changes == {"cpr": ["", "xxxxxx-xxxx"], "fornavn": ["None", "Bo"]}
    old.object_repr = "tampered"  # the guard is back
    with pytest.raises(DatabaseError), transaction.atomic():
        old.save()


def test_booking_tokens_never_reach_a_log_line(users, teams, client, caplog):
    """A booking link is a password to the citizen's booking page: the server's log lines show
    its path with the token redacted (issue 12, Low)."""
    import datetime
    import logging

    from indsats.web.citizens import services
    from indsats.web.citizens.models import Sag

    borger = Borger.objects.create(
        cpr="1505891236", fornavn="Sara", efternavn="Larsen", kommune_kode=573, team=teams["job"]
    )
    sag = Sag.objects.create(
        borger=borger,
        ydelse="dagpenge",
        foerste_henvendelse=datetime.date(2026, 1, 5),
        team=teams["job"],
    )
    token = services.booking_token(sag=sag)
    caplog.set_level(logging.DEBUG)
    client.get(reverse("booking:book", args=[token + "x"]))  # a bad link: logged as Not Found
    logging.getLogger("django.server").info('"GET /booking/%s/ HTTP/1.1" 200 1234', token)
    logging.getLogger("gunicorn.access").info(
        '%(h)s "%(r)s" %(s)s',
        {"h": "127.0.0.1", "r": f"GET /booking/{token}/bekraeftet/", "s": 200},
    )
    texts = [r.getMessage() for r in caplog.records]
    assert any("/booking/" in t for t in texts), texts
    for text in texts:
        assert token[:20] not in text, text
