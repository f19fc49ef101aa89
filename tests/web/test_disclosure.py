"""What a user can learn about citizens outside their scope: nothing, and every lookup that
touches a citizen is audited (issue 12, item 7 and /ledige-tider/)."""

from datetime import datetime, time, timedelta

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens.models import Borger, Sag, Samtale, Tidsrum


def _create(client, cpr):
    return client.post(
        reverse("citizens:create"), {"cpr": cpr, "fornavn": "Ny", "efternavn": "Borger"}
    )


def test_a_cpr_known_in_another_municipality_is_not_disclosed(users, borgere, login):
    """Ole Olsen (0303801234) is a citizen of 665. A caseworker of 573 creating him learns
    nothing about 665: each municipality keeps its own record of a citizen."""
    response = _create(login(users["jobraadgiver"]), "030380-1234")
    assert response.status_code == 302
    assert Borger.objects.filter(cpr="0303801234").count() == 2
    mine = Borger.objects.get(cpr="0303801234", kommune_kode=573)
    assert (mine.fornavn, mine.team.navn) == ("Ny", "Team Job")
    # Nothing of 665's citizen was read, so no read row names him.
    assert not LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(borgere["other_kommune"].pk)
    ).exists()


def test_a_cpr_in_another_team_names_nobody_and_the_lookup_is_audited(users, borgere, login):
    response = _create(login(users["jobraadgiver"]), "020205-1234")  # Ida Iversen, Team Unge
    assert response.status_code == 200
    body = response.content.decode()
    assert "findes allerede i kommunen" in body
    assert "Ida" not in body and "Iversen" not in body and "Team Unge" not in body
    assert Borger.objects.filter(cpr="0202051234").count() == 1
    lookup = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(borgere["unge"].pk))
    assert lookup.actor == users["jobraadgiver"]
    assert lookup.additional_data == {"purpose": "cpr_lookup", "kommune": 573}


def test_a_cpr_in_the_own_team_is_refused_and_the_lookup_is_audited(users, borgere, login):
    response = _create(login(users["jobraadgiver"]), "010190-1234")  # Hans Hansen, Team Job
    assert response.status_code == 200
    assert "findes allerede" in response.content.decode()
    assert Borger.objects.filter(cpr="0101901234").count() == 1
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(borgere["job"].pk),
        additional_data__purpose="cpr_lookup",
    ).exists()


# --------------------------------------------------------------------------- /ledige-tider/


def test_the_slot_list_names_only_citizens_in_scope_and_audits_them(users, borgere, login):
    """A caseworker's slot list shows who booked each slot: those are reads of citizen data."""
    mette = users["jobraadgiver"]
    day = timezone.localdate() + timedelta(days=3)
    booked = []
    for hour, borger in ((9, borgere["job"]), (10, borgere["unge"])):
        start = timezone.make_aware(datetime.combine(day, time(hour)))
        slot = Tidsrum.objects.create(
            sagsbehandler=mette, start=start, slut=start + timedelta(minutes=30)
        )
        sag = Sag.objects.create(
            borger=borger,
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            foerste_henvendelse=timezone.localdate(),
            team=borger.team,
        )
        Samtale.objects.create(
            sag=sag, tidsrum=slot, tidspunkt=start, status="planlagt", booket_af="borger"
        )
        booked.append(slot)
    body = login(mette).get(reverse("citizens:slots")).content.decode()
    assert "Hans Hansen" in body  # her own team's citizen
    assert "Ida Iversen" not in body and "Booket" in body  # another team's: only "booked"
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__purpose="slots")
    assert list(reads.values_list("object_pk", flat=True)) == [str(borgere["job"].pk)]
    assert reads.get().actor == mette
