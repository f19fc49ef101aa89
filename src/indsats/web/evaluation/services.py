"""Writes for effect evaluations: create one (participants from a file, the referrals to an
offer with a project mark, or a target group), and compute it on the register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from indsats.evaluation import (
    Deltager,
    Design,
    EvalueringsFejl,
    evaluate,
    participants_from_target_group,
    realiseret_effekt,
)
from indsats.evaluation.deltagere import read_participants_text
from indsats.register import weeks
from indsats.web.accounts.permissions import require_kommune, require_perm
from indsats.web.evaluation.models import Evaluering, EvalueringDeltager

FEJL_INDLEDNING = "Effektvurderingen kan ikke beregnes: "


@transaction.atomic
def evaluering_create(
    *,
    actor,
    navn: str,
    kilde: str,
    beskrivelse: str = "",
    fil_tekst: str | None = None,
    fil_navn: str = "deltagere.csv",
    projektmaerke: str = "",
    tilbudstype: str = "",
    maalgruppe_ydelse: str = "",
    fra_uge: str = "",
    til_uge: str = "",
    min_varighed: int = 1,
    investeringscase=None,
    sammenligning_kommuner: list[int] | None = None,
    naboer: int = 1,
    hovedmaal_uge: int = 26,
    eksakt_koen: bool = True,
) -> Evaluering:
    """Create an evaluation. A participant file is read whole first; any problem is a
    ValidationError naming the line and field, and nothing is stored."""
    require_perm(actor, "evaluation.add_evaluering")
    kommune = require_kommune(actor)
    if investeringscase is not None and investeringscase.kommune_kode != kommune:
        raise ValidationError({"investeringscase": "Casen hører til en anden kommune."})
    rows: list[Deltager] = []
    if kilde == Evaluering.Kilde.FIL:
        try:
            rows = read_participants_text(fil_tekst or "", name=fil_navn)
        except EvalueringsFejl as exc:
            raise ValidationError({"fil": str(exc)}) from None
    e = Evaluering(
        kommune_kode=kommune,
        navn=navn,
        beskrivelse=beskrivelse,
        kilde=kilde,
        projektmaerke=projektmaerke.strip(),
        tilbudstype=tilbudstype,
        maalgruppe_ydelse=maalgruppe_ydelse,
        fra_uge=fra_uge,
        til_uge=til_uge,
        min_varighed=min_varighed,
        investeringscase=investeringscase,
        sammenligning_kommuner=[int(k) for k in sammenligning_kommuner or []],
        naboer=naboer,
        hovedmaal_uge=hovedmaal_uge,
        eksakt_koen=eksakt_koen,
        oprettet_af=actor,
    )
    e.full_clean()
    e.save()
    # A file's participants carry "<file>, line N" as their source.
    EvalueringDeltager.objects.bulk_create(
        EvalueringDeltager(
            evaluering=e,
            person_id=d.person_id,
            start_uge=d.start_uge,
            linje=int(d.kilde.rsplit(" ", 1)[1]),
        )
        for d in rows
    )
    return e


def _participants(*, actor, e: Evaluering, register) -> tuple[list[Deltager], list[str]]:
    """The participants and any note about who was left out."""
    notes: list[str] = []
    if e.kilde == Evaluering.Kilde.FIL:
        return [
            Deltager(d.person_id, d.start_uge, f"linje {d.linje}")
            for d in e.deltagere.order_by("linje", "pk")
        ], notes
    if e.kilde in (Evaluering.Kilde.TILBUD, Evaluering.Kilde.TILBUDSTYPE):
        from indsats.web.evaluation.selectors import tilbudsdeltagere_get

        found = tilbudsdeltagere_get(actor=actor, evaluering=e)
        if found.uden_register_id:
            notes.append(
                f"{found.uden_register_id} henviste borgere har intet id i ydelsesregistret og "
                "indgår ikke."
            )
        if not found.deltagere:
            hvad = (
                f"projektmærket »{e.projektmaerke}«"
                if e.kilde == Evaluering.Kilde.TILBUD
                else f"typen »{e.get_tilbudstype_display()}«"
            )
            raise EvalueringsFejl(
                f"ingen borgere med et id i ydelsesregistret er henvist til et tilbud med {hvad}"
            )
        return found.deltagere, notes
    return participants_from_target_group(
        register,
        ydelse=e.maalgruppe_ydelse,
        fra_uge=weeks.parse_week(e.fra_uge),
        til_uge=weeks.parse_week(e.til_uge),
        kommune=e.kommune_kode,
        min_varighed=e.min_varighed,
    ), notes


def _unit_prices(kommune_kode: int) -> dict[str, float]:
    """Gross unit prices per helårsperson from the municipality's latest budget per benefit."""
    from indsats.web.offers.models import Budget

    prices: dict[str, float] = {}
    for b in Budget.objects.filter(kommune_kode=kommune_kode).order_by("aar"):
        prices[b.ydelse] = float(b.enhedspris)
    return prices


def evaluering_run(
    *,
    actor,
    evaluering: Evaluering,
    register_dir: Path | str | None = None,
) -> Evaluering:
    """Compute the evaluation on the municipality's register and store the result (aggregates
    only), or the reason it cannot be computed."""
    from indsats.analytics.backend import connect, read_register
    from indsats.reports.build import datakilde
    from indsats.reports.effektvurdering import effektvurdering_data
    from indsats.web.evaluation.selectors import register_dir_get

    require_perm(actor, "evaluation.run_evaluering")
    e = evaluering
    if e.kommune_kode != require_kommune(actor):
        raise ValidationError("Effektvurderingen hører til en anden kommune.")
    reg_dir = Path(register_dir or register_dir_get(kommune_kode=e.kommune_kode))
    resultat: dict[str, Any] | None = None
    fejl = ""
    try:
        register = read_register(connect(), reg_dir)
        deltagere, notes = _participants(actor=actor, e=e, register=register)
        design = Design(
            eksakt=("ydelse", "koen") if e.eksakt_koen else ("ydelse",),
            naboer=e.naboer,
            kommuner=tuple(e.sammenligning_kommuner) or None,
            hovedmaal_uge=e.hovedmaal_uge,
            enhedspriser=_unit_prices(e.kommune_kode),
        )
        v = evaluate(register, deltagere, design, navn=e.navn)
        v.forbehold.extend(notes)
        resultat = effektvurdering_data(v, kommune=e.kommune_kode, datakilde=datakilde(reg_dir))
        case = e.investeringscase
        if case is not None and v.har_estimat(f"uger_paa_{case.ydelse}_52"):
            resultat["realiseret_effekt"] = [
                {
                    "aar": r.aar,
                    "fuldtidspersoner": float(r.fuldtidspersoner),
                    "nedre": float(r.nedre),
                    "oevre": float(r.oevre),
                    "deltagere": r.deltagere,
                }
                for r in realiseret_effekt(
                    v.estimat(f"uger_paa_{case.ydelse}_52"), v.deltagere_pr_aar, kilde=e.navn
                )
            ]
    except EvalueringsFejl as exc:
        fejl = FEJL_INDLEDNING + str(exc)
    except FileNotFoundError:
        fejl = FEJL_INDLEDNING + "kommunen har endnu intet ydelsesregister indlæst."
    with transaction.atomic():
        e.resultat = resultat
        e.fejl = fejl
        e.status = Evaluering.Status.KLAR if resultat is not None else Evaluering.Status.FEJL
        e.beregnet = timezone.now()
        e.save(update_fields=["resultat", "fejl", "status", "beregnet"])
    return e
