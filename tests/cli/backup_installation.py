"""An embedded installation for test_backup.py, driven in a subprocess (INDSATS_VAR_DIR names it):

python -m tests.cli.backup_installation populate   # citizens, cases, samtaler, a register
python -m tests.cli.backup_installation write      # keep writing until killed (the server)
python -m tests.cli.backup_installation ids        # print every id as JSON
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path


def _setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "indsats.web.config.settings.local"
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def populate() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from indsats.register import generator, weeks
    from indsats.web.accounts.roles import Rolle
    from indsats.web.accounts.services import team_get_or_create, user_create
    from indsats.web.citizens import selectors, services

    call_command("migrate", verbosity=0)
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    mette = user_create(
        username="mette",
        password="backup-test-1",
        kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER],
        team=team,
    )
    start = date.today() - timedelta(days=90)
    for i in range(25):
        borger = services.borger_create(
            actor=mette,
            cpr=f"{1 + i:02d}0385{1000 + i:04d}",
            fornavn=f"Borger{i}",
            efternavn="Backup",
            sagsbehandler=mette,
        )
        sag = services.sag_create(
            actor=mette,
            borger=borger,
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            foerste_henvendelse=start,
        )
        for days in (2, 30):
            services.samtale_record(
                actor=mette,
                sag=sag,
                tidspunkt=timezone.make_aware(datetime.combine(start, datetime.min.time()))
                + timedelta(days=days, hours=10),
                journalnotat="Samtale.",
            )
        selectors.borger_get(actor=mette, borger_id=borger.pk)  # a read row
    a, b = weeks.parse_week("2024W01"), weeks.parse_week("2024W12")
    generator.generate_register(Path(settings.VAR_DIR) / "register" / "573", [573], a, b)


def write() -> None:
    """What a running server does meanwhile: samtaler recorded, pages read (audit rows), and
    an import replacing the register again and again."""
    from django.conf import settings
    from django.utils import timezone

    from indsats.register.store import read_register, write_register
    from indsats.web.accounts.models import User
    from indsats.web.citizens import selectors, services
    from indsats.web.citizens.models import Sag

    mette = User.objects.get(username="mette")
    sager = list(Sag.objects.select_related("borger"))
    register = Path(settings.VAR_DIR) / "register" / "573"
    table = read_register(register)
    n = 0
    print("writing", flush=True)
    while True:
        sag = sager[n % len(sager)]
        services.samtale_record(
            actor=mette,
            sag=sag,
            tidspunkt=timezone.now() - timedelta(minutes=5),
            journalnotat=f"Skrevet under backup {n}.",
        )
        selectors.borger_get(actor=mette, borger_id=sag.borger_id)
        if n % 5 == 0:
            write_register(table, register)
        n += 1
        time.sleep(0.01)


def ids() -> None:
    import pyarrow.compute as pc
    from auditlog.models import LogEntry
    from django.conf import settings

    from indsats.register.store import read_register
    from indsats.web.citizens.models import Borger, Sag, Samtale

    registers = {}
    for directory in sorted((Path(settings.VAR_DIR) / "register").glob("*")):
        if directory.is_dir() and not directory.name.startswith("."):
            column = read_register(directory).column("week_index")
            registers[directory.name] = sorted(pc.unique(column).to_pylist())
    print(
        json.dumps(
            {
                "borgere": sorted(str(pk) for pk in Borger.objects.values_list("pk", flat=True)),
                "sager": sorted(str(pk) for pk in Sag.objects.values_list("pk", flat=True)),
                "samtaler": sorted(Samtale.objects.values_list("pk", flat=True)),
                "revisionsspor": sorted(LogEntry.objects.values_list("pk", flat=True)),
                "registeruger": registers,
            }
        )
    )


if __name__ == "__main__":
    _setup()
    {"populate": populate, "write": write, "ids": ids}[sys.argv[1]]()
