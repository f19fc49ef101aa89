"""Slots (ledige tider): a series at once, cancelling one, grouped by day, errors at the top."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens import services
from indsats.web.citizens.models import Sag, Samtale, Tidsrum


def _next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _series(**over):
    monday = _next_monday()
    data = {
        "fra_dato": monday.isoformat(),
        "til_dato": (monday + timedelta(days=4)).isoformat(),
        "ugedage": ["0", "2"],
        "fra": "09:00",
        "til": "11:00",
        "minutter": "30",
        "form": "fysisk",
        "sted": "Kirkegade 16, mødelokale 2",
    }
    data.update(over)
    return data


def test_a_series_of_slots_is_made_at_once(users, login):
    mette = users["jobraadgiver"]
    client = login(mette)
    response = client.post(reverse("citizens:slots"), _series(), follow=True)
    assert response.status_code == 200
    monday = _next_monday()
    slots = list(Tidsrum.objects.filter(sagsbehandler=mette).order_by("start"))
    expected = [
        _at(day, h, m)
        for day in (monday, monday + timedelta(days=2))
        for h, m in ((9, 0), (9, 30), (10, 0), (10, 30))
    ]
    assert [s.start for s in slots] == expected
    assert all(s.slut - s.start == timedelta(minutes=30) for s in slots)
    assert {s.sted for s in slots} == {"Kirkegade 16, mødelokale 2"}
    html = response.content.decode()
    assert "8 tider er lagt ud til booking." in html
    # the list is grouped by day: one heading per day
    assert html.count('<section class="slot-day"') == 2
    assert f"{monday:%d.%m.%Y}" in html


def test_overlapping_and_leftover_times_are_skipped(users, login):
    mette = users["jobraadgiver"]
    monday = _next_monday()
    Tidsrum.objects.create(sagsbehandler=mette, start=_at(monday, 9, 15), slut=_at(monday, 9, 45))
    response = login(mette).post(
        reverse("citizens:slots"),
        _series(ugedage=["0"], til="10:50", minutter="30"),  # 10:30-11:00 does not fit
        follow=True,
    )
    made = Tidsrum.objects.filter(sagsbehandler=mette).exclude(start=_at(monday, 9, 15))
    # 9:00 and 9:30 overlap the 9:15 slot; 10:00 is made; 10:30 would end after 10:50
    assert [s.start for s in made.order_by("start")] == [_at(monday, 10)]
    assert "1 tid er lagt ud til booking. 2 sprunget over" in response.content.decode()


def test_a_missing_field_is_named_at_the_top_of_the_form_and_nothing_is_made(users, login):
    client = login(users["jobraadgiver"])
    response = client.post(reverse("citizens:slots"), _series(fra="", ugedage=[]))
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.index('class="error error-summary"')
    assert summary < html.index('name="fra_dato"')  # before the first field
    top = html[summary : html.index('name="fra_dato"')]
    assert 'href="#id_fra">Fra kl.</a>: Dette felt er påkrævet.' in top
    assert 'href="#id_ugedage">Ugedage</a>' in top
    assert not Tidsrum.objects.exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"til_dato": "2000-01-01"}, "Til-datoen kan ikke ligge før fra-datoen."),
        ({"til": "08:00"}, "Sluttidspunktet skal ligge efter starttidspunktet."),
        ({"til": "09:20", "minutter": "30"}, "Der er ikke plads til en hel tid"),
        ({"minutter": "7"}, "7 er ikke en af de tilgængelige valgmuligheder."),
    ],
)
def test_bad_series_are_refused_with_a_clear_message(users, login, over, message):
    response = login(users["jobraadgiver"]).post(reverse("citizens:slots"), _series(**over))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Tidsrum.objects.exists()


def test_a_too_long_series_is_refused(users, login):
    monday = _next_monday()
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:slots"),
        _series(til_dato=(monday + timedelta(days=100)).isoformat()),
    )
    assert "En serie kan højst dække 62 dage ad gangen." in response.content.decode()
    with pytest.raises(Exception, match="læg højst 300 ud"):
        services.tidsrum_series_create(
            actor=users["jobraadgiver"],
            fra_dato=monday,
            til_dato=monday + timedelta(days=60),
            ugedage=[0, 1, 2, 3, 4, 5, 6],
            fra=time(7),
            til=time(17),
            minutter=15,
            form="telefon",
        )
    assert not Tidsrum.objects.exists()


@pytest.fixture
def booked(users, borgere):
    mette = users["jobraadgiver"]
    day = _next_monday()
    sag = Sag.objects.create(
        borger=borgere["job"],
        ydelse="kontanthjaelp",
        visitation="jobparat",
        foerste_henvendelse=timezone.localdate() - timedelta(days=20),
        team=borgere["job"].team,
        sagsbehandler=mette,
    )
    slot = Tidsrum.objects.create(sagsbehandler=mette, start=_at(day, 10), slut=_at(day, 10, 30))
    samtale = Samtale.objects.create(
        sag=sag, tidsrum=slot, tidspunkt=slot.start, booket_af="borger"
    )
    return slot, samtale


def test_cancelling_a_booked_slot_cancels_the_samtale(users, booked, login):
    slot, samtale = booked
    client = login(users["jobraadgiver"])
    response = client.post(reverse("citizens:slot_cancel", args=[slot.pk]), follow=True)
    assert "Samtalen med Hans Hansen er aflyst." in response.content.decode()
    assert not Tidsrum.objects.filter(pk=slot.pk).exists()
    samtale.refresh_from_db()
    assert samtale.status == "aflyst" and samtale.tidsrum is None
    assert samtale.version == 2


def test_a_free_slot_is_removed_and_others_slots_are_not_touched(users, booked, login):
    slot, _ = booked
    free = Tidsrum.objects.create(
        sagsbehandler=users["jobraadgiver"],
        start=slot.start + timedelta(hours=1),
        slut=slot.slut + timedelta(hours=1),
    )
    response = login(users["jobraadgiver"]).post(
        reverse("citizens:slot_cancel", args=[free.pk]), follow=True
    )
    assert "Tiden er fjernet." in response.content.decode()
    assert not Tidsrum.objects.filter(pk=free.pk).exists()
    # a colleague cannot cancel Mette's slot
    response = login(users["jobraadgiver_unge"]).post(
        reverse("citizens:slot_cancel", args=[slot.pk]), follow=True
    )
    assert "Tiden findes ikke, eller den er ikke din." in response.content.decode()
    assert Tidsrum.objects.filter(pk=slot.pk).exists()


def test_a_past_slot_cannot_be_cancelled(users, login):
    mette = users["jobraadgiver"]
    start = timezone.now() - timedelta(hours=2)
    slot = Tidsrum.objects.create(sagsbehandler=mette, start=start, slut=start + timedelta(hours=1))
    response = login(mette).post(reverse("citizens:slot_cancel", args=[slot.pk]), follow=True)
    assert "kan ikke aflyses" in response.content.decode()
    assert Tidsrum.objects.filter(pk=slot.pk).exists()


def test_the_booking_page_groups_slots_by_day_and_puts_the_error_first(users, borgere, client):
    mette = users["jobraadgiver"]
    today = timezone.localdate()
    sag = Sag.objects.create(
        borger=borgere["job"],
        ydelse="kontanthjaelp",
        visitation="aktivitetsparat",
        foerste_henvendelse=today,
        team=borgere["job"].team,
        sagsbehandler=mette,
    )
    days = [today + timedelta(days=1), today + timedelta(days=2)]
    for d in days:
        for hour in (9, 10):
            Tidsrum.objects.create(sagsbehandler=mette, start=_at(d, hour), slut=_at(d, hour, 30))
    url = reverse("booking:book", args=[services.booking_token(sag=sag)])
    html = client.get(url).content.decode()
    assert html.count('<h2 class="slot-day">') == 2
    first, second = (html.index(f"{d:%d.%m.%Y}</h2>") for d in days)
    assert first < html.index(f"{days[0]:%d.%m.%Y} kl. 09:00") < second
    response = client.post(url, {})
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert html.index("Dette felt er påkrævet.") < html.index('<h2 class="slot-day">')
