import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrations leave it, except one guard on PostgreSQL.

    Django empties the tables between transactional tests (live server, concurrency proofs)
    with TRUNCATE, which the audit trail refuses (accounts migration 0003). The test database
    switches that one trigger off, as a database administrator would for retention;
    tests/web/test_audit.py switches it on again to prove the refusal.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE auditlog_logentry DISABLE TRIGGER indsats_audit_no_truncate"
                )
