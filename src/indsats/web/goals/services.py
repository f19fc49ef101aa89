"""Writes for the goal pages: create a goal, build the month's report."""

from __future__ import annotations

from django.db import transaction

from indsats.web.goals.models import Maal


@transaction.atomic
def maal_create(*, actor, form) -> Maal:
    """Save a validated `MaalForm` for the actor's municipality."""
    obj = form.save(commit=False)
    obj.kommune_kode = actor.kommune_kode
    obj.oprettet_af = actor
    obj.full_clean()
    obj.save()
    return obj


def rapport_build(*, actor, month: str):
    """Build the month's report for the actor's municipality, with the web goals included."""
    from django.conf import settings

    from indsats.goals.loader import demo_goals, ministermaal_goals
    from indsats.reports.build import build_report, report_dir
    from indsats.web.goals.selectors import maal_goals, register_dir, reports_root

    k = actor.kommune_kode
    reg = register_dir(k)
    if not reg.exists():
        raise FileNotFoundError(f"Der er intet ydelsesregister for kommune {k} ({reg}).")
    year = int(month[:4])
    web = maal_goals(kommune_kode=k)
    web_ids = {g.id for g in web}
    goals = [g for g in [*demo_goals(k), *ministermaal_goals(year)] if g.id not in web_ids]
    return build_report(kommune=k, month=month, register_dir=reg,
                        out_dir=report_dir(reports_root(), k, month), goals=goals,
                        extra_goals=web, cache_dir=settings.VAR_DIR / "benchmark")
