"""Twenty citizens book the same slot at the same moment, on a SQLite file as `indsats serve`
uses it (not the test suite's in-memory database). Run by test_concurrency.py in a subprocess:

    python -m tests.web.sqlite_booking_race DB_FILE

prints one JSON list: for each citizen, the status code and the error shown (if any).
"""

import json
import os
import sys
import threading


def main(db_file: str, citizens: int = 20) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "indsats.web.config.settings.local"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses carry their template context
    from datetime import datetime, time, timedelta

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from indsats.web.accounts.roles import Rolle
    from indsats.web.accounts.services import team_get_or_create, user_create
    from indsats.web.citizens import services
    from indsats.web.citizens.models import Borger, Sag, Tidsrum

    call_command("migrate", verbosity=0)
    team = team_get_or_create(kommune_kode=573, navn="Team Job")
    caseworker = user_create(
        username="mette",
        password="x-test-password-1",
        kommune_kode=573,
        roller=[Rolle.JOBRAADGIVER],
        team=team,
    )
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time(10)))
    slot = Tidsrum.objects.create(
        sagsbehandler=caseworker, start=start, slut=start + timedelta(minutes=45), form="fysisk"
    )
    urls = []
    for i in range(citizens):
        borger = Borger.objects.create(
            cpr=f"0101{90 - i % 50:02d}{1000 + i:04d}",
            fornavn=f"Borger{i}",
            efternavn="Test",
            kommune_kode=573,
            team=team,
            sagsbehandler=caseworker,
        )
        sag = Sag.objects.create(
            borger=borger,
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            foerste_henvendelse=today,
            team=team,
            sagsbehandler=caseworker,
        )
        urls.append(reverse("booking:book", args=[services.booking_token(sag=sag)]))

    barrier = threading.Barrier(citizens)
    outcomes = [None] * citizens

    def book(i: int) -> None:
        from django.db import connection

        client = Client(raise_request_exception=False)
        try:
            barrier.wait()
            response = client.post(urls[i], {"tidsrum": slot.pk})
            error = ""
            if response.status_code == 200 and response.context:
                error = " ".join(response.context["form"].errors.get("tidsrum", []))
            outcomes[i] = {"status": response.status_code, "error": error}
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(citizens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main(sys.argv[1])
