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

# Company service (the companies app). Consultants work their own portfolio, hand companies over
# and match candidates; leaders and admins see every portfolio; caseworkers and analysts read the
# job barometer; the committee sees the aggregate service measures only (small cells suppressed).
_COMPANY_WORK = {
    "companies.view_virksomhed", "companies.add_virksomhed", "companies.change_virksomhed",
    "companies.handover_virksomhed", "companies.match_candidates",
    "companies.view_jobbarometer", "companies.view_service_measures"}
for _rolle, _perms in {
    Rolle.VIRKSOMHEDSKONSULENT: _COMPANY_WORK,
    Rolle.LEDER: _COMPANY_WORK | {"companies.view_all_portfolios"},
    Rolle.ADMIN: _COMPANY_WORK | {"companies.view_all_portfolios"},
    Rolle.JOBRAADGIVER: {"companies.view_jobbarometer"},
    Rolle.ANALYTIKER: {"companies.view_jobbarometer", "companies.view_service_measures"},
    Rolle.UDVALG: {"companies.view_service_measures"},
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms
