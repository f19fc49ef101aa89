"""Writes for the plans: every service checks the role and the municipality, locks the row it
changes (optimistic locking on `laas`), refuses any edit of a version that is not a draft, and
validates the whole version with the core before the transaction commits, so a refused change
changes nothing. django-auditlog records every change.

The committee module approves a version when its committee decides on the version's agenda
item, through `plan_version_approve(..., decision=...)` (docs/plan.md, "The committee module").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from indsats.plan import PlanError, validate_version, version_to_dict
from indsats.plan.cycle import Handling, godkend, kraev_kladde, ny_status, revision
from indsats.plan.io import kilde_to_dict, situation_to_dict
from indsats.plan.model import Godkendelse, Status
from indsats.plan.model import PlanVersion as CoreVersion
from indsats.web.accounts.permissions import require_kommune, require_perm
from indsats.web.plans.models import (
    Aarshjulstrin,
    Budgetlinje,
    Evaluering,
    Fokusomraade,
    Indsats,
    Investering,
    Plan,
    PlanMaal,
    PlanVersion,
)
from indsats.web.plans.selectors import plan_goal_dict_get, plan_version_core_get

if TYPE_CHECKING:
    from indsats.goals.status import Obs

LAAS_MANGLER = (
    "Formularen mangler sin låseværdi, så det kan ikke kontrolleres, om en anden har gemt "
    "ændringer imens. Dine ændringer er ikke gemt; genindlæs siden og prøv igen."
)
KONFLIKT = (
    "En anden har gemt ændringer, efter du åbnede siden. Dine ændringer er ikke gemt; genindlæs "
    "siden og prøv igen."
)


def _for_update(model, pk: int, *, kommune_kode: int, plan_path: str):
    """The row locked for update, if it belongs to the municipality. Only for reads that change
    nothing in the row a user had open (a revision or an evaluation of a frozen version); every
    edit goes through `_locked`."""
    try:
        return model.objects.select_for_update().get(pk=pk, **{plan_path: kommune_kode})
    except model.DoesNotExist:
        raise PermissionDenied from None


def _locked(model, pk: int, laas: int | None, *, kommune_kode: int, plan_path: str):
    """The row locked for update, if it belongs to the municipality and nobody saved it since
    `laas` was read. A missing `laas` is refused too: skipping the check would let a post
    without it overwrite a newer version."""
    obj = _for_update(model, pk, kommune_kode=kommune_kode, plan_path=plan_path)
    if laas is None:
        raise ValidationError(LAAS_MANGLER)
    if obj.laas != laas:
        raise ValidationError(KONFLIKT)
    return obj


def _bump(obj) -> None:
    obj.laas += 1
    obj.full_clean()
    obj.save()


def _as_validation_error(exc: PlanError) -> ValidationError:
    return ValidationError([f.besked for f in exc.fejl])


def _kladde(version: PlanVersion) -> None:
    try:
        kraev_kladde(Status(version.status))
    except PlanError as exc:
        raise _as_validation_error(exc) from None


def _validate(version: PlanVersion) -> CoreVersion:
    """The version as the core sees it, or ValidationError with every problem (in Danish)."""
    core = plan_version_core_get(version=version)
    fejl = validate_version(
        core, goals=plan_goal_dict_get(kommune_kode=version.plan.kommune_kode, core=core)
    )
    if fejl:
        raise ValidationError([f.besked for f in fejl])
    return core


def _version_locked(actor, version_id: int, laas: int) -> PlanVersion:
    return _locked(
        PlanVersion,
        version_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="plan__kommune_kode",
    )


def _version_for_update(actor, version_id: int) -> PlanVersion:
    return _for_update(
        PlanVersion, version_id, kommune_kode=actor.kommune_kode, plan_path="plan__kommune_kode"
    )


# ---------------------------------------------------------------------------------------------
# From the core's data to rows (import, revision)


def _rows_from_core(version: PlanVersion, core: CoreVersion, *, actor) -> None:
    from indsats.web.goals.models import Maal
    from indsats.web.offers.models import Investeringscase, Tilbud

    k = version.plan.kommune_kode
    web_goals = {m.goal_id: m for m in Maal.objects.filter(kommune_kode=k)}
    tilbud = {t.navn: t for t in Tilbud.objects.filter(leverandoer__kommune_kode=k)}

    def maal_row(m, fokus: Fokusomraade | None, i: int) -> PlanMaal:
        return PlanMaal(
            version=version,
            fokusomraade=fokus,
            noegle=m.id,
            raekkefoelge=i,
            titel=m.titel,
            type=m.type.value,
            maal=web_goals.get(m.goal_id),
            goal_id="" if m.goal_id in web_goals else m.goal_id,
            ministermaal=m.ministermaal,
            maaltal=[
                {"aar": t.aar, "vaerdi": t.vaerdi, "kilde": kilde_to_dict(t.kilde)}
                for t in m.maaltal
            ],
            succeskriterie=m.succeskriterie,
            maaling=m.maaling,
            kilde=kilde_to_dict(m.kilde),
        )

    PlanMaal.objects.bulk_create([maal_row(m, None, i) for i, m in enumerate(core.maal)])
    for fi, f in enumerate(core.fokusomraader):
        fokus = Fokusomraade.objects.create(
            version=version,
            noegle=f.id,
            raekkefoelge=fi,
            titel=f.titel,
            beskrivelse=f.beskrivelse,
            ministermaal=list(f.ministermaal),
            kilde=kilde_to_dict(f.kilde),
        )
        PlanMaal.objects.bulk_create([maal_row(m, fokus, i) for i, m in enumerate(f.maal)])
        for ii, a in enumerate(f.indsatser):
            row = Indsats.objects.create(
                version=version,
                fokusomraade=fokus,
                noegle=a.id,
                raekkefoelge=ii,
                titel=a.titel,
                beskrivelse=a.beskrivelse,
                maalgruppe=a.maalgruppe,
                ansvarlig=a.ansvarlig,
                start=a.start,
                slut=a.slut,
                status=a.status.value,
                milepaele=[
                    {
                        "titel": m.titel,
                        "frist": m.frist.isoformat(),
                        "naaet": m.naaet.isoformat() if m.naaet else None,
                    }
                    for m in a.milepaele
                ],
                investeringer=list(a.investeringer),
                budget={str(b.aar): str(b.kr) for b in a.budget},
                kilde=kilde_to_dict(a.kilde),
            )
            row.tilbud.set([tilbud[n] for n in a.tilbud if n in tilbud])
    for i, inv in enumerate(core.investeringer):
        case = None
        if inv.case is not None:
            case = Investeringscase.objects.filter(kommune_kode=k, navn=inv.case.navn).first()
            if case is None:
                from indsats.web.offers.services import investeringscase_create

                case = investeringscase_create(actor=actor, case=inv.case)
        Investering.objects.create(
            version=version,
            noegle=inv.id,
            raekkefoelge=i,
            titel=inv.titel,
            case=case,
            beskrivelse=inv.beskrivelse,
            tabeller=[
                {
                    "id": t.id,
                    "titel": t.titel,
                    "csv": t.csv,
                    "kilde": kilde_to_dict(t.kilde),
                    "note": t.note,
                }
                for t in inv.tabeller
            ],
            kilde=kilde_to_dict(inv.kilde),
        )
    Budgetlinje.objects.bulk_create(
        [
            Budgetlinje(
                version=version,
                noegle=b.id,
                raekkefoelge=i,
                post=b.post,
                art=b.art.value,
                beloeb={str(x.aar): str(x.kr) for x in b.beloeb},
                kilde=kilde_to_dict(b.kilde),
                note=b.note,
            )
            for i, b in enumerate(core.budget)
        ]
    )


def _freeze(version: PlanVersion, core: CoreVersion) -> None:
    version.snapshot = version_to_dict(core)


@transaction.atomic
def plan_import(
    *, actor, core: CoreVersion, forgaenger: PlanVersion | None = None, plan: Plan | None = None
) -> PlanVersion:
    """Store a version given as the core's data (a plan file, a revision): a new plan unless
    `plan` is given. An approved version is frozen as it is stored."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    if core.kommune != actor.kommune_kode:
        raise PermissionDenied("Planen hører til en anden kommune.")
    if plan is None:
        plan = Plan.objects.create(
            kommune_kode=core.kommune,
            titel=core.titel,
            foerste_aar=core.foerste_aar,
            sidste_aar=core.sidste_aar,
            udvalg=core.udvalg,
            forgaenger=forgaenger.plan if forgaenger else None,
        )
    g = core.godkendelse
    version = PlanVersion.objects.create(
        plan=plan,
        betegnelse=core.betegnelse,
        status=core.status.value,
        forgaenger=forgaenger,
        indledning=core.indledning,
        situation=situation_to_dict(core.situation),
        kilde=kilde_to_dict(core.kilde),
        godkendt_dato=g.dato if g else None,
        godkendt_af=g.organ if g else "",
        beslutning_tekst=g.beslutning if g else "",
        oprettet_af=actor,
    )
    _rows_from_core(version, core, actor=actor)
    checked = _validate(version)
    if core.status is Status.GODKENDT:
        _freeze(version, checked)
        version.save(update_fields=["snapshot"])
    return version


