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
    UDVALGSSEKRETAER = "udvalgssekretaer"
    ADMIN = "admin"


ROLE_LABELS: dict[Rolle, str] = {
    Rolle.JOBRAADGIVER: "Jobrådgiver",
    Rolle.VIRKSOMHEDSKONSULENT: "Virksomhedskonsulent",
    Rolle.LEDER: "Leder",
    Rolle.ANALYTIKER: "Analytiker",
    Rolle.UDVALG: "Udvalgsmedlem",
    Rolle.UDVALGSSEKRETAER: "Udvalgssekretær",
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
    # The committee's secretary: meetings and decisions, aggregates; never a citizen.
    Rolle.UDVALGSSEKRETAER: {"accounts.view_aggregates"},
    Rolle.ADMIN: _CITIZEN_WORK
    | {
        "accounts.view_aggregates",
        "accounts.view_all_teams",
        "accounts.view_audit_trail",
        "citizens.view_team_overview",
    },
}

# Economics (the offers app: catalogue, budgets, business cases; no citizen data). Caseworkers
# read the catalogue; leaders, analysts and admins maintain it; the committee reads the aggregates.
_CATALOGUE_READ = {"offers.view_tilbud", "offers.view_leverandoer"}
_ECONOMICS_READ = _CATALOGUE_READ | {
    "offers.view_budget",
    "offers.view_maanedstal",
    "offers.view_investeringscase",
}
_ECONOMICS_WORK = _ECONOMICS_READ | {
    "offers.add_tilbud",
    "offers.change_tilbud",
    "offers.add_leverandoer",
    "offers.change_leverandoer",
    "offers.add_budget",
    "offers.change_budget",
    "offers.add_investeringscase",
    "offers.change_investeringscase",
}
for _rolle, _perms in {
    Rolle.JOBRAADGIVER: _CATALOGUE_READ,
    Rolle.LEDER: _ECONOMICS_WORK,
    Rolle.ANALYTIKER: _ECONOMICS_WORK,
    Rolle.UDVALG: _ECONOMICS_READ,
    Rolle.ADMIN: _ECONOMICS_WORK,
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms

# Company service (the companies app). Consultants work their own portfolio, hand companies over
# and match candidates; leaders and admins see every portfolio; caseworkers and analysts read the
# job barometer; the committee sees the aggregate service measures only (small cells suppressed).
_COMPANY_WORK = {
    "companies.view_virksomhed",
    "companies.add_virksomhed",
    "companies.change_virksomhed",
    "companies.handover_virksomhed",
    "companies.match_candidates",
    "companies.view_jobbarometer",
    "companies.view_service_measures",
}
for _rolle, _perms in {
    Rolle.VIRKSOMHEDSKONSULENT: _COMPANY_WORK,
    Rolle.LEDER: _COMPANY_WORK | {"companies.view_all_portfolios"},
    Rolle.ADMIN: _COMPANY_WORK | {"companies.view_all_portfolios"},
    Rolle.JOBRAADGIVER: {"companies.view_jobbarometer"},
    Rolle.ANALYTIKER: {"companies.view_jobbarometer", "companies.view_service_measures"},
    Rolle.UDVALG: {"companies.view_service_measures"},
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms

# Goals and the monthly report (the goals app). Leaders, analysts and admins see everything incl.
# drill-down and may create goals and build the report; the committee sees the aggregates with
# small cells suppressed (no goals.view_drilldown), never anything person-level.
_RESULTS_READ = {"goals.view_resultater", "goals.view_maal"}
_RESULTS_WORK = _RESULTS_READ | {
    "goals.view_drilldown",
    "goals.add_maal",
    "goals.change_maal",
    "goals.build_rapport",
}
for _rolle, _perms in {
    Rolle.LEDER: _RESULTS_WORK,
    Rolle.ANALYTIKER: _RESULTS_WORK,
    Rolle.ADMIN: _RESULTS_WORK,
    Rolle.UDVALG: _RESULTS_READ,
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms

# The beskæftigelsesplan (the plans app). Analysts and leaders edit drafts; leaders (and admins)
# record an approval until the committee module records the committee's decision; the committee
# reads the versions sent to it and the approved ones (the selectors hide drafts from it).
_PLAN_READ = {"plans.view_plan"}
_PLAN_WORK = _PLAN_READ | {"plans.edit_plan"}
for _rolle, _perms in {
    Rolle.ANALYTIKER: _PLAN_WORK,
    Rolle.LEDER: _PLAN_WORK | {"plans.approve_plan"},
    Rolle.ADMIN: _PLAN_WORK | {"plans.approve_plan"},
    Rolle.UDVALG: _PLAN_READ,
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms

# Effect evaluations (the evaluation app: aggregates only). Leaders, analysts and admins create
# and compute them; the committee reads them (small cells suppressed on the pages).
_EVALUATION_READ = {"evaluation.view_evaluering"}
_EVALUATION_WORK = _EVALUATION_READ | {
    "evaluation.add_evaluering",
    "evaluation.change_evaluering",
    "evaluation.run_evaluering",
}
for _rolle, _perms in {
    Rolle.LEDER: _EVALUATION_WORK,
    Rolle.ANALYTIKER: _EVALUATION_WORK,
    Rolle.ADMIN: _EVALUATION_WORK,
    Rolle.UDVALG: _EVALUATION_READ,
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms

# The committee (the committee app): analysts and leaders draft items; the committee's secretary
# plans meetings and records decisions; committee members read the meetings of their own body.
_COMMITTEE_READ = {"committee.view_moede", "committee.view_punkt", "committee.view_organ"}
_COMMITTEE_ALL = _COMMITTEE_READ | {"committee.view_all_moeder"}
_COMMITTEE_DRAFT = _COMMITTEE_ALL | {"committee.draft_punkt", "committee.change_punkt"}
_COMMITTEE_SECRETARY = _COMMITTEE_ALL | {
    "committee.add_moede",
    "committee.change_moede",
    "committee.add_organ",
    "committee.change_organ",
    "committee.record_beslutning",
}
for _rolle, _perms in {
    Rolle.LEDER: _COMMITTEE_DRAFT | {"committee.add_moede", "committee.add_organ"},
    Rolle.ANALYTIKER: _COMMITTEE_DRAFT,
    # The secretary records the committee's approval of a plan version, so may approve plans.
    Rolle.UDVALGSSEKRETAER: _COMMITTEE_SECRETARY
    | _ECONOMICS_READ
    | _RESULTS_READ
    | _PLAN_READ
    | {"plans.approve_plan"},
    Rolle.ADMIN: _COMMITTEE_DRAFT | _COMMITTEE_SECRETARY,
    Rolle.UDVALG: _COMMITTEE_READ,
}.items():
    ROLE_PERMISSIONS[_rolle] = ROLE_PERMISSIONS[_rolle] | _perms
