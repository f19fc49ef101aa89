"""The demo municipality's plans (Varde, 573), built on the day the demo is built (`today`):

1. the historical plan: Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021, entered as
   data (src/indsats/plan/data/), approved, with its 2021 evaluation on the demo register;
2. the current plan, covering last year to two years ahead, drafted as a revision of the old
   one: the same focus areas, the ongoing actions, the minister's goals of its years, måltal set
   from the register's level two years ago (2 % lower each year; demo figures, marked so), an
   investment case for the period, approved in December two years ago;
3. the evaluation of last year on the demo register, and from it the draft of next year's
   revision with the årshjul of this year (past steps done, the latest one left open, so the
   leader's and the analyst's start pages show an overdue step).

Idempotent: a plan that exists is left as it is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from indsats.plan import bundled_plan
from indsats.plan.model import (
    Beloeb,
    BudgetArt,
    Budgetlinje,
    Godkendelse,
    Indsats,
    IndsatsStatus,
    Investering,
    Kilde,
    Maaltal,
    MaalType,
    Milepael,
    PlanMaal,
    PlanVersion,
    Status,
)
from indsats.web.plans.models import Plan
from indsats.web.plans.models import PlanVersion as PlanVersionRow

VARDE = "varde_2020_2023_revideret_2021.yaml"
DEMO = "Demotal dannet af indsats"


def _goal_level(register_dir: Path | None, kommune: int, goal, aar: int) -> float | None:
    """The goal's yearly level in `aar` from the register (mean of the months), if covered."""
    if register_dir is None or not Path(register_dir).exists():
        return None
    from indsats.plan.evaluation import maal_serier

    serier, _ = maal_serier(register_dir, kommune, [goal], aar + 1)
    values = [
        o.vaerdi
        for m, o in serier.get(goal.id, {}).items()
        if m.startswith(str(aar)) and o.vaerdi is not None
    ]
    return sum(values) / len(values) if len(values) == 12 else None


