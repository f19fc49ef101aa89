"""Writes for the goal pages: create a goal, build the month's report."""

from __future__ import annotations

from django.db import transaction

from indsats.web.accounts.permissions import require_perm
from indsats.web.goals.models import Maal


@transaction.atomic
def maal_create(*, actor, form) -> Maal:
    """Save a validated `MaalForm` for the actor's municipality."""
    require_perm(actor, "goals.add_maal")
    obj = form.save(commit=False)
    obj.kommune_kode = actor.kommune_kode
    obj.oprettet_af = actor
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def maal_upsert(*, actor, goal) -> Maal:
    """Store a goal of the goals module (validated by `indsats.goals`) for the actor's
    municipality, replacing the one with the same id. One benefit filter at most."""
    require_perm(actor, "goals.add_maal", "goals.change_maal")
    ydelser = dict(goal.filtre).get("ydelse", ())
    obj, _ = Maal.objects.update_or_create(
        kommune_kode=actor.kommune_kode,
        goal_id=goal.id,
        defaults={
            "titel": goal.titel,
            "ejer": goal.ejer,
            "indikator": goal.indikator,
            "measure": goal.measure,
            "ydelse": ydelser[0] if len(ydelser) == 1 else "",
            "enhed": goal.enhed,
            "baseline_vaerdi": goal.baseline.vaerdi if goal.baseline else None,
            "baseline_periode": goal.baseline.periode if goal.baseline else "",
            "target_vaerdi": goal.target.vaerdi if goal.target else None,
            "target_periode": goal.target.periode if goal.target else "",
            "forloeb": goal.forloeb.value,
            "retning": goal.retning.value,
            "tolerance": goal.tolerance,
            "kilde": goal.kilde[:500],
            "trin": {str(y): v for y, v in goal.trin},
            "oprettet_af": actor,
        },
    )
    obj.full_clean()
    return obj


@transaction.atomic
def maal_set_trin(*, maal: Maal, trin: dict[int, float]) -> Maal:
    """Set a goal's yearly steps (måltal), e.g. from an approved beskæftigelsesplan. The
    caller has checked the actor; the goal stays the goals module's own object."""
    maal.trin = {str(y): v for y, v in sorted(trin.items())}
    maal.full_clean()
    maal.save(update_fields=["trin"])
    return maal


def rapport_build(*, actor, month: str):
    """Build the month's report for the actor's municipality, with the web goals included.

    Without a register of its own the municipality follows its public figures: the report is
    built on the shipped DST series and the tables fetched into var/publicdata (goals on the
    register are then listed as not computable)."""
    require_perm(actor, "goals.build_rapport")
    from indsats.goals.loader import demo_goals, ministermaal_goals
    from indsats.goals.public import default_public_goals
    from indsats.publicdata.offentlige_tal import public_sources
    from indsats.reports.build import build_report, report_dir
    from indsats.web.goals.selectors import (
        maal_goal_list,
        public_root_get,
        rapport_root_get,
        register_dir_get,
    )

    k = actor.kommune_kode
    reg = register_dir_get(kommune_kode=k)
    has_register = reg.exists()
    year = int(month[:4])
    web = maal_goal_list(kommune_kode=k)
    web_ids = {g.id for g in web}
    defaults = [*demo_goals(k), *ministermaal_goals(year)]
    if not has_register:
        defaults += default_public_goals(k, public_sources(root=public_root_get()))
    goals = [g for g in defaults if g.id not in web_ids]
    return build_report(
        kommune=k,
        month=month,
        register_dir=reg if has_register else None,
        public_root=public_root_get(),
        out_dir=report_dir(rapport_root_get(), k, month),
        goals=goals,
        extra_goals=web,
        extra_sections=rapport_sections(kommune_kode=k, month=month),
    )


def rapport_sections(*, kommune_kode: int, month: str) -> list:
    """Economics and company service sections from the other apps' report helpers."""
    import calendar
    from datetime import date

    from indsats.reports.sections import companyservice_section, economics_section

    year, mo = int(month[:4]), int(month[5:7])
    out = []
    from indsats.web.offers.selectors import economics_report_inputs_get

    sec = economics_section(**economics_report_inputs_get(kommune_kode=kommune_kode, aar=year))
    if sec is not None:
        out.append(sec)
    from indsats.companyservice.measures import service_measures
    from indsats.web.companies.selectors import servicemaal_rows_get

    fra, til = date(year, 1, 1), date(year, mo, calendar.monthrange(year, mo)[1])
    rows = servicemaal_rows_get(kommune_kode=kommune_kode, fra=fra, til=til)
    if rows["virksomheder_i_alt"] or rows["kontakter"]:
        from indsats.companyservice.barometer import barometer_compute
        from indsats.web.companies.selectors import barometer_signal_list

        barometer = barometer_compute(
            signals=barometer_signal_list(kommune_kode=kommune_kode, fra=fra, til=til),
            fra=fra,
            til=til,
        )
        out.append(
            companyservice_section(service_measures(fra=fra, til=til, **rows), barometer=barometer)
        )
    return out
