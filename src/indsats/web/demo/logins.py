"""The demo users: one home for their usernames, roles, teams and the shared password."""

from __future__ import annotations

from dataclasses import dataclass

from indsats.web.accounts.roles import ROLE_LABELS, Rolle

DEMO_PASSWORD = "indsats-demo"

DEMO_TEAMS = ["Team Job", "Team Sygedagpenge", "Team Unge", "Virksomhedsservice"]
# The teams that hold citizens (the consultants' team does not).
DEMO_CITIZEN_TEAMS = DEMO_TEAMS[:3]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    rolle: Rolle
    navn: str
    team: str


DEMO_LOGINS = [
    DemoLogin("mette", Rolle.JOBRAADGIVER, "Mette Jensen", "Team Job"),
    DemoLogin("jonas", Rolle.VIRKSOMHEDSKONSULENT, "Jonas Nielsen", "Virksomhedsservice"),
    # A second consultant, so that a portfolio hand-over can be shown.
    DemoLogin("karin", Rolle.VIRKSOMHEDSKONSULENT, "Karin Lund", "Virksomhedsservice"),
    DemoLogin("anne", Rolle.LEDER, "Anne Hansen", "Team Job"),
    DemoLogin("lars", Rolle.LEDER, "Lars Pedersen", "Team Job"),
    DemoLogin("sofie", Rolle.ANALYTIKER, "Sofie Andersen", "Team Job"),
    DemoLogin("udvalg", Rolle.UDVALG, "Peter Vinther", ""),
    DemoLogin("birgit", Rolle.UDVALGSSEKRETAER, "Birgit Holm", ""),
    DemoLogin("admin", Rolle.ADMIN, "Systemadministrator", ""),
]


# The leader who enters the demo plans and records their approval.
DEMO_PLAN_USER = "anne"
DEMO_EVALUATION_USER = "sofie"  # the analyst who computes the demo's effect evaluations


def demo_login_rows() -> list[tuple[str, str, str]]:
    return [(d.username, DEMO_PASSWORD, ROLE_LABELS[d.rolle]) for d in DEMO_LOGINS]
