"""The roles of indsats as Django groups with permissions.

A role is a name and a set of permissions; `services.roles_sync` makes the database match this
table after every migration. Row-level scoping (kommune, team) is done in the selectors.
"""

from __future__ import annotations

from enum import StrEnum


class Rolle(StrEnum):
    JOBRAADGIVER = "jobraadgiver"
    VIRKSOMHEDSKONSULENT = "virksomhedskonsulent"
    LEDER = "leder"
    ANALYTIKER = "analytiker"
    UDVALG = "udvalg"
    ADMIN = "admin"


ROLE_LABELS: dict[Rolle, str] = {
    Rolle.JOBRAADGIVER: "Jobrådgiver",
    Rolle.VIRKSOMHEDSKONSULENT: "Virksomhedskonsulent",
    Rolle.LEDER: "Leder",
    Rolle.ANALYTIKER: "Analytiker",
    Rolle.UDVALG: "Udvalgsmedlem",
    Rolle.ADMIN: "Administrator",
}

_CITIZEN_WORK = {"citizens.view_borger", "citizens.add_borger", "citizens.change_borger"}

ROLE_PERMISSIONS: dict[Rolle, set[str]] = {
    Rolle.JOBRAADGIVER: _CITIZEN_WORK | {"accounts.view_aggregates"},
    Rolle.VIRKSOMHEDSKONSULENT: {"accounts.view_aggregates"},
    Rolle.LEDER: _CITIZEN_WORK
    | {"accounts.view_aggregates", "accounts.view_all_teams", "citizens.view_team_overview"},
    Rolle.ANALYTIKER: {"accounts.view_aggregates"},
    # The committee sees aggregates only, with small cells suppressed.
    Rolle.UDVALG: {"accounts.view_aggregates"},
    Rolle.ADMIN: _CITIZEN_WORK
    | {
        "accounts.view_aggregates",
        "accounts.view_all_teams",
        "accounts.view_audit_trail",
        "auditlog.view_logentry",
        "citizens.view_team_overview",
    },
}
