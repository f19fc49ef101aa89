"""`indsats manage frister_refresh`: compute today's deadlines of every open case.

Run it nightly (cron, a systemd timer) so that each caseworker's first worklist of the day is as
fast as the rest; without it the worklist computes its stale cases itself on first look.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from indsats.web.citizens.frister import frister_refresh_stale
from indsats.web.citizens.models import Sag


class Command(BaseCommand):
    help = "Compute today's stored deadlines of every open case whose deadlines are stale."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="cases per transaction")

    def handle(self, *args, batch: int, **options):
        today = timezone.localdate()
        stale = frister_refresh_stale(
            sager=Sag.objects.filter(Q(slut__isnull=True) | Q(slut__gte=today)),
            as_of=today,
            batch=batch,
        )
        self.stdout.write(f"{stale} cases computed for {today:%d.%m.%Y}")
