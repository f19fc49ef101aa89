"""Reads for the catalogue and the economics pages, scoped by the actor's municipality.

No citizen data is read here (budgets and cases are aggregates), so nothing is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from indsats.economics.budget import Budgetopfoelgning, budgetopfoelgning
from indsats.economics.business_case import (
    CaseResultat,
    OpfoelgningMaaned,
    business_case,
    case_opfoelgning,
)
from indsats.economics.numbers import EconomicsInputError
from indsats.web.accounts.permissions import require_perm
from indsats.web.offers.models import Budget, Investeringscase, Leverandoer, Maanedstal, Tilbud


def tilbud_scope(*, actor) -> QuerySet[Tilbud]:
    if not actor.is_authenticated or not actor.has_perm("offers.view_tilbud"):
        return Tilbud.objects.none()
    return Tilbud.objects.filter(leverandoer__kommune_kode=actor.kommune_kode)


def tilbud_list(
    *, actor, gyldig_paa: date | None = None, type: str = "", status: str = "aktiv"
) -> list[Tilbud]:
    """The municipality's catalogue, by name; `gyldig_paa` keeps offers valid on that day.
    `status` "aktiv" (the default) is the catalogue; "foreslaaet" the offers awaiting the
    committee."""
    require_perm(actor, "offers.view_tilbud")
    qs = tilbud_scope(actor=actor).select_related("leverandoer").filter(status=status)
    if gyldig_paa:
        qs = qs.filter(
            Q(gyldig_fra__isnull=True) | Q(gyldig_fra__lte=gyldig_paa),
            Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=gyldig_paa),
        )
    if type:
        qs = qs.filter(type=type)
    return list(qs.order_by("navn"))


def tilbud_get(*, actor, tilbud_id: int) -> Tilbud:
    require_perm(actor, "offers.view_tilbud")
    try:
        return tilbud_scope(actor=actor).select_related("leverandoer").get(pk=tilbud_id)
    except Tilbud.DoesNotExist:
        raise Http404("Tilbuddet findes ikke, eller du har ikke adgang.") from None


def leverandoer_list(*, actor) -> list[Leverandoer]:
    require_perm(actor, "offers.view_leverandoer")
    return list(Leverandoer.objects.filter(kommune_kode=actor.kommune_kode).order_by("navn"))


def budget_aar_list(*, actor) -> list[int]:
    require_perm(actor, "offers.view_budget")
    return sorted(
        set(Budget.objects.filter(kommune_kode=actor.kommune_kode).values_list("aar", flat=True))
    )


@dataclass(frozen=True)
class BudgetLinje:
    budget: Budget
    opfoelgning: Budgetopfoelgning | None
    fejl: str = ""


def budget_opfoelgning_list(*, actor, aar: int, basis_maaneder: int = 3) -> list[BudgetLinje]:
    """One follow-up per budgeted benefit in the year; a benefit whose inputs do not add up
    carries the error text instead (the page shows it rather than failing)."""
    require_perm(actor, "offers.view_budget")
    return _budget_linjer(kommune_kode=actor.kommune_kode, aar=aar, basis_maaneder=basis_maaneder)


def _budget_linjer(*, kommune_kode: int, aar: int, basis_maaneder: int = 3) -> list[BudgetLinje]:
    budgets = list(Budget.objects.filter(kommune_kode=kommune_kode, aar=aar).order_by("ydelse"))
    rows = list(
        Maanedstal.objects.filter(
            kommune_kode=kommune_kode, aar=aar, ydelse__in=[b.ydelse for b in budgets]
        )
    )
    out = []
    for b in budgets:
        mine = [r for r in rows if r.ydelse == b.ydelse]
        try:
            splits = [f for f in (r.fordeling() for r in mine) if f is not None]
            o = budgetopfoelgning(
                b.to_core(), [r.to_core() for r in mine], splits, basis_maaneder=basis_maaneder
            )
            out.append(BudgetLinje(b, o))
        except EconomicsInputError as exc:
            out.append(BudgetLinje(b, None, str(exc)))
    return out


def investeringscase_list(*, actor) -> list[tuple[Investeringscase, CaseResultat]]:
    require_perm(actor, "offers.view_investeringscase")
    cases = Investeringscase.objects.filter(kommune_kode=actor.kommune_kode)
    return [(c, business_case(c.to_core())) for c in cases]


@dataclass(frozen=True)
class CaseVisning:
    case: Investeringscase
    resultat: CaseResultat
    opfoelgning: tuple[OpfoelgningMaaned, ...]
    opfoelgning_fejl: str = ""


def investeringscase_get(*, actor, case_id: int) -> CaseVisning:
    require_perm(actor, "offers.view_investeringscase")
    try:
        case = Investeringscase.objects.get(pk=case_id, kommune_kode=actor.kommune_kode)
    except Investeringscase.DoesNotExist:
        raise Http404("Investeringscasen findes ikke, eller du har ikke adgang.") from None
    return _case_visning(case)


def _case_visning(case: Investeringscase) -> CaseVisning:
    core = case.to_core()
    actual = [
        m.to_core()
        for m in Maanedstal.objects.filter(
            kommune_kode=case.kommune_kode, ydelse=case.ydelse, aar__in=core.years
        )
    ]
    try:
        follow = case_opfoelgning(core, actual) if actual else ()
        fejl = "" if actual else "Der er endnu ingen månedstal for ydelsen i casens år."
    except EconomicsInputError:
        follow, fejl = (
            (),
            (
                "Opfølgning kræver niveauet uden investeringen "
                "(fuldtidspersoner uden investeringen)."
            ),
        )
    return CaseVisning(case, business_case(core), follow, fejl)


def economics_report_inputs_get(*, kommune_kode: int, aar: int) -> dict:
    """What `indsats.economics.report.report_sections` needs for one municipality and year
    (for the monthly report, issue 5): the catalogue, the budget follow-up, the cases."""
    katalog = [
        t.to_core()
        for t in Tilbud.objects.filter(
            leverandoer__kommune_kode=kommune_kode, status="aktiv"
        ).select_related("leverandoer")
    ]
    budget = [
        linje.opfoelgning
        for linje in _budget_linjer(kommune_kode=kommune_kode, aar=aar)
        if linje.opfoelgning is not None
    ]
    cases = [
        business_case(c.to_core())
        for c in Investeringscase.objects.filter(kommune_kode=kommune_kode)
    ]
    return {"katalog": katalog, "budget": budget, "cases": cases}
