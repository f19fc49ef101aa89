"""The navigation shown in the base layout, by what the user may do."""

from __future__ import annotations

from django.urls import reverse


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Forside", reverse("core:start"))]
    if user.has_perm("citizens.view_borger"):
        items.append(("Mine opgaver", reverse("citizens:worklist")))
        items.append(("Borgere", reverse("citizens:list")))
        items.append(("Kalender", reverse("citizens:kalender")))
    if user.has_perm("citizens.view_team_overview"):
        items.append(("Teamoverblik", reverse("citizens:team")))
    if user.has_perm("citizens.change_borger"):
        items.append(("Ledige tider", reverse("citizens:slots")))
    if user.has_perm("offers.view_tilbud"):
        items.append(("Tilbudskatalog", reverse("offers:list")))
    if user.has_perm("offers.view_budget"):
        items.append(("Budgetopfølgning", reverse("oekonomi:budget")))
    if user.has_perm("offers.view_investeringscase"):
        items.append(("Investeringscases", reverse("oekonomi:case_list")))
    if user.has_perm("evaluation.view_evaluering"):
        items.append(("Effektvurderinger", reverse("evaluation:list")))
    if user.has_perm("companies.view_virksomhed"):
        items.append(("Min portefølje", reverse("companies:portfolio")))
    if user.has_perm("companies.view_jobbarometer"):
        items.append(("Jobbarometer", reverse("companies:jobbarometer")))
    elif user.has_perm("companies.view_service_measures"):
        items.append(("Virksomhedsservice", reverse("companies:servicemaal")))
    if user.has_perm("goals.view_resultater"):
        items.append(("Resultater", reverse("goals:resultater")))
        items.append(("Månedsrapport", reverse("goals:rapport")))
    if user.has_perm("plans.view_plan"):
        items.append(("Beskæftigelsesplan", reverse("plans:list")))
    if user.has_perm("committee.view_moede"):
        items.append(("Udvalg", reverse("committee:list")))
    if user.has_perm("accounts.view_audit_trail"):
        items.append(("Revisionsspor", reverse("accounts:audit_trail")))
    current = _current(request.path, [url for _label, url in items])
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url == current} for label, url in items
        ]
    }


# Pages that belong to a menu item without lying under its address.
_SECTION_OF = {"/sager/": "/borgere/"}


def _current(path: str, urls: list[str]) -> str | None:
    """The one menu item to highlight: the longest menu address the page lies under (the
    Forside only on the start page itself), so /resultater/maanedsrapport/ is Månedsrapport,
    not also Resultater."""
    for prefix, section in _SECTION_OF.items():
        if path.startswith(prefix):
            path = section
    under = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    return max(under, key=len, default=None)