# ---------------------------------------------------------------------------------------------
# The version and its parts


@transaction.atomic
def plan_version_update(
    *,
    actor,
    version_id: int,
    laas: int,
    betegnelse: str,
    indledning: str,
    situation_tekst: str,
) -> PlanVersion:
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    _kladde(v)
    v.betegnelse = betegnelse.strip()
    v.indledning = indledning
    v.situation = {**(v.situation or {}), "tekst": situation_tekst}
    _bump(v)
    _validate(v)
    return v


@transaction.atomic
def situation_draft(
    *, actor, version_id: int, laas: int, i_dag: date, register_dir: Path | None
) -> PlanVersion:
    """Redraft the situation (text, tables, chart) from the register, public figures and the
    job barometer; the analyst then edits the text."""
    from indsats.plan.situation import situation_draft as draft

    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    _kladde(v)
    barometer = _barometer(actor.kommune_kode, i_dag)
    s = draft(
        kommune=actor.kommune_kode,
        aar=v.plan.foerste_aar if i_dag.year < v.plan.foerste_aar else i_dag.year + 1,
        i_dag=i_dag,
        register_dir=register_dir,
        barometer=barometer,
    )
    v.situation = situation_to_dict(s)
    _bump(v)
    return v


def _barometer(kommune_kode: int, i_dag: date) -> list[tuple[str, str]]:
    """The job barometer of the last 12 months: (industry group, need), the largest need first."""
    from datetime import timedelta

    from indsats.companyservice.barometer import barometer_compute
    from indsats.web.companies.selectors import barometer_signal_list

    fra, til = i_dag - timedelta(days=365), i_dag
    rows = barometer_compute(
        signals=barometer_signal_list(kommune_kode=kommune_kode, fra=fra, til=til), fra=fra, til=til
    )
    return [(r.gruppe_navn, r.behov_label) for r in rows if r.score > 0][:8]


