"""Build the demo municipality: teams, one user per role, then each app's demo data in order.

Everything is deterministic (a fixed seed), so two runs give the same demo. Every step gets the
day the demo is built for (`today`), so the demo lives on that day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from indsats.domain.kommuner import get_kommune
from indsats.web.accounts.models import Team, User
from indsats.web.accounts.services import (
    kommuneindstillinger_set,
    team_get_or_create,
    user_create,
)
from indsats.web.citizens.demo import demo_caseload_build, demo_citizens_build
from indsats.web.committee.demo import demo_committee_build
from indsats.web.companies.demo import demo_companies_build
from indsats.web.demo.logins import (
    DEMO_CITIZEN_TEAMS,
    DEMO_EVALUATION_USER,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_PLAN_USER,
    DEMO_TEAMS,
    DemoLogin,
)
from indsats.web.offers.services import demo_economics_build


@dataclass(frozen=True)
class DemoContext:
    """What every demo step may use."""

    kommune_kode: int
    today: date
    seed: int
    citizens: int
    register_dir: Path | None
    teams: dict[str, Team]


# The municipality's public main number, as printed in its own plan (Varde Kommune,
# Beskæftigelsesplan 2020-2023, back page): the demo's jobcenter gives it to citizens. Other
# municipalities get no number in the demo rather than an invented one.
DEMO_TELEFON = {573: "79 94 68 00"}


def demo_users_build(*, kommune_kode: int) -> dict[str, Team]:
    """The demo teams and one user per demo login (existing usernames are kept). Returns the
    teams by name."""
    teams = {navn: team_get_or_create(kommune_kode=kommune_kode, navn=navn) for navn in DEMO_TEAMS}
    kommuneindstillinger_set(
        kommune_kode=kommune_kode,
        jobcenter_navn=f"Jobcenter {get_kommune(kommune_kode).navn}",
        telefon=DEMO_TELEFON.get(kommune_kode, ""),
    )
    for login in DEMO_LOGINS:
        if User.objects.filter(username=login.username).exists():
            continue
        first, _, last = login.navn.partition(" ")
        user_create(
            username=login.username,
            password=DEMO_PASSWORD,
            kommune_kode=kommune_kode,
            roller=[login.rolle],
            team=teams.get(login.team),
            first_name=first,
            last_name=last,
        )
    return teams


def _citizens(ctx: DemoContext) -> None:
    demo_citizens_build(
        kommune_kode=ctx.kommune_kode,
        teams=[ctx.teams[t] for t in DEMO_CITIZEN_TEAMS],
        citizens=ctx.citizens,
        seed=ctx.seed,
    )


def _caseload(ctx: DemoContext) -> None:
    demo_caseload_build(
        kommune_kode=ctx.kommune_kode,
        seed=ctx.seed,
        today=ctx.today,
        register_dir=ctx.register_dir,
    )


def _economics(ctx: DemoContext) -> None:
    demo_economics_build(
        kommune_kode=ctx.kommune_kode, today=ctx.today, register_dir=ctx.register_dir
    )


def _committee(ctx: DemoContext) -> None:
    demo_committee_build(kommune_kode=ctx.kommune_kode, today=ctx.today)


def _companies(ctx: DemoContext) -> None:
    demo_companies_build(kommune_kode=ctx.kommune_kode, seed=ctx.seed, today=ctx.today)


def _plans(ctx: DemoContext) -> None:
    from indsats.web.plans.demo import demo_plans_build

    demo_plans_build(
        kommune_kode=ctx.kommune_kode,
        today=ctx.today,
        register_dir=ctx.register_dir,
        actor=User.objects.get(username=DEMO_PLAN_USER),
    )


def _evaluations(ctx: DemoContext) -> None:
    from django.conf import settings

    from indsats.web.evaluation.demo import demo_evalueringer_build

    demo_evalueringer_build(
        kommune_kode=ctx.kommune_kode,
        register_dir=ctx.register_dir,
        var_dir=Path(settings.VAR_DIR),
        actor=User.objects.get(username=DEMO_EVALUATION_USER),
    )


# The steps in order, each with the label the progress bar shows. A new app's demo data is one
# more line here.
DEMO_STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("Borgere", _citizens),
    ("Sager, samtaler og tilbud", _caseload),
    ("Tilbudskatalog, budget og investeringscase", _economics),
    ("Virksomheder, kontakter, jobordrer og placeringer", _companies),
    ("Beskæftigelsesplaner, evaluering og revision", _plans),
    ("Effektvurderinger: PLUS-forløbet og jobafklaringsinvesteringen", _evaluations),
    ("Udvalgets møder, dagsordener og referater", _committee),
]


@transaction.atomic
def demo_build(
    *,
    kommune_kode: int = 573,
    citizens: int = 60,
    seed: int = 573,
    today: date | None = None,
    step: Callable[[str], None] = lambda _msg: None,
    register_dir: Path | None = None,
) -> list[DemoLogin]:
    """Create (or refresh) the demo municipality. Returns the demo logins."""
    kommune = get_kommune(kommune_kode)
    step(f"Teams og brugere i {kommune.navn}")
    teams = demo_users_build(kommune_kode=kommune.kode)
    ctx = DemoContext(
        kommune_kode=kommune.kode,
        today=today or timezone.localdate(),
        seed=seed,
        citizens=citizens,
        register_dir=register_dir,
        teams=teams,
    )
    for label, run in DEMO_STEPS:
        step(label)
        run(ctx)
    return DEMO_LOGINS
