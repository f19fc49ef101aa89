"""The audit trail answers "who touched citizen X?" (issue 13): filtered by the citizen's random
id (never the CPR), reads and changes of the citizen and of their cases, samtaler and plan, the
citizen's own booking; rows name the citizen, changes show before and after with the CPR masked
to the birth date, purposes in Danish."""

from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens import services
from indsats.web.citizens.models import CitizenAudit, Sag, Tidsrum


@pytest.fixture
def touched(users, borgere, teams):
    """Hans (team Job) is created, read, his case edited and a samtale booked by himself; Ida
    (team Unge) is read too, and must not appear in Hans's trail."""
    mette = users["jobraadgiver"]
    hans = services.borger_create(
        actor=mette, cpr="1107791234", fornavn="Hans", efternavn="Jensen", team=teams["job"]
    )
    sag = services.sag_create(
        actor=mette,
        borger=hans,
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=timezone.localdate(),
    )
    caseworker = Client()
    caseworker.force_login(mette)
    caseworker.get(reverse("citizens:detail", args=[hans.pk]))
    leder = Client()
    leder.force_login(users["leder"])
    leder.get(reverse("citizens:detail", args=[borgere["unge"].pk]))
    services.sag_update(
        actor=mette, sag_id=sag.pk, version=sag.version, visitation="jobparat",
        ydelse="kontanthjaelp", foerste_henvendelse=sag.foerste_henvendelse,
    )  # fmt: skip
    tz = timezone.get_current_timezone()
    start = datetime.combine(timezone.localdate() + timedelta(days=2), time(10), tzinfo=tz)
    slot = Tidsrum.objects.create(
        sagsbehandler=mette, start=start, slut=start + timedelta(minutes=30), form="fysisk"
    )
    citizen = Client()
    url = reverse("booking:book", args=[services.booking_token(sag=Sag.objects.get(pk=sag.pk))])
    citizen.get(url)
    assert citizen.post(url, {"tidsrum": slot.pk}).status_code == 302
    return hans


def _trail(users, **params):
    admin = Client()
    admin.force_login(users["admin"])
    response = admin.get(reverse("accounts:audit_trail"), params)
    assert response.status_code == 200
    return response


def test_who_touched_citizen_x(users, borgere, touched):
    response = _trail(users, borger=str(touched.pk))
    body = response.content.decode()
    rows = response.context["rows"]
    assert "Revisionsspor for Hans Jensen" in body
    assert rows and all(r["borger"] == "Hans Jensen" for r in rows)  # every row names him
    assert "Ida" not in body  # another citizen's rows are not in his trail
    kinds = {(r["action"], r["kind"]) for r in rows}
    assert ("Oprettet", "Borger") in kinds and ("Ændret", "Sag") in kinds
    assert ("Læst", "Borger") in kinds and ("Oprettet", "Samtale") in kinds
    # Purposes in Danish, and the citizen's own booking with no staff member.
    purposes = {r["purpose"] for r in rows if r["action"] == "Læst"}
    assert {"Borgerside", "Borgerens booking"} <= purposes
    booking = [r for r in rows if r["purpose"] == "Borgerens booking"]
    assert booking and all(r["who"] == "Borgeren (bookinglink)" for r in booking)
    booked = [r for r in rows if r["kind"] == "Samtale" and r["action"] == "Oprettet"]
    assert booked and booked[0]["who"] == "Borgeren (bookinglink)"
    # Before and after of the change, with the model's Danish field names.
    sag_change = next(r for r in rows if r["kind"] == "Sag" and r["action"] == "Ændret")
    assert ("Visitation", "aktivitetsparat", "jobparat") in sag_change["changes"]
    # The CPR: masked to the birth date in the creation row; the full number nowhere.
    created = next(r for r in rows if r["kind"] == "Borger" and r["action"] == "Oprettet")
    assert ("CPR-nummer", "–", "110779-xxxx") in created["changes"]
    assert "1107791234" not in body and "1234" not in body.split("<table", 1)[1].split("cid")[0]


def test_the_filter_takes_the_random_id_not_the_cpr(users, touched):
    assert _trail(users, borger="1107791234").context["borger_id"] == ""  # ignored, no filter
    assert _trail(users, borger="not-a-uuid").status_code == 200


def test_the_citizen_page_links_admins_to_the_citizens_trail(users, touched, login):
    body = login(users["admin"]).get(reverse("citizens:detail", args=[touched.pk]))
    assert f"/konti/revisionsspor/?borger={touched.pk}" in body.content.decode()
    body = login(users["jobraadgiver"]).get(reverse("citizens:detail", args=[touched.pk]))
    assert "Revisionsspor for borgeren" not in body.content.decode()


def test_every_model_whose_changes_name_the_citizen_says_who_the_citizen_is():
    mixed_in = [m for m in apps.get_models() if issubclass(m, CitizenAudit)]
    assert len(mixed_in) >= 5
    missing = [m.__name__ for m in mixed_in if m.audit_borger is CitizenAudit.audit_borger]
    assert missing == []