def _indsats_fields(obj: Indsats, data: dict) -> None:
    for f in ("titel", "beskrivelse", "maalgruppe", "ansvarlig", "start", "slut", "status"):
        if f in data:
            setattr(obj, f, data[f])
    if "ansvarlig_team" in data:
        obj.ansvarlig_team = data["ansvarlig_team"]
    if "milepaele" in data:
        obj.milepaele = data["milepaele"]
    if "budget" in data:
        obj.budget = {str(k): str(v) for k, v in data["budget"].items()}
    if "investeringer" in data:
        obj.investeringer = list(data["investeringer"])


def _unique_key(model, version: PlanVersion, titel: str) -> str:
    from django.utils.text import slugify

    base = slugify(titel)[:60] or "del"
    key, n = base, 2
    while model.objects.filter(version=version, noegle=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def indsats_create(
    *, actor, version_id: int, laas: int, fokusomraade_id: int, data: dict
) -> Indsats:
    """Add an action to a focus area of a draft (`laas`: the version's, when the form opened)."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    _kladde(v)
    fokus = Fokusomraade.objects.filter(pk=fokusomraade_id, version=v).first()
    if fokus is None:
        raise ValidationError({"fokusomraade": "Vælg et fokusområde i denne version."})
    obj = Indsats(
        version=v,
        fokusomraade=fokus,
        noegle=_unique_key(Indsats, v, data.get("titel", "")),
        raekkefoelge=fokus.indsatser.count(),
    )
    _indsats_fields(obj, data)
    obj.full_clean()
    obj.save()
    if "tilbud" in data:
        obj.tilbud.set(data["tilbud"])
    v.laas += 1
    v.save(update_fields=["laas", "opdateret"])
    _validate(v)
    return obj


@transaction.atomic
def indsats_update(*, actor, indsats_id: int, laas: int, data: dict) -> Indsats:
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    obj = _locked(
        Indsats,
        indsats_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="version__plan__kommune_kode",
    )
    _kladde(obj.version)
    _indsats_fields(obj, data)
    _bump(obj)
    if "tilbud" in data:
        obj.tilbud.set(data["tilbud"])
    _validate(obj.version)
    return obj


@transaction.atomic
def plan_maal_update(
    *, actor, maal_id: int, laas: int, maaltal: dict[int, float | None], succeskriterie: str
) -> PlanMaal:
    """Change a goal's måltal (one per year of the period) and success criterion in a draft."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    obj = _locked(
        PlanMaal,
        maal_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="version__plan__kommune_kode",
    )
    _kladde(obj.version)
    old = {int(t["aar"]): t for t in obj.maaltal}
    obj.maaltal = [
        {
            "aar": aar,
            "vaerdi": v,
            "kilde": old.get(aar, {}).get("kilde") if old.get(aar, {}).get("vaerdi") == v else None,
        }
        for aar, v in sorted(maaltal.items())
        if v is not None
    ]
    obj.succeskriterie = succeskriterie
    _bump(obj)
    _validate(obj.version)
    return obj


