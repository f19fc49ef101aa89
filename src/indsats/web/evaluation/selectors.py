"""Reads for the evaluation pages, scoped by the actor's municipality.

Evaluations hold aggregates only. Collecting participants from the citizens' referrals reads
citizen data (their register ids), so it is audited (purpose "evaluering") like any other read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from indsats.economics.business_case import (
    EffektOpfoelgningAar,
    RealiseretEffekt,
    case_effekt_opfoelgning,
)
from indsats.economics.numbers import EconomicsInputError
from indsats.evaluation import Deltager
from indsats.register import weeks
from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.accounts.permissions import require_perm
from indsats.web.evaluation.models import Evaluering


def register_dir_get(*, kommune_kode: int) -> Path:
    """The municipality's weekly benefit register (Parquet), as the goals pages read it."""
    return Path(settings.VAR_DIR) / "register" / str(int(kommune_kode))


def evaluering_scope(*, actor) -> QuerySet[Evaluering]:
    if not actor.is_authenticated or not actor.has_perm("evaluation.view_evaluering"):
        return Evaluering.objects.none()
    return Evaluering.objects.filter(kommune_kode=actor.kommune_kode)


def evaluering_list(*, actor) -> list[Evaluering]:
    require_perm(actor, "evaluation.view_evaluering")
    return list(evaluering_scope(actor=actor).select_related("investeringscase"))


def evaluering_get(*, actor, evaluering_id: int) -> Evaluering:
    require_perm(actor, "evaluation.view_evaluering")
    try:
        return (
            evaluering_scope(actor=actor).select_related("investeringscase").get(pk=evaluering_id)
        )
    except Evaluering.DoesNotExist:
        raise Http404("Effektvurderingen findes ikke, eller du har ikke adgang.") from None


def investeringscase_choices_get(*, actor):
    """The municipality's investment cases an evaluation may follow up."""
    from indsats.web.offers.models import Investeringscase

    require_perm(actor, "offers.view_investeringscase")
    return Investeringscase.objects.filter(kommune_kode=actor.kommune_kode)


@dataclass(frozen=True)
class TilbudsDeltagere:
    deltagere: list[Deltager]
    uden_register_id: int  # referred citizens the register cannot be searched for


def tilbudsdeltagere_get(*, actor, evaluering: Evaluering) -> TilbudsDeltagere:
    """Everyone in the municipality referred to an offer with the evaluation's project mark (the
    referral's own field, ignoring case; not a word in its free-text description), or, for the
    source `tilbudstype`, to any offer of the evaluation's offer type: the citizen's first such
    start is the start week. Audited (one row per citizen)."""
    from indsats.web.citizens.models import Borger, TilbudsForloeb

    require_perm(actor, "evaluation.run_evaluering")
    forloeb = (
        TilbudsForloeb.objects.filter(
            sag__borger__kommune_kode=evaluering.kommune_kode,
            **(
                {"tilbudstype": evaluering.tilbudstype}
                if evaluering.kilde == Evaluering.Kilde.TILBUDSTYPE
                else {"projektmaerke__iexact": evaluering.projektmaerke.strip()}
            ),
        )
        .select_related("sag__borger")
        .order_by("start", "pk")
    )
    first: dict[Any, tuple[Borger, date]] = {}
    for f in forloeb:
        first.setdefault(f.sag.borger_id, (f.sag.borger, f.start))
    borgere = [b for b, _ in first.values()]
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.EVALUATION)
    ud = [
        Deltager(
            int(b.register_id), weeks.week_index_of_date(start), f"tilbudsforløb {start:%d.%m.%Y}"
        )
        for b, start in first.values()
        if b.register_id is not None
    ]
    return TilbudsDeltagere(ud, sum(1 for b in borgere if b.register_id is None))


def projektmaerke_choices_get(*, actor) -> list[str]:
    """The project marks on the municipality's referrals, for the evaluation form: marks only,
    no citizen is read or shown."""
    from indsats.web.citizens.models import TilbudsForloeb

    require_perm(actor, "evaluation.add_evaluering")
    marks = (
        TilbudsForloeb.objects.filter(sag__borger__kommune_kode=actor.kommune_kode)
        .exclude(projektmaerke="")
        .values_list("projektmaerke", flat=True)
        .distinct()
    )
    by_key: dict[str, str] = {}
    for m in sorted(marks):  # one entry per mark, ignoring case ("PLUS" before "plus")
        by_key.setdefault(m.casefold(), m)
    return sorted(by_key.values(), key=str.casefold)


def case_effekt_list(*, actor, case) -> list[tuple[Evaluering, tuple[EffektOpfoelgningAar, ...]]]:
    """The investment case's computed evaluations, each with the promised effect next to the
    measured one by year (for the case page)."""
    if not actor.is_authenticated or not actor.has_perm("evaluation.view_evaluering"):
        return []
    out = []
    for e in evaluering_scope(actor=actor).filter(
        investeringscase=case, status=Evaluering.Status.KLAR
    ):
        rows = (e.resultat or {}).get("realiseret_effekt") or []
        measured = [
            RealiseretEffekt(
                aar=int(r["aar"]),
                fuldtidspersoner=Decimal(str(r["fuldtidspersoner"])),
                nedre=Decimal(str(r["nedre"])),
                oevre=Decimal(str(r["oevre"])),
                deltagere=int(r["deltagere"]),
                kilde=e.navn,
            )
            for r in rows
        ]
        core = case.to_core()
        try:
            out.append(
                (e, case_effekt_opfoelgning(core, [m for m in measured if m.aar in core.years]))
            )
        except EconomicsInputError:
            continue
    return out
