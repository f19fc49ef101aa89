"""The caseworker's calendar: weeks of samtaler, and the same as iCalendar events.

The events name the citizen by first name and the initial of the last name and link to the
citizen page (which asks for a login); no CPR, no notes. The file is what a caseworker
downloads while logged in; the feed is fetched by a calendar program through a secret link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from indsats.web.citizens.models import Samtale
from indsats.web.citizens.selectors import samtale_slut_get
from indsats.web.core.ical import Begivenhed, kalender

FEED_WEEKS_BACK = 4
FEED_WEEKS_AHEAD = 12


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def parse_week(value: str | None, today: date) -> date:
    """`2026-W49` (ISO week) to its Monday; today's week for anything else."""
    if value:
        try:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    return week_of(today)


def iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Dag:
    dag: date
    samtaler: list[Samtale]
    i_dag: bool


def days_of_week(monday: date, samtaler: Iterable[Samtale], today: date) -> list[Dag]:
    by_day: dict[date, list[Samtale]] = {monday + timedelta(days=i): [] for i in range(7)}
    for s in samtaler:
        day = timezone.localtime(s.tidspunkt).date()
        if day in by_day:
            by_day[day].append(s)
    return [
        Dag(day, items, day == today)
        for day, items in by_day.items()
        if items or day.weekday() < 5  # weekends only when something is on
    ]


def kort_navn(samtale: Samtale) -> str:
    borger = samtale.sag.borger
    return f"{borger.fornavn} {borger.efternavn[:1]}.".strip()


def begivenhed(samtale: Samtale, *, base_url: str) -> Begivenhed:
    sted = samtale.tidsrum.sted if samtale.tidsrum else ""
    lines = [
        f"{samtale.get_type_display()} ({samtale.get_form_display().lower()}), "
        f"{samtale.get_status_display().lower()}.",
        f"Booket af {samtale.get_booket_af_display().lower()}.",
        "Borgeren: " + base_url + reverse("citizens:detail", args=[samtale.sag.borger_id]),
    ]
    return Begivenhed(
        uid=f"samtale-{samtale.pk}@indsats",
        start=samtale.tidspunkt,
        slut=samtale_slut_get(samtale),
        titel=f"{samtale.get_type_display()}: {kort_navn(samtale)}",
        sted=sted or samtale.get_form_display(),
        beskrivelse="\n".join(lines),
        sequence=samtale.version,
    )


def samtaler_ics(samtaler: Iterable[Samtale], *, base_url: str, navn: str) -> str:
    return kalender((begivenhed(s, base_url=base_url) for s in samtaler), navn=navn)