@transaction.atomic
def budgetlinje_update(
    *, actor, linje_id: int, laas: int, post: str, beloeb: dict[int, Decimal | None]
) -> Budgetlinje:
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    obj = _locked(
        Budgetlinje,
        linje_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="version__plan__kommune_kode",
    )
    _kladde(obj.version)
    obj.post = post
    obj.beloeb = {str(a): str(v) for a, v in sorted(beloeb.items()) if v is not None}
    obj.kilde = None  # a changed amount is no longer the printed one
    _bump(obj)
    _validate(obj.version)
    return obj


# ---------------------------------------------------------------------------------------------
# The cycle


@transaction.atomic
def plan_version_send(*, actor, version_id: int, laas: int) -> PlanVersion:
    """Send a draft to the committee: its state and time only. The agenda item is drafted in the
    committee module (`committee.services.punkt_draft_plan`, which accepts only a version sent
    here), and the committee's approving decision approves the version through
    `plan_version_approve`."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    try:
        status = ny_status(Status(v.status), Handling.SEND)
    except PlanError as exc:
        raise _as_validation_error(exc) from None
    _validate(v)
    v.status = status.value
    v.sendt_til_udvalg = timezone.now()
    _bump(v)
    return v


@transaction.atomic
def plan_version_withdraw(*, actor, version_id: int, laas: int) -> PlanVersion:
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    try:
        v.status = ny_status(Status(v.status), Handling.TILBAGEKALD).value
    except PlanError as exc:
        raise _as_validation_error(exc) from None
    v.sendt_til_udvalg = None
    _bump(v)
    return v


@transaction.atomic
def plan_version_approve(
    *,
    actor,
    version_id: int,
    laas: int,
    dato: date,
    organ: str,
    beslutning_tekst: str = "",
    decision=None,
) -> PlanVersion:
    """Record the approval of a version sent to the committee: it is frozen from now on (its
    snapshot is what the document and the diff read), and its måltal become the steps of the
    goals module's goals, so the monthly results measure the approved promise."""
    require_perm(actor, "plans.approve_plan")
    require_kommune(actor)
    v = _version_locked(actor, version_id, laas)
    core = _validate(v)
    text = beslutning_tekst or (str(decision) if decision is not None else "")
    try:
        approved = godkend(core, Godkendelse(dato, organ, text))
    except PlanError as exc:
        raise _as_validation_error(exc) from None
    v.status = approved.status.value
    v.godkendt_dato, v.godkendt_af, v.beslutning_tekst = dato, organ.strip(), text
    if decision is not None:
        v.beslutning_type = ContentType.objects.get_for_model(decision)
        v.beslutning_id = decision.pk
    _freeze(v, approved)
    _bump(v)
    _goals_take_maaltal(v)
    return v


