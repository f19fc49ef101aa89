"""Lost updates and double bookings: what two people (or two tabs) doing the same thing at the
same moment must not be able to do (issue 12, items 3-5 and the SQLite booking race)."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens import services
from indsats.web.citizens.models import Plan, Samtale, Tidsrum


def _today():
    return timezone.localdate()


def _slot(user, days_ahead, hour=10):
    day = _today() + timedelta(days=days_ahead)
    start = timezone.make_aware(datetime.combine(day, time(hour)))
    return Tidsrum.objects.create(
        sagsbehandler=user, start=start, slut=start + timedelta(minutes=45), form="fysisk"
    )


def _in_parallel(calls):
    """Run each call in its own thread (own database connection), all released at once."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # reported by the test, not swallowed
            results[i] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


# --------------------------------------------------------------------------- item 3


@pytest.mark.django_db(transaction=True)
def test_one_booking_link_posting_many_slots_at_once_holds_one_slot(users, make_case):
    """Ten parallel posts of one booking link, each a different slot: the citizen ends up with
    one booked samtale in one slot (before: 4 of 10 became bookings)."""
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency proof needs PostgreSQL (SQLite serialises every write)")
    sag = make_case()
    slots = [_slot(users["jobraadgiver"], 1 + i % 5, hour=8 + i // 5) for i in range(10)]
    url = reverse("booking:book", args=[services.booking_token(sag=sag)])

    def post(slot):
        return lambda: Client().post(url, {"tidsrum": slot.pk}).status_code

    codes = _in_parallel([post(s) for s in slots])
    assert all(code in (200, 302) for code in codes), codes
    booked = Samtale.objects.filter(sag=sag, booket_af="borger", status="planlagt")
    assert booked.count() == 1
    assert Tidsrum.objects.filter(samtale__isnull=False).count() == 1


def test_the_database_refuses_a_second_self_booked_samtale(users, make_case):
    from django.db import IntegrityError, transaction

    sag = make_case()
    a, b = _slot(users["jobraadgiver"], 1), _slot(users["jobraadgiver"], 2)
    common = {"sag": sag, "status": "planlagt", "booket_af": "borger"}
    Samtale.objects.create(tidsrum=a, tidspunkt=a.start, **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        Samtale.objects.create(tidsrum=b, tidspunkt=b.start, **common)


# --------------------------------------------------------------------------- item 4


def _plan_post(client, url, page, maal):
    """Submit the goal form as the page rendered it (its version), with a new goal."""
    version = page.context["forms"]["maal"]["version"].value()
    data = {"del": "maal", "maal-maal": maal}
    if version not in (None, ""):
        data["maal-version"] = version
    return client.post(url, data)


def test_min_plan_shows_the_saved_goal_and_refuses_a_lost_update(users, make_case):
    sag = make_case()
    Plan.objects.create(borger=sag.borger, maal="Job som lagermedarbejder")
    url = reverse("citizens:plan", args=[sag.borger.pk])
    first, second = Client(), Client()
    first.force_login(users["jobraadgiver"])
    second.force_login(users["leder"])
    page_1, page_2 = first.get(url), second.get(url)
    for page in (page_1, page_2):
        body = page.content.decode()
        assert "Job som lagermedarbejder</textarea>" in body  # the saved goal, not a blank box
        assert 'name="maal-version" value="1"' in body
        assert not page.context["forms"]["maal"].is_bound

    assert _plan_post(first, url, page_1, "Job som chauffør").status_code == 302
    refused = _plan_post(second, url, page_2, "Job i detailhandlen")
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "ændret af en anden" in body
    assert "Job i detailhandlen</textarea>" in body  # the second user's input is kept
    assert Plan.objects.get(borger=sag.borger).maal == "Job som chauffør"
    again = second.post(url, {"del": "maal", "maal-maal": "Job i detailhandlen", "maal-version": 2})
    assert again.status_code == 302
    assert Plan.objects.get(borger=sag.borger).maal == "Job i detailhandlen"


def test_two_first_goals_on_a_new_plan_do_not_overwrite_each_other(users, make_case):
    sag = make_case()
    url = reverse("citizens:plan", args=[sag.borger.pk])
    first, second = Client(), Client()
    first.force_login(users["jobraadgiver"])
    second.force_login(users["leder"])
    page_1, page_2 = first.get(url), second.get(url)  # no plan yet: no version
    assert _plan_post(first, url, page_1, "Job som chauffør").status_code == 302
    refused = _plan_post(second, url, page_2, "Job i detailhandlen")
    assert refused.status_code == 200 and "ændret af en anden" in refused.content.decode()
    assert Plan.objects.get(borger=sag.borger).maal == "Job som chauffør"


# --------------------------------------------------------------------------- item 5


def test_two_caseworkers_recording_one_planned_samtale_get_a_conflict(users, make_case):
    sag = make_case()
    when = timezone.localtime() - timedelta(hours=2)
    planned = Samtale.objects.create(
        sag=sag, tidspunkt=when, status="planlagt", booket_af="borger", form="fysisk"
    )
    url = reverse("citizens:samtale_create", args=[sag.pk]) + f"?planlagt={planned.pk}"
    first, second = Client(), Client()
    first.force_login(users["jobraadgiver"])
    second.force_login(users["leder"])
    forms = [c.get(url).context["form"] for c in (first, second)]
    assert all(f["version"].value() == planned.version for f in forms)

    def data(note):
        return {
            "tidspunkt": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
            "type": "jobsamtale",
            "form": "fysisk",
            "afholdt_af": "jobcenter",
            "journalnotat": note,
            "version": planned.version,
        }

    assert first.post(url, data("Holdt af Mette.")).status_code == 302
    refused = second.post(url, data("Holdt af Anne."))
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "registreret som afholdt af en anden" in body and "Holdt af Anne." in body
    assert Samtale.objects.filter(sag=sag).count() == 1
    held = Samtale.objects.get(sag=sag)
    assert held.status == "afholdt" and held.journalnotat == "Holdt af Mette."


# --------------------------------------------------------------------------- SQLite


def test_twenty_citizens_booking_one_slot_on_sqlite_get_one_booking_and_a_clear_answer(tmp_path):
    """On the embedded default (a SQLite file), 9 of 20 parallel bookings answered 500
    "database is locked", and the losers read "10 er ikke en af de tilgængelige valgmuligheder".
    Now: one booking, every other citizen is told the slot was just taken."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "INDSATS_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "CRITICAL",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.web.sqlite_booking_race", str(tmp_path / "db.sqlite3")],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    outcomes = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = sorted(o["status"] for o in outcomes)
    assert statuses == [200] * 19 + [302], outcomes
    losers = [o["error"] for o in outcomes if o["status"] == 200]
    assert all("lige blevet booket af en anden" in e for e in losers), losers


def test_a_double_click_on_the_own_slot_books_once_and_says_nothing_wrong(users, make_case, client):
    sag = make_case()
    slot = _slot(users["jobraadgiver"], 1)
    url = reverse("booking:book", args=[services.booking_token(sag=sag)])
    assert client.post(url, {"tidsrum": slot.pk}).status_code == 302
    assert client.post(url, {"tidsrum": slot.pk}).status_code == 302
    assert Samtale.objects.filter(sag=sag).count() == 1