def _current_plan(
    old: PlanVersion, *, today: date, actor, register_dir: Path | None
) -> PlanVersion:
    """The current plan for last year .. two years ahead, built from the old one."""
    from indsats.domain.ydelser import Ydelse
    from indsats.economics.business_case import Investeringscase
    from indsats.goals.loader import demo_goals, ministermaal
    from indsats.goals.model import Forloeb, Punkt
    from indsats.web.goals.services import maal_upsert

    y = today.year
    first, last = y - 1, y + 2
    years = range(first, last + 1)
    demo = Kilde(f"{DEMO} {today.strftime('%d.%m.%Y')}")
    bundled = {g.id: g for g in demo_goals(old.kommune)}

    # Local goals: the goals module's own goals, stored in the web app with a baseline from the
    # register two years ago and måltal 2 % lower each year (demo figures).
    maal_by_goal: dict[str, tuple[int, ...]] = {}
    for goal_id in ("sdp-helaarspersoner", "jaf-helaarspersoner"):
        goal = bundled[goal_id]
        base = _goal_level(register_dir, old.kommune, goal, first - 1)
        if base is None:
            base = goal.baseline.vaerdi if goal.baseline else 100.0
            base_periode = goal.baseline.periode if goal.baseline else str(first - 1)
        else:
            base_periode = str(first - 1)
        steps = tuple(round(base * 0.98 ** (i + 1)) for i, _ in enumerate(years))
        maal_by_goal[goal_id] = steps
        maal_upsert(
            actor=actor,
            goal=replace(
                goal,
                baseline=Punkt(round(base, 1), base_periode),
                target=Punkt(float(steps[-1]), str(last)),
                forloeb=Forloeb.TRINVIS_AAR,
                trin=tuple(zip(years, map(float, steps), strict=True)),
                kilde=f"{goal.titel}: udgangspunkt fra ydelsesregistret {base_periode}; måltal "
                f"2 % lavere om året ({DEMO}).",
            ),
        )
    mm = ministermaal(first)
    mm_maal = tuple(
        PlanMaal(
            id=f"mm-{first}-{m.nr}",
            titel=m.tekst,
            type=MaalType.MINISTERMAAL,
            ministermaal=f"{first}:{m.nr}",
            goal_id=m.goal.id if m.goal else "",
            kilde=Kilde(f"Beskæftigelsesministerens mål for {m.aar}", "", m.kilde),
        )
        for m in mm
    )
    fokus = []
    for f in old.fokusomraader:
        maal = []
        for m in f.maal:
            if m.type is MaalType.LOKALT and m.goal_id in maal_by_goal:
                steps = maal_by_goal[m.goal_id]
                maal.append(
                    replace(
                        m,
                        maaltal=tuple(
                            Maaltal(a, float(v), demo) for a, v in zip(years, steps, strict=True)
                        ),
                        kilde=demo,
                    )
                )
            elif m.type is MaalType.SUCCESINDIKATOR:
                maal.append(replace(m, maaltal=()))
        indsatser = [
            replace(
                i,
                slut=date(last, 12, 31) if i.slut and i.slut.year < first else i.slut,
                status=IndsatsStatus.I_GANG,
                milepaele=(),
                investeringer=(),
                budget=(),
            )
            for i in f.indsatser
            if i.status is IndsatsStatus.I_GANG
        ]
        fokus.append(replace(f, ministermaal=(), maal=tuple(maal), indsatser=tuple(indsatser)))
    # New this period: an intensive effort in jobafklaring with milestones of this year.
    saerlige = fokus[-1]
    ny = Indsats(
        id="jobafklaring-fortsat",
        titel="Fortsat intensiv indsats i jobafklaringsforløb",
        beskrivelse="Sagsstamme på 45 pr. rådgiver, flere virksomhedspraktikker og mentor.",
        maalgruppe="Borgere i jobafklaringsforløb",
        ansvarlig="Team Sygedagpenge",
        start=date(first, 1, 1),
        slut=date(last, 12, 31),
        status=IndsatsStatus.I_GANG,
        milepaele=(
            Milepael("Sagsstammen er nede på 45", date(y, 3, 31), date(y, 3, 20)),
            Milepael("Midtvejsstatus til udvalget", date(y, 9, 30)),
        ),
        investeringer=("jobafklaring-fortsat",),
        budget=tuple(Beloeb(a, Decimal(400000)) for a in years),
        kilde=demo,
    )
    fokus[-1] = replace(saerlige, indsatser=(*saerlige.indsatser, ny))
    case = Investeringscase(
        navn=f"Fortsat intensiv indsats i jobafklaringsforløb {first}-{last}",
        ydelse=Ydelse.JOBAFKLARINGSFORLOEB,
        start_aar=first,
        aar=len(years),
        ekstra_aarsvaerk=(Decimal(1),),
        pris_pr_aarsvaerk=Decimal(550000),
        effekt_fuldtidspersoner=(Decimal(8),),
        enhedspris_netto=Decimal(140000),
        oevrige_udgifter=(Decimal(400000),),
        sagsstamme_foer="60",
        sagsstamme_efter="45",
        fuldtidspersoner_uden=Decimal(maal_by_goal["jaf-helaarspersoner"][0] + 8),
        kilde=f"Videreført fra Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021, s. 27-28; {DEMO}",
        antagelser=(
            "Udgift pr. årsværk 550.000 kr. er et antaget demotal.",
            "Effekt og enhedspris som i investeringen fra 2021.",
        ),
    )
    investering = Investering(
        id="jobafklaring-fortsat",
        titel="Fortsat intensiv indsats i jobafklaringsforløb",
        case=case,
        beskrivelse="Investeringen fra 2021 videreføres i planperioden.",
        kilde=demo,
    )
    budget = (
        Budgetlinje(
            "besparelse-jobafklaring",
            "Besparelse på jobafklaring (8 færre fuldtidspersoner × 140.000 kr.)",
            BudgetArt.INVESTERING,
            tuple(Beloeb(a, Decimal(-1120000)) for a in years),
            Kilde("Beregnet af indsats fra investeringscasen"),
        ),
        Budgetlinje(
            "personale-jobafklaring",
            "Ekstra årsværk i jobafklaring",
            BudgetArt.INVESTERING,
            tuple(Beloeb(a, Decimal(550000)) for a in years),
            demo,
        ),
        Budgetlinje(
            "tilbud-jobafklaring",
            "Virksomhedsrettede tilbud i jobafklaringsforløb (netto)",
            BudgetArt.TILBUD,
            tuple(Beloeb(a, Decimal(400000)) for a in years),
            demo,
        ),
    )
    from indsats.plan.situation import situation_draft

    situation = situation_draft(
        kommune=old.kommune, aar=first, i_dag=date(first - 1, 10, 1), register_dir=register_dir
    )
    return replace(
        old,
        situation=situation,
        titel=f"Beskæftigelsesplan {first}-{last}",
        foerste_aar=first,
        sidste_aar=last,
        betegnelse=f"Vedtaget {first - 1}",
        status=Status.GODKENDT,
        godkendelse=Godkendelse(
            date(first - 1, 12, 15), "Byrådet", f"Byrådets møde december {first - 1} (demo)"
        ),
        indledning=(
            f"Planen for {first}-{last} bygger videre på beskæftigelsesplanen 2020-2023 og dens "
            "fokusområder: Fremtidens Jobcenter, arbejdskraft, tværgående samarbejde, integration, "
            "handicap og særlige indsatser. Måltallene er sat ud fra niveauet i ydelsesregistret "
            f"i {first - 1} (demotal)."
        ),
        maal=mm_maal,
        fokusomraader=tuple(fokus),
        investeringer=(investering,),
        budget=budget,
        kilde=None,
    )


def demo_plans_build(*, kommune_kode: int, today: date, register_dir: Path | None, actor) -> None:
    """The demo plans (see the module text). Only the Varde demo (573) has them."""
    from indsats.web.plans import services

    if kommune_kode != 573 or Plan.objects.filter(kommune_kode=kommune_kode).exists():
        return
    old_core = bundled_plan(VARDE)
    old = services.plan_import(actor=actor, core=old_core)
    services.evaluering_create(
        actor=actor, version_id=old.pk, aar=2021, i_dag=today, register_dir=register_dir
    )
    current_core = _current_plan(old_core, today=today, actor=actor, register_dir=register_dir)
    current = services.plan_import(actor=actor, core=current_core, forgaenger=old)
    # its måltal are the goals' steps from now on (as an approval through the service does)
    services._goals_take_maaltal(current)
    ev = services.evaluering_create(
        actor=actor,
        version_id=current.pk,
        aar=today.year - 1,
        i_dag=today,
        register_dir=register_dir,
    )
    draft = services.revision_from_evaluering(
        actor=actor, evaluering_id=ev.pk, betegnelse=f"Revideret {today.year + 1}"
    )
    services.situation_draft(
        actor=actor, version_id=draft.pk, laas=draft.laas, i_dag=today, register_dir=register_dir
    )
    steps = services.aarshjul_create(plan=current.plan, planaar=today.year + 1)
    past = [s for s in steps if s.frist < today]
    for s in past[:-1]:
        services.aarshjul_udfoert(actor=actor, trin_id=s.pk, laas=s.laas, dato=s.frist)
    assert PlanVersionRow.objects.filter(plan__kommune_kode=kommune_kode).count() == 3