def _goals_take_maaltal(v: PlanVersion) -> None:
    from indsats.web.goals.services import maal_set_trin

    for m in v.maal.filter(type="lokalt", maal__isnull=False).select_related("maal"):
        if m.maal is not None:
            maal_set_trin(maal=m.maal, trin={int(t["aar"]): float(t["vaerdi"]) for t in m.maaltal})


@transaction.atomic
def plan_version_revise(
    *,
    actor,
    version_id: int,
    betegnelse: str,
    foerste_aar: int | None = None,
    sidste_aar: int | None = None,
    core: CoreVersion | None = None,
) -> PlanVersion:
    """A new draft that starts as a copy of an approved version (`core`: a copy already
    changed, e.g. by an evaluation's proposals). A different period makes a new plan."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_for_update(actor, version_id)
    base = core
    if base is None:
        try:
            base = revision(
                plan_version_core_get(version=v),
                betegnelse=betegnelse,
                foerste_aar=foerste_aar,
                sidste_aar=sidste_aar,
            )
        except PlanError as exc:
            raise _as_validation_error(exc) from None
    same = (base.foerste_aar, base.sidste_aar) == (v.plan.foerste_aar, v.plan.sidste_aar)
    return plan_import(actor=actor, core=base, forgaenger=v, plan=v.plan if same else None)


# ---------------------------------------------------------------------------------------------
# Evaluation


def _maanedstal_for(kommune_kode: int, aar: int, register_dir: Path | None):
    """Monthly helårspersoner: the register's if there is one, else the economics rows."""
    if register_dir is not None and Path(register_dir).exists():
        from indsats.plan.evaluation import maanedstal_fra_register

        try:
            return maanedstal_fra_register(register_dir, kommune_kode, aar)
        except Exception:
            return []
    from indsats.web.offers.models import Maanedstal

    return [m.to_core() for m in Maanedstal.objects.filter(kommune_kode=kommune_kode, aar=aar)]


