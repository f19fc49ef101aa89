"""Build the demo municipality: teams, one user per role, and citizens.

Everything is deterministic (a fixed seed), so two runs give the same demo. The citizens' CPR
numbers are generated with birth dates and century digits that validate; they are fictitious.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from indsats.domain.cpr import Cpr
from indsats.domain.kommuner import get_kommune
from indsats.web.accounts.models import User
from indsats.web.accounts.roles import ROLE_LABELS, Rolle
from indsats.web.accounts.services import team_get_or_create, user_create
from indsats.web.citizens.demo import demo_caseload_build
from indsats.web.citizens.models import Borger

DEMO_PASSWORD = "indsats-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    rolle: Rolle
    navn: str
    team: str


DEMO_TEAMS = ["Team Job", "Team Sygedagpenge", "Team Unge", "Virksomhedsservice"]
DEMO_LOGINS = [
    DemoLogin("mette", Rolle.JOBRAADGIVER, "Mette Jensen", "Team Job"),
    DemoLogin("jonas", Rolle.VIRKSOMHEDSKONSULENT, "Jonas Nielsen", "Virksomhedsservice"),
    DemoLogin("anne", Rolle.LEDER, "Anne Hansen", "Team Job"),
    DemoLogin("lars", Rolle.LEDER, "Lars Pedersen", "Team Job"),
    DemoLogin("sofie", Rolle.ANALYTIKER, "Sofie Andersen", "Team Job"),
    DemoLogin("udvalg", Rolle.UDVALG, "Udvalgsmedlem", ""),
    DemoLogin("admin", Rolle.ADMIN, "Systemadministrator", ""),
]

_FIRST = [
    "Anders",
    "Birgitte",
    "Camilla",
    "Daniel",
    "Emma",
    "Frederik",
    "Gitte",
    "Hans",
    "Ida",
    "Jakob",
    "Karen",
    "Lone",
    "Mads",
    "Nanna",
    "Ole",
    "Pia",
    "Rasmus",
    "Sara",
    "Thomas",
    "Ulla",
    "Viktor",
    "Amir",
    "Fatima",
    "Yusuf",
    "Leyla",
]
_LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Ali",
    "Hassan",
]


def fictitious_cpr(rng: random.Random, *, born: date) -> Cpr:
    yy = born.year % 100
    if born.year < 2000:
        digit7 = rng.choice([0, 1, 2, 3])
    elif born.year <= 2036:
        digit7 = rng.choice([4, 9])
    else:  # pragma: no cover - demo citizens are born before 2036
        digit7 = 5
    serial = f"{digit7}{rng.randrange(1000):03d}"
    return Cpr.parse(f"{born:%d%m}{yy:02d}{serial}")


@transaction.atomic
def demo_build(
    *,
    kommune_kode: int = 573,
    citizens: int = 60,
    seed: int = 573,
    step: Callable[[str], None] = lambda _msg: None,
    register_dir=None,
) -> list[DemoLogin]:
    """Create (or refresh) the demo municipality. Returns the demo logins."""
    kommune = get_kommune(kommune_kode)
    step(f"Teams i {kommune.navn}")
    teams = {navn: team_get_or_create(kommune_kode=kommune.kode, navn=navn) for navn in DEMO_TEAMS}

    step("Demobrugere")
    for login in DEMO_LOGINS:
        if User.objects.filter(username=login.username).exists():
            continue
        first, _, last = login.navn.partition(" ")
        user_create(
            username=login.username,
            password=DEMO_PASSWORD,
            kommune_kode=kommune.kode,
            roller=[login.rolle],
            team=teams.get(login.team),
            first_name=first,
            last_name=last,
        )

    step("Borgere")
    rng = random.Random(seed)
    caseworkers = {
        t: list(User.objects.filter(team=teams[t], groups__name=Rolle.JOBRAADGIVER))
        for t in DEMO_TEAMS
    }
    existing = set(Borger.objects.values_list("cpr", flat=True))
    new = []
    while len(new) < citizens - Borger.objects.filter(kommune_kode=kommune.kode).count():
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 45))
        cpr = fictitious_cpr(rng, born=born)
        if cpr.digits in existing:
            continue
        existing.add(cpr.digits)
        team_name = rng.choice(DEMO_TEAMS[:3])
        new.append(
            Borger(
                cpr=cpr.digits,
                fornavn=rng.choice(_FIRST),
                efternavn=rng.choice(_LAST),
                kommune_kode=kommune.kode,
                team=teams[team_name],
                sagsbehandler=(caseworkers[team_name] or [None])[0],
            )
        )
    Borger.objects.bulk_create(new)

    step("Sager, samtaler og tilbud")
    demo_caseload_build(
        kommune_kode=kommune.kode, seed=seed, today=timezone.localdate(), register_dir=register_dir
    )

    step("Tilbudskatalog, budget og investeringscase")
    from indsats.web.offers.services import demo_economics_build

    demo_economics_build(kommune_kode=kommune.kode)

    step("Virksomheder, kontakter, jobordrer og placeringer")
    from indsats.web.companies.demo import demo_companies_build

    demo_companies_build(kommune_kode=kommune.kode, seed=seed, today=timezone.localdate())
    return DEMO_LOGINS


def demo_login_rows() -> list[tuple[str, str, str]]:
    return [(d.username, DEMO_PASSWORD, ROLE_LABELS[d.rolle]) for d in DEMO_LOGINS]
