"""`indsats manage frister_refresh`: compute today's deadlines of every open case.

Run it nightly (cron, a systemd timer) so that each caseworker's first worklist of the day is as
fast as the rest; without it the worklist computes its stale cases itself on first look.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from indsats.web.citizens.frister import frister_key, frister_refresh
from indsats.web.citizens.models import Sag


class Command(BaseCommand):
    help = "Compute today's stored deadlines of every open case whose deadlines are stale."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="cases per transaction")

    def handle(self, *args, batch: int, **options):
        today = timezone.localdate()
        stale = list(
            Sag.objects.filter(Q(slut__isnull=True) | Q(slut__gte=today))
            .exclude(frister_noegle=frister_key(today))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for lo in range(0, len(stale), batch):
            frister_refresh(sag_ids=stale[lo : lo + batch], as_of=today)
        self.stdout.write(f"{len(stale)} cases computed for {today:%d.%m.%Y}")