@transaction.atomic
def evaluering_create(
    *, actor, version_id: int, aar: int, i_dag: date, register_dir: Path | None
) -> Evaluering:
    """Evaluate a year of an approved version (or redo it: the analyst's edited texts are kept
    for the items that still exist)."""
    from indsats.plan.evaluation import evaluering_to_dict, maal_serier, plan_evaluation

    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    v = _version_for_update(actor, version_id)
    if v.status != Status.GODKENDT.value:
        raise ValidationError("Kun en godkendt version kan evalueres.")
    core = plan_version_core_get(version=v)
    goals = plan_goal_dict_get(kommune_kode=v.plan.kommune_kode, core=core)
    used = [goals[m.goal_id] for m in core.alle_maal() if m.goal_id in goals]
    serier: dict[str, dict[str, Obs]] = {}
    kilde = "Intet ydelsesregister."
    if register_dir is not None and Path(register_dir).exists():
        serier, kilde = maal_serier(register_dir, v.plan.kommune_kode, used, aar)
    try:
        e = plan_evaluation(
            core,
            aar,
            goals=goals,
            serier=serier,
            maanedstal=_maanedstal_for(v.plan.kommune_kode, aar, register_dir),
            i_dag=i_dag,
            datagrundlag=kilde,
        )
    except PlanError as exc:
        raise _as_validation_error(exc) from None
    obj = Evaluering.objects.filter(version=v, aar=aar).select_for_update().first()
    tekster = e.tekster()
    if obj is None:
        obj = Evaluering(version=v, aar=aar, oprettet_af=actor, tekster=tekster)
    else:
        obj.tekster = {k: obj.tekster.get(k, t) for k, t in tekster.items()}
        obj.laas += 1
    obj.dannet = i_dag
    obj.data = evaluering_to_dict(e)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def evaluering_tekst_update(
    *, actor, evaluering_id: int, laas: int, noegle: str, tekst: str
) -> Evaluering:
    """The analyst's edit of one drafted paragraph."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    obj = _locked(
        Evaluering,
        evaluering_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="version__plan__kommune_kode",
    )
    if noegle not in obj.tekster:
        raise ValidationError({"noegle": "Afsnittet findes ikke i evalueringen."})
    if not tekst.strip():
        raise ValidationError({"tekst": "Teksten må ikke være tom."})
    obj.tekster = {**obj.tekster, noegle: tekst.strip()}
    _bump(obj)
    return obj


@transaction.atomic
def revision_from_evaluering(*, actor, evaluering_id: int, betegnelse: str) -> PlanVersion:
    """Start the next revision from an evaluation: a copy of the evaluated (approved) version
    with the evaluation's proposed action statuses applied."""
    from indsats.plan.model import IndsatsStatus

    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    ev = _for_update(
        Evaluering,
        evaluering_id,
        kommune_kode=actor.kommune_kode,
        plan_path="version__plan__kommune_kode",
    )
    try:
        base = revision(plan_version_core_get(version=ev.version), betegnelse=betegnelse)
    except PlanError as exc:
        raise _as_validation_error(exc) from None
    status = {
        f["emne_id"]: IndsatsStatus(f["ny_status"])
        for f in ev.data.get("forslag", [])
        if f["art"] == "indsats_status" and f.get("ny_status")
    }
    base = replace(
        base,
        fokusomraader=tuple(
            replace(
                f,
                indsatser=tuple(
                    replace(i, status=status[i.id]) if i.id in status else i for i in f.indsatser
                ),
            )
            for f in base.fokusomraader
        ),
    )
    return plan_version_revise(
        actor=actor, version_id=ev.version_id, betegnelse=betegnelse, core=base
    )


# ---------------------------------------------------------------------------------------------
# Årshjul


@transaction.atomic
def aarshjul_create(*, plan: Plan, planaar: int) -> list[Aarshjulstrin]:
    """The default steps for the plan year (idempotent: existing steps are kept)."""
    from indsats.plan.cycle import aarshjul

    out = []
    for t in aarshjul(planaar):
        obj, _ = Aarshjulstrin.objects.get_or_create(
            plan=plan,
            planaar=planaar,
            art=t.art.value,
            defaults={
                "titel": t.titel,
                "frist": t.frist,
                "ansvarlig": t.ansvarlig,
                "krav_id": t.krav_id,
            },
        )
        out.append(obj)
    return out


@transaction.atomic
def aarshjul_udfoert(*, actor, trin_id: int, laas: int, dato: date | None) -> Aarshjulstrin:
    """Mark a step done (or not done, with `dato` None)."""
    require_perm(actor, "plans.edit_plan")
    require_kommune(actor)
    obj = _locked(
        Aarshjulstrin,
        trin_id,
        laas,
        kommune_kode=actor.kommune_kode,
        plan_path="plan__kommune_kode",
    )
    obj.udfoert = dato
    _bump(obj)
    return obj
