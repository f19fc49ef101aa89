"""django-auditlog's `auditlogflush`, refused: the audit trail is append-only.

This app is listed before `auditlog` in INSTALLED_APPS, so Django finds this command first.
Retention (removing rows older than the law requires) is a database administrator's job, done as
the table's owner with the guard switched off on purpose; see docs/security.md.
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Refused: the audit trail is append-only (django-auditlog's flush is disabled)."

    def add_arguments(self, parser):
        # Accept auditlog's options so that every form of the command meets the same refusal.
        parser.add_argument("-y", "--yes", action="store_true")
        parser.add_argument("-b", "--before-date")
        parser.add_argument("-t", "--truncate", action="store_true")

    def handle(self, *args, **options):
        raise CommandError(
            "The audit trail is append-only: auditlogflush is disabled in indsats. "
            "Retention is a database administrator's task (docs/security.md)."
        )
