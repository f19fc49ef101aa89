"""The journal on the citizen page: whole notes, newest first, with author, date and next step."""

from datetime import timedelta

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens.models import Sag, Samtale

LONG_NOTE = (
    "Borgeren fortalte om sin ryg og om de to ansøgninger, hun har sendt til lagerjob i "
    "Varde. Vi talte om, at en virksomhedspraktik kan afklare, hvor mange timer hun kan "
    "arbejde.\nHun ønsker at starte efter efterårsferien."
)


def _sag(borger, user, ydelse="kontanthjaelp", days=90):
    return Sag.objects.create(
        borger=borger,
        ydelse=ydelse,
        visitation="jobparat" if ydelse == "kontanthjaelp" else "",
        foerste_henvendelse=timezone.localdate() - timedelta(days=days),
        team=borger.team,
        sagsbehandler=user,
    )


def test_journal_shows_whole_notes_newest_first_with_author_and_next_step(users, borgere, login):
    mette, anne = users["jobraadgiver"], users["leder"]
    borger = borgere["job"]
    old_case = _sag(borger, mette, ydelse="dagpenge", days=400)
    case = _sag(borger, mette)
    now = timezone.now()
    older = Samtale.objects.create(
        sag=old_case,
        tidspunkt=now - timedelta(days=200),
        status="afholdt",
        journalnotat="Første samtale på den gamle sag.",
        registreret_af=anne,
    )
    newest = Samtale.objects.create(
        sag=case,
        tidspunkt=now - timedelta(days=2),
        status="afholdt",
        journalnotat=LONG_NOTE,
        naeste_skridt="Finde en praktikplads på et lager inden 1. november.",
        registreret_af=mette,
    )
    Samtale.objects.create(  # nothing written: not a journal entry
        sag=case, tidspunkt=now - timedelta(days=30), status="afholdt", registreret_af=mette
    )
    client = login(mette)
    response = client.get(reverse("citizens:detail", args=[borger.pk]))
    assert response.status_code == 200
    journal = response.context["o"].journal
    assert [s.pk for s in journal] == [newest.pk, older.pk]
    html = response.content.decode()
    section = html[html.index('id="journal-h"') :]
    # the whole note (line breaks kept as paragraphs), not cut at 80 characters
    assert "Hun ønsker at starte efter efterårsferien." in section
    assert "hvor mange timer hun kan arbejde.<br>Hun ønsker" in section
    assert "Næste skridt:" in section
    assert "Finde en praktikplads på et lager inden 1. november." in section
    assert f"Skrevet af {mette.get_full_name()}" in section
    assert f"Skrevet af {anne.get_full_name()}" in section
    assert section.index(newest.journalnotat[:40]) < section.index("Første samtale på den gamle")
    assert timezone.localtime(newest.tidspunkt).strftime("%d.%m.%Y %H:%M") in section
    # the samtale table links to the note instead of cutting it
    assert f'href="#journal-{newest.pk}"' in html
    assert LONG_NOTE[:77] + "…" not in html
    # one detail read of the citizen, audited
    assert LogEntry.objects.filter(
        object_pk=str(borger.pk), additional_data__purpose="detail", actor=mette
    ).exists()


def test_empty_journal_says_so(users, borgere, login):
    client = login(users["jobraadgiver"])
    response = client.get(reverse("citizens:detail", args=[borgere["job"].pk]))
    assert "Ingen journalnotater endnu." in response.content.decode()


def test_journal_of_another_team_is_not_shown(users, borgere, login):
    borger = borgere["unge"]
    case = _sag(borger, users["jobraadgiver_unge"])
    Samtale.objects.create(
        sag=case,
        tidspunkt=timezone.now() - timedelta(days=1),
        status="afholdt",
        journalnotat="Fortroligt notat.",
    )
    client = login(users["jobraadgiver"])
    response = client.get(reverse("citizens:detail", args=[borger.pk]))
    assert response.status_code == 404
    assert "Fortroligt notat." not in response.content.decode()
