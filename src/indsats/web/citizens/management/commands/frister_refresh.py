"""`indsats manage frister_refresh`: compute today's deadlines of every open case, and the
compliance of every case that Teamoverblik counts today (`frister_scope`).

Run it nightly (cron, a systemd timer) so that each caseworker's first worklist of the day, and a
leader's first Teamoverblik, is as fast as the rest; without it they compute their stale cases
themselves on first look.
"""

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from indsats.web.citizens.frister import frister_refresh_stale, frister_scope
from indsats.web.citizens.models import Sag


class Command(BaseCommand):
    help = (
        "Compute today's stored deadlines of every open case, and the compliance of the cases "
        "Teamoverblik counts, where they are stale."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="cases per transaction")

    def handle(self, *args, batch: int, **options):
        today = timezone.localdate()
        stale = frister_refresh_stale(
            sager=frister_scope(Sag.objects.all(), as_of=today),
            as_of=today,
            batch=batch,
        )
        if stale and connection.vendor == "postgresql":
            # Every stored row was rewritten: the morning's pages should not wait for autovacuum
            # (or, where it is off, go without) to plan with the new row counts.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE citizens_sag, citizens_frist, citizens_overholdelse")
        self.stdout.write(f"{stale} cases computed for {today:%d.%m.%Y}")
