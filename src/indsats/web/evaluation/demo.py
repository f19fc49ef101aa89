"""Demo data for the evaluation pages: the PLUS-forløb's effect evaluation and the follow-up of
Varde's jobafklaring investment with its measured effect.

Both projects are planted in the demo register (`indsats.evaluation.demo`), whose participant
lists lie under var/evaluering/<kommune>/; the evaluations are created from those lists and
computed on the register, as an analyst would do it.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from indsats.economics.business_case import read_case_yaml
from indsats.economics.catalogue import demo_price_list_path
from indsats.evaluation.demo import JOBAFKLARING, PLUS, demo_projekter, participants_path
from indsats.web.evaluation import services
from indsats.web.evaluation.models import Evaluering
from indsats.web.offers.models import Investeringscase

JOBAFKLARING_CASE = "varde_2021_jobafklaring_investering.yaml"


def _case(kommune_kode: int) -> Investeringscase:
    """Varde's jobafklaring investment case (created once, as in the plan)."""
    core = read_case_yaml(demo_price_list_path().parent / JOBAFKLARING_CASE)
    row = Investeringscase.objects.filter(kommune_kode=kommune_kode, navn=core.navn).first()
    if row is None:
        row = Investeringscase.from_core(core, kommune_kode=kommune_kode)
        row.full_clean()
        row.save()
    return row


@transaction.atomic
def demo_evalueringer_build(
    *, kommune_kode: int, register_dir: Path | None, var_dir: Path, actor
) -> list[Evaluering]:
    """Create and compute the demo evaluations (idempotent: an existing one is recomputed only
    when the register is newer than its result)."""
    if register_dir is None or not Path(register_dir).exists():
        return []
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.suite import register_coverage
    from indsats.reports.build import demo_projekter_dir

    first, last = register_coverage(read_register(connect(), register_dir))
    lists = demo_projekter_dir(var_dir=var_dir, kommune=kommune_kode)
    out = []
    for projekt in demo_projekter(kommune_kode, first, last):
        path = participants_path(lists, projekt.slug)
        if not path.exists():
            continue
        e = Evaluering.objects.filter(kommune_kode=kommune_kode, navn=projekt.navn).first()
        if e is None:
            e = services.evaluering_create(
                actor=actor,
                navn=projekt.navn,
                beskrivelse=projekt.beskrivelse,
                kilde=Evaluering.Kilde.FIL,
                fil_tekst=path.read_text(encoding="utf-8"),
                fil_navn=path.name,
                investeringscase=_case(kommune_kode) if projekt.slug == JOBAFKLARING else None,
                # One municipality's jobafklaring pool is small: match on benefit and week only.
                eksakt_koen=projekt.slug != JOBAFKLARING,
            )
        if e.status == Evaluering.Status.KLAR and not _register_newer(register_dir, e):
            out.append(e)  # computed on this register already
            continue
        out.append(services.evaluering_run(actor=actor, evaluering=e, register_dir=register_dir))
    return out


def _register_newer(register_dir: Path, e: Evaluering) -> bool:
    """Was the register written after the evaluation was computed?"""
    from datetime import datetime

    from indsats.register.kilde import read_source

    written = read_source(register_dir).get("skrevet")
    if not isinstance(written, str) or e.beregnet is None:
        return True
    return datetime.fromisoformat(written) > e.beregnet


__all__ = ["JOBAFKLARING", "PLUS", "demo_evalueringer_build"]
