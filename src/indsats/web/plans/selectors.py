"""Reads for the plan pages: which plans and versions a user may see, and a version as the core
sees it (`plan_version_core_get`), from which the diff, the evaluation and the document are made.

Scoping: the user's municipality; the committee role (`udvalg`, without `plans.edit_plan`) sees
only versions sent to it or approved. An approved version is read from its frozen snapshot.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404

from indsats.goals.model import Goal
from indsats.plan import version_from_dict
from indsats.plan.cycle import forfaldne
from indsats.plan.io import kilde_from_dict, situation_from_dict
from indsats.plan.model import (
    Beloeb,
    BudgetArt,
    Godkendelse,
    IndsatsStatus,
    Kilde,
    Maaltal,
    MaalType,
    Milepael,
    PlanTabel,
    Status,
)
from indsats.plan.model import (
    Budgetlinje as CoreBudgetlinje,
)
from indsats.plan.model import (
    Fokusomraade as CoreFokus,
)
from indsats.plan.model import (
    Indsats as CoreIndsats,
)
from indsats.plan.model import (
    Investering as CoreInvestering,
)
from indsats.plan.model import (
    PlanMaal as CorePlanMaal,
)
from indsats.plan.model import (
    PlanVersion as CoreVersion,
)
from indsats.plan.validation import kendte_maal
from indsats.web.plans.models import Aarshjulstrin, Evaluering, Plan, PlanVersion

SYNLIG_FOR_UDVALG = ("sendt_til_udvalg", "godkendt")


def plan_can_edit(*, actor) -> bool:
    return actor.has_perm("plans.edit_plan")


def plan_version_scope(*, actor):
    """The versions `actor` may read."""
    qs = PlanVersion.objects.filter(plan__kommune_kode=actor.kommune_kode).select_related("plan")
    if not actor.has_perm("plans.view_plan"):
        return qs.none()
    if not plan_can_edit(actor=actor):
        qs = qs.filter(status__in=SYNLIG_FOR_UDVALG)
    return qs


def plan_list(*, actor) -> list[tuple[Plan, list[PlanVersion]]]:
    versions = list(plan_version_scope(actor=actor).order_by("plan", "oprettet"))
    out: dict[int, tuple[Plan, list[PlanVersion]]] = {}
    for v in versions:
        out.setdefault(v.plan_id, (v.plan, []))[1].append(v)
    return sorted(out.values(), key=lambda pv: -pv[0].foerste_aar)


def plan_version_get(*, actor, version_id: int) -> PlanVersion:
    try:
        return plan_version_scope(actor=actor).get(pk=version_id)
    except PlanVersion.DoesNotExist:
        raise Http404("Planversionen findes ikke, eller du har ikke adgang til den.") from None


def _kilde(raw) -> Kilde | None:
    return kilde_from_dict(raw)


def _date(raw) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _beloeb(raw: dict) -> tuple[Beloeb, ...]:
    return tuple(
        sorted((Beloeb(int(y), Decimal(str(v))) for y, v in raw.items()), key=lambda b: b.aar)
    )


def _plan_maal(m) -> CorePlanMaal:
    return CorePlanMaal(
        id=m.noegle,
        titel=m.titel,
        type=MaalType(m.type),
        goal_id=m.maal.goal_id if m.maal_id else m.goal_id,
        ministermaal=m.ministermaal,
        maaltal=tuple(
            Maaltal(int(t["aar"]), float(t["vaerdi"]), _kilde(t.get("kilde"))) for t in m.maaltal
        ),
        succeskriterie=m.succeskriterie,
        maaling=m.maaling,
        kilde=_kilde(m.kilde),
    )


def _indsats(i) -> CoreIndsats:
    ansvarlig = i.ansvarlig or (i.ansvarlig_team.navn if i.ansvarlig_team_id else "")
    return CoreIndsats(
        id=i.noegle,
        titel=i.titel,
        beskrivelse=i.beskrivelse,
        maalgruppe=i.maalgruppe,
        ansvarlig=ansvarlig,
        start=i.start,
        slut=i.slut,
        status=IndsatsStatus(i.status),
        milepaele=tuple(
            Milepael(m["titel"], date.fromisoformat(m["frist"]), _date(m.get("naaet")))
            for m in i.milepaele
        ),
        tilbud=tuple(t.navn for t in i.tilbud.all()),
        investeringer=tuple(i.investeringer),
        budget=_beloeb(i.budget),
        kilde=_kilde(i.kilde),
    )


def plan_version_core_get(*, version: PlanVersion) -> CoreVersion:
    """The version as the core's `PlanVersion`: from its frozen snapshot when approved, else
    from its rows."""
    if version.status == Status.GODKENDT.value and version.snapshot:
        return version_from_dict(version.snapshot, kilde=f"planversion {version.pk}")
    plan = version.plan
    fokus = list(version.fokusomraader.all())
    maal = list(version.maal.select_related("maal"))
    indsatser = list(version.indsatser.select_related("ansvarlig_team").prefetch_related("tilbud"))
    godkendelse = None
    if version.godkendt_af:
        godkendelse = Godkendelse(
            version.godkendt_dato, version.godkendt_af, version.beslutning_tekst
        )
    return CoreVersion(
        kommune=plan.kommune_kode,
        titel=plan.titel,
        foerste_aar=plan.foerste_aar,
        sidste_aar=plan.sidste_aar,
        betegnelse=version.betegnelse,
        udvalg=plan.udvalg,
        status=Status(version.status),
        godkendelse=godkendelse,
        indledning=version.indledning,
        situation=situation_from_dict(version.situation, kilde=f"planversion {version.pk}"),
        maal=tuple(_plan_maal(m) for m in maal if m.fokusomraade_id is None),
        fokusomraader=tuple(
            CoreFokus(
                id=f.noegle,
                titel=f.titel,
                beskrivelse=f.beskrivelse,
                ministermaal=tuple(f.ministermaal),
                maal=tuple(_plan_maal(m) for m in maal if m.fokusomraade_id == f.pk),
                indsatser=tuple(_indsats(i) for i in indsatser if i.fokusomraade_id == f.pk),
                kilde=_kilde(f.kilde),
            )
            for f in fokus
        ),
        investeringer=tuple(
            CoreInvestering(
                id=inv.noegle,
                titel=inv.titel,
                case=inv.case.to_core() if inv.case is not None else None,
                beskrivelse=inv.beskrivelse,
                tabeller=tuple(
                    PlanTabel(
                        t["id"], t["titel"], t["csv"], _kilde(t.get("kilde")), t.get("note", "")
                    )
                    for t in inv.tabeller
                ),
                kilde=_kilde(inv.kilde),
            )
            for inv in version.investeringer.select_related("case")
        ),
        budget=tuple(
            CoreBudgetlinje(
                id=b.noegle,
                post=b.post,
                art=BudgetArt(b.art),
                beloeb=_beloeb(b.beloeb),
                kilde=_kilde(b.kilde),
                note=b.note,
            )
            for b in version.budget.all()
        ),
        kilde=_kilde(version.kilde),
    )


def plan_goal_dict_get(*, kommune_kode: int, core: CoreVersion) -> dict[str, Goal]:
    """The goals a version may name: the bundled goals, the minister's goals of the period and
    the goals created in the web app (the goals module's own objects, by id)."""
    from indsats.web.goals.selectors import maal_goal_list

    return kendte_maal(core, ekstra=maal_goal_list(kommune_kode=kommune_kode))


def evaluering_list(*, version: PlanVersion) -> list[Evaluering]:
    return list(version.evalueringer.all())


def aarshjul_list(*, actor, plan: Plan) -> list[Aarshjulstrin]:
    if plan.kommune_kode != actor.kommune_kode:
        raise Http404
    return list(plan.aarshjul.all())


def aarshjul_overdue_list(*, actor, i_dag: date) -> list[Aarshjulstrin]:
    """Steps past their deadline for the actor's role (leaders and analysts), oldest first."""
    if not plan_can_edit(actor=actor):  # first: the permissions are cached, the roles are a query
        return []
    roller = set(actor.roller) & {"leder", "analytiker"}
    if not roller:
        return []
    steps = Aarshjulstrin.objects.filter(
        plan__kommune_kode=actor.kommune_kode, ansvarlig__in=roller, udfoert__isnull=True
    ).select_related("plan")
    late = forfaldne(tuple(_core_step(s) for s in steps), i_dag)
    by_key = {(s.art, s.frist, s.titel): s for s in steps}
    return [by_key[(t.art.value, t.frist, t.titel)] for t in late]


def _core_step(s: Aarshjulstrin):
    from indsats.plan.cycle import Aarshjulstrin as CoreStep
    from indsats.plan.cycle import TrinArt

    return CoreStep(TrinArt(s.art), s.titel, s.frist, s.ansvarlig, s.krav_id, s.udfoert)


def plan_get(*, actor, plan_id: int) -> Plan:
    if not plan_version_scope(actor=actor).filter(plan_id=plan_id).exists():
        raise Http404("Planen findes ikke, eller du har ikke adgang til den.")
    return Plan.objects.get(pk=plan_id)


def plan_version_parts_get(*, version: PlanVersion) -> dict:
    """The editable rows of a draft, for the edit links: focus areas with their goals and
    actions, the plan-level goals, the budget lines."""
    fokus = list(version.fokusomraader.all())
    maal = list(version.maal.select_related("maal"))
    indsatser = list(version.indsatser.all())
    return {
        "maal": [m for m in maal if m.fokusomraade_id is None],
        "fokusomraader": [
            {
                "f": f,
                "maal": [m for m in maal if m.fokusomraade_id == f.pk],
                "indsatser": [i for i in indsatser if i.fokusomraade_id == f.pk],
            }
            for f in fokus
        ],
        "budget": list(version.budget.all()),
    }


def indsats_get(*, version: PlanVersion, indsats_id: int):
    obj = version.indsatser.filter(pk=indsats_id).first()
    if obj is None:
        raise Http404("Indsatsen findes ikke i denne version.")
    return obj


def fokusomraade_get(*, version: PlanVersion, fokus_id, indsats=None):
    if indsats is not None:
        return indsats.fokusomraade
    try:
        return version.fokusomraader.get(pk=int(fokus_id))
    except (TypeError, ValueError, version.fokusomraader.model.DoesNotExist):
        raise Http404("Vælg et fokusområde i denne version.") from None


def plan_maal_get(*, version: PlanVersion, maal_id: int):
    obj = version.maal.select_related("maal").filter(pk=maal_id).first()
    if obj is None:
        raise Http404("Målet findes ikke i denne version.")
    return obj


def plan_maal_enhed_get(*, maal, version: PlanVersion) -> str:
    """The unit of a goal in the plan: the goals module's goal's, else a share if its måltal
    are fractions."""
    core = plan_version_core_get(version=version)
    goal_id = maal.maal.goal_id if maal.maal_id else maal.goal_id
    goal = plan_goal_dict_get(kommune_kode=version.plan.kommune_kode, core=core).get(goal_id)
    if goal is not None:
        return goal.enhed
    values = [float(t["vaerdi"]) for t in maal.maaltal]
    return "andel" if values and all(0 < v < 1 for v in values) else "personer"


def budgetlinje_get(*, version: PlanVersion, linje_id: int):
    obj = version.budget.filter(pk=linje_id).first()
    if obj is None:
        raise Http404("Budgetlinjen findes ikke i denne version.")
    return obj


def evaluering_get(*, actor, evaluering_id: int) -> Evaluering:
    versions = plan_version_scope(actor=actor)
    obj = (
        Evaluering.objects.filter(pk=evaluering_id, version__in=versions)
        .select_related("version__plan")
        .first()
    )
    if obj is None:
        raise Http404("Evalueringen findes ikke, eller du har ikke adgang til den.")
    return obj


def evaluering_for_document_get(*, version: PlanVersion, aar) -> Evaluering | None:
    if not aar:
        return None
    try:
        return version.evalueringer.get(aar=int(aar))
    except (ValueError, Evaluering.DoesNotExist):
        raise Http404("Versionen har ingen evaluering af det år.") from None


def evaluering_afsnit_list(*, evaluering: Evaluering) -> list[dict]:
    """The evaluation's items in order, each with its figures and its (edited) text."""
    d = evaluering.data
    out = []
    for m in d.get("maal", []):
        out.append({"noegle": f"maal:{m['id']}", "art": "Mål", **m})
    for i in d.get("indsatser", []):
        out.append({"noegle": f"indsats:{i['id']}", "art": "Indsats", **i})
    for i in d.get("investeringer", []):
        out.append({"noegle": f"investering:{i['id']}", "art": "Investering", **i})
    for item in out:
        item["tekst"] = evaluering.tekster.get(item["noegle"], "")
    return out


def investering_choices_get(*, version: PlanVersion) -> list[tuple[str, str]]:
    return [(i.noegle, i.titel) for i in version.investeringer.all()]
