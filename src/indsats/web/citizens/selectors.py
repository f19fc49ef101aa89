"""Reads of citizen data. Every function here scopes by the actor and writes audit rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from indsats import rules
from indsats.domain.cpr import Cpr, InvalidCpr
from indsats.domain.numbers import format_share
from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.accounts.permissions import require_perm
from indsats.web.citizens.frister import (
    COMPLIANCE_FIGURES,
    COMPLIANCE_LOOKBACK_DAYS,
    SIX_MONTHS_DAYS,
    frister_key,
    frister_refresh,
    frister_refresh_stale,
    frister_scope,
    obligation_from_json,
)
from indsats.web.citizens.models import (
    Borger,
    Frist,
    KalenderAbonnement,
    Overholdelse,
    Sag,
    Samtale,
    Tidsrum,
)
from indsats.web.citizens.obligations import SagStatus, sag_statuses


def borger_scope(*, actor) -> QuerySet[Borger]:
    """The citizens the actor may see: their municipality, and their team unless a leader."""
    if not actor.is_authenticated or not actor.has_perm("citizens.view_borger"):
        return Borger.objects.none()
    qs = Borger.objects.filter(kommune_kode=actor.kommune_kode)
    if not actor.has_perm("accounts.view_all_teams"):
        qs = qs.filter(team_id=actor.team_id)
    return qs


def borger_list(*, actor, limit: int = 200) -> list[Borger]:
    require_perm(actor, "citizens.view_borger")
    borgere = list(borger_scope(actor=actor).select_related("team", "sagsbehandler")[:limit])
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.LIST)
    return borgere


def borger_search(*, actor, query: str, limit: int = 50) -> list[Borger]:
    """Search by name or by full CPR. The query arrives by POST, never in a URL."""
    require_perm(actor, "citizens.view_borger")
    query = query.strip()
    qs = borger_scope(actor=actor)
    try:
        qs = qs.filter(cpr=Cpr.parse(query).digits)
    except InvalidCpr:
        for word in query.split():
            qs = qs.filter(Q(fornavn__icontains=word) | Q(efternavn__icontains=word))
    borgere = list(qs.select_related("team", "sagsbehandler")[:limit])
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.SEARCH)
    return borgere


def borger_get(*, actor, borger_id) -> Borger:
    try:
        borger = borger_scope(actor=actor).select_related("team", "sagsbehandler").get(pk=borger_id)
    except (Borger.DoesNotExist, ValueError):
        raise Http404("Borgeren findes ikke, eller du har ikke adgang.") from None
    audit_reads(actor=actor, objects=[borger], purpose=ReadPurpose.DETAIL)
    return borger


@dataclass(frozen=True)
class CprLookup:
    """Whether the actor's municipality already has a citizen with a CPR, and the citizen if
    the actor may see them. Other municipalities are never searched."""

    exists_in_kommune: bool
    borger: Borger | None


def borger_cpr_lookup(*, actor, cpr: str) -> CprLookup:
    """Before creating a citizen: is the CPR already known in the actor's municipality? A hit
    is a read of that citizen, audited whether or not the actor may see them."""
    require_perm(actor, "citizens.add_borger")
    found = Borger.objects.filter(kommune_kode=actor.kommune_kode, cpr=Cpr.parse(cpr).digits)
    hit = found.first()
    if hit is None:
        return CprLookup(exists_in_kommune=False, borger=None)
    audit_reads(actor=actor, objects=[hit], purpose=ReadPurpose.CPR_LOOKUP)
    visible = borger_scope(actor=actor).filter(pk=hit.pk).exists()
    return CprLookup(exists_in_kommune=True, borger=hit if visible else None)


def borger_export(*, actor) -> list[Borger]:
    """All citizens in the actor's scope, for a CSV export. Audited as an export."""
    require_perm(actor, "citizens.view_borger")
    borgere = list(borger_scope(actor=actor).select_related("team", "sagsbehandler"))
    audit_reads(actor=actor, objects=borgere, purpose=ReadPurpose.EXPORT)
    return borgere


# --------------------------------------------------------------------------- the caseworker's day


WORKLIST_HORIZON_DAYS = 14


def _sager_for_display():
    """Cases with everything the citizen overview shows."""
    return Sag.objects.select_related("borger", "sagsbehandler", "team").prefetch_related(
        "samtaler", "tilbud", "fritagelser"
    )


def sag_scope(*, actor):
    return Sag.objects.filter(borger__in=borger_scope(actor=actor))


def sag_get(*, actor, sag_id) -> Sag:
    try:
        sag = _sager_for_display().filter(borger__in=borger_scope(actor=actor)).get(pk=sag_id)
    except (Sag.DoesNotExist, ValueError):
        raise Http404("Sagen findes ikke, eller du har ikke adgang.") from None
    audit_reads(actor=actor, objects=[sag.borger], purpose=ReadPurpose.DETAIL)
    return sag


@dataclass
class BorgerOverblik:
    borger: Borger
    sager: list[SagStatus]
    plan: object | None
    progression: list
    tidslinje: list = field(default_factory=list)
    journal: list[Samtale] = field(default_factory=list)


def borger_overview_get(*, actor, borger_id, as_of: date) -> BorgerOverblik:
    """Everything on one screen: cases with their obligations, samtaler, offers, plan, progression."""
    borger = borger_get(actor=actor, borger_id=borger_id)  # audited
    sager = list(_sager_for_display().filter(borger=borger))
    plan = getattr(borger, "plan", None) if hasattr(borger, "plan") else None
    return BorgerOverblik(
        borger=borger,
        sager=sag_statuses(sager, as_of=as_of),
        plan=plan,
        progression=list(borger.progression.all()),
        journal=journal_list(borger=borger),
    )


def journal_list(*, borger: Borger) -> list[Samtale]:
    """The citizen's journal: every samtale with a note or a next step, across all cases,
    newest first, with its author. The caller has read (and audited) the citizen."""
    return list(
        Samtale.objects.filter(sag__borger=borger)
        .exclude(journalnotat="", naeste_skridt="")
        .select_related("registreret_af", "sag")
        .order_by("-tidspunkt", "-pk")
    )


@dataclass(frozen=True)
class WorklistItem:
    borger: Borger
    sag: Sag
    obligation: rules.Obligation

    @property
    def overdue(self) -> bool:
        return self.obligation.state == "overdue"


@dataclass
class Worklist:
    items: list[WorklistItem]
    errors: list[SagStatus]
    as_of: date
    horizon: date

    @property
    def overdue(self) -> list[WorklistItem]:
        return [i for i in self.items if i.overdue]

    @property
    def due(self) -> list[WorklistItem]:
        return [i for i in self.items if not i.overdue]


def _open_sager_of(actor, as_of: date):
    return (
        Sag.objects.select_related("borger")
        .filter(sagsbehandler=actor, borger__in=borger_scope(actor=actor))
        .exclude(slut__lt=as_of)
    )


_WORKLIST_FIELDS = (
    "sag",
    "obligation",
    "sag__ydelse",
    "sag__borger",
    "sag__borger__fornavn",
    "sag__borger__efternavn",
    "sag__borger__kommune_kode",
)


def worklist_get(*, actor, as_of: date, horizon_days: int = WORKLIST_HORIZON_DAYS) -> Worklist:
    """Personal duties of the actor's open cases that are overdue or due within the horizon.

    Read from the stored deadlines (citizens/frister.py): the actor's cases whose deadlines are
    not computed for today's key (the first look of the day, or changed since) are computed
    first; then the items are one indexed query.
    """
    require_perm(actor, "citizens.view_borger")
    horizon = as_of + timedelta(days=horizon_days)
    key = frister_key(as_of)
    open_sager = _open_sager_of(actor, as_of)

    def case_keys():
        return list(open_sager.values_list("pk", "frister_noegle", "frister_fejl"))

    cases = case_keys()
    stale = [pk for pk, noegle, _ in cases if noegle != key]
    if stale:
        frister_refresh(sag_ids=stale, as_of=as_of)
        cases = case_keys()
    frister = (
        Frist.objects.filter(sag_id__in=[pk for pk, _, _ in cases])
        .filter(Q(state="overdue") | Q(due_by__lte=horizon))
        .select_related("sag__borger")
        # What the page and the audit rows read; the rest of a case and a citizen stays in
        # the database (it is loaded per request by every caseworker).
        .only(*_WORKLIST_FIELDS)
        .order_by(F("due_by").asc(nulls_last=True), "sag__borger__efternavn", "id")
    )
    items = [WorklistItem(f.sag.borger, f.sag, obligation_from_json(f.obligation)) for f in frister]
    failed = [pk for pk, _, fejl in cases if fejl]
    errors = (
        [SagStatus(sag, [], error=sag.frister_fejl) for sag in open_sager.filter(pk__in=failed)]
        if failed
        else []
    )
    shown = {i.borger.pk: i.borger for i in items}
    audit_reads(actor=actor, objects=list(shown.values()), purpose=ReadPurpose.WORKLIST)
    return Worklist(items=items, errors=errors, as_of=as_of, horizon=horizon)


@dataclass(frozen=True)
class WorklistCounts:
    overdue: int
    due: int
    errors: int
    horizon: date
    cases: int  # the actor's open cases


def worklist_counts_get(
    *, actor, as_of: date, horizon_days: int = WORKLIST_HORIZON_DAYS
) -> WorklistCounts:
    """How many of the actor's duties are overdue and due within the horizon, for the start
    page: the same stored deadlines as `worklist_get` (stale cases computed first), counted in
    one indexed query; no citizen is shown, so nothing is read on anyone's behalf."""
    require_perm(actor, "citizens.view_borger")
    horizon = as_of + timedelta(days=horizon_days)
    key = frister_key(as_of)
    open_sager = _open_sager_of(actor, as_of)
    cases = list(open_sager.values_list("pk", "frister_noegle", "frister_fejl"))
    stale = [pk for pk, noegle, _ in cases if noegle != key]
    if stale:
        frister_refresh(sag_ids=stale, as_of=as_of)
        cases = list(open_sager.values_list("pk", "frister_noegle", "frister_fejl"))
    counts = Frist.objects.filter(sag_id__in=[pk for pk, _, _ in cases]).aggregate(
        overdue=Count("pk", filter=Q(state="overdue")),
        due=Count("pk", filter=~Q(state="overdue") & Q(due_by__lte=horizon)),
    )
    return WorklistCounts(
        overdue=counts["overdue"],
        due=counts["due"],
        errors=sum(1 for _, _, fejl in cases if fejl),
        horizon=horizon,
        cases=len(cases),
    )


# --------------------------------------------------------------------------- the team leader

ALL_TEAMS = "alle"


@dataclass
class CaseworkerLoad:
    """One caseworker's open cases: the citizens, and the overdue duties on their worklist."""

    navn: str
    team: str = ""
    borgere: int = 0
    overskredne: int = 0
    sagsbehandler_id: int | None = None  # None: the cases without a caseworker


@dataclass
class Compliance:
    """Among cases whose first 6 months ended in the window: how many had every required
    samtale (or tilbud) of the first 6 months held in time. `target_share` is the
    municipality's target (75 % from 2026-07-01, `kontaktforloeb.maalsaetning`) for the groups
    where the duty became a target; None means a duty in every case."""

    kind: str  # samtale | tilbud
    holder: str = "jobcenter"  # jobcenter | akasse (the a-kasse's, shown apart)
    cases: int = 0
    met: int = 0
    target_share: Decimal | None = None

    @property
    def share(self) -> float | None:
        return self.met / self.cases if self.cases else None

    @property
    def label(self) -> str:
        if self.holder == "akasse":
            return "A-kassens samtaler"
        return "Samtaler" if self.kind == "samtale" else "Tilbud"

    @property
    def share_text(self) -> str:
        return format_share(Decimal(self.met) / self.cases if self.cases else None)

    @property
    def target_text(self) -> str:
        if self.target_share is None:
            return "Alle sager"
        return f"mindst {format_share(self.target_share, decimals=0)}"

    @property
    def reached(self) -> bool | None:
        if self.target_share is None:
            return None if not self.cases else self.met == self.cases
        return None if not self.cases else Decimal(self.met) / self.cases >= self.target_share


@dataclass
class TeamOverview:
    team: object | None  # None: all teams of the municipality
    teams: list  # the teams the actor may pick (a leader: every team of the municipality)
    caseload: list[CaseworkerLoad]
    compliance: list[Compliance]  # personal duties: every case
    targets: list[Compliance]  # municipal targets (empty before 2026-07-01)
    target_note: str
    errors: int  # open cases the rules cannot compute (they are on no one's worklist)
    as_of: date
    window_from: date

    @property
    def all_teams(self) -> bool:
        return self.team is None


def team_choice_list(*, actor) -> list:
    from indsats.web.accounts.models import Team

    if not actor.has_perm("accounts.view_all_teams"):
        return [actor.team] if actor.team else []
    return list(Team.objects.filter(kommune_kode=actor.kommune_kode).order_by("navn"))


def _team_scope(*, actor, team):
    """The cases of the team's citizens (all teams: of the municipality) the actor may see."""
    borgere = borger_scope(actor=actor)
    if team is not None:  # one subquery on the citizens: the team's index, not every citizen
        borgere = borgere.filter(team=team)
    return Sag.objects.filter(borger__in=borgere)


def team_overview_get(
    *, actor, as_of: date, team=None, window_days: int = SIX_MONTHS_DAYS
) -> TeamOverview:
    """Case load per caseworker and the compliance in the first 6 months, for one team or (a
    leader) for all teams of the municipality (`team=ALL_TEAMS`).

    Both parts are grouped counts over what the rules stored with each case's deadlines for
    the day (citizens/frister.py; the cases not computed for today are computed first, in
    columns from 150 cases): the overdue duties that the caseworkers' worklists show, and each
    case's part in the compliance (`Overholdelse`). Aggregates only: no citizen is listed, so
    no read rows.
    """
    if not actor.has_perm("citizens.view_team_overview"):
        raise PermissionDenied
    if team == ALL_TEAMS:
        if not actor.has_perm("accounts.view_all_teams"):
            raise PermissionDenied
        team = None
    else:
        team = team or actor.team
        if team is None and actor.has_perm("accounts.view_all_teams"):
            pass  # no team of one's own (an administrator): every team, as the choice says
        elif (
            team is None
            or team.kommune_kode != actor.kommune_kode
            or (team != actor.team and not actor.has_perm("accounts.view_all_teams"))
        ):
            raise PermissionDenied
    sager = _team_scope(actor=actor, team=team)
    window_from = as_of - timedelta(days=window_days)
    frister_refresh_stale(
        sager=frister_scope(sager, as_of=as_of, window_days=window_days), as_of=as_of
    )
    caseload, errors = _caseload(sager=sager, as_of=as_of, all_teams=team is None)
    compliance, targets, note = _compliance(sager=sager, as_of=as_of, window_from=window_from)
    return TeamOverview(
        team=team,
        teams=team_choice_list(actor=actor),
        caseload=caseload,
        compliance=compliance,
        targets=targets,
        target_note=note,
        errors=errors,
        as_of=as_of,
        window_from=window_from,
    )


def _caseload(*, sager, as_of: date, all_teams: bool) -> tuple[list[CaseworkerLoad], int]:
    """Per caseworker: the citizens with an open case, and the overdue deadlines stored with
    the cases (`Sag.frister_overskredne`: what their worklists show); and the open cases the
    rules cannot compute. One grouped query."""
    from indsats.web.accounts.models import User

    per_caseworker = list(
        sager.exclude(slut__lt=as_of)
        .values("sagsbehandler")
        .annotate(
            n=Count("borger_id", distinct=True),
            overdue=Sum("frister_overskredne"),
            errors=Count("pk", filter=~Q(frister_fejl="")),
        )
        .values_list("sagsbehandler", "n", "overdue", "errors")
    )
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=[pk for pk, *_ in per_caseworker if pk is not None]
        ).select_related("team")
    }
    rows = []
    for pk, n, overdue, _ in per_caseworker:
        user = users.get(pk)
        rows.append(
            CaseworkerLoad(
                navn=(user.get_full_name() or user.username) if user else "Uden sagsbehandler",
                team=str(user.team) if user and user.team and all_teams else "",
                borgere=n,
                overskredne=overdue or 0,
                sagsbehandler_id=pk,
            )
        )
    rows.sort(key=lambda r: (r.sagsbehandler_id is None, r.team, r.navn))
    return rows, sum(errors for *_, errors in per_caseworker)


def _compliance(
    *, sager, as_of: date, window_from: date
) -> tuple[list[Compliance], list[Compliance], str]:
    """Duties in every case and municipal targets of the first 6 months: the stored
    `Overholdelse` rows whose day lies in the window, counted in one grouped query."""
    from indsats.rules.maalsaetning import maalopfyldelse

    # The cases whose first 6 months can end in the window (`frister_scope`): computed for today.
    recent = sager.filter(
        foerste_henvendelse__gte=window_from - timedelta(days=COMPLIANCE_LOOKBACK_DAYS)
    )
    counts = {
        (maal, pligt): (n, met)
        for maal, pligt, n, met in Overholdelse.objects.filter(
            sag__in=recent, dato__gte=window_from, dato__lte=as_of
        )
        .values_list("maal", "pligt")
        .annotate(n=Count("pk"), met=Count("pk", filter=Q(opfyldt=True)))
        .values_list("maal", "pligt", "n", "met")
    }
    compliance = [
        Compliance(k, h, *counts.get((figure, True), (0, 0)))
        for (k, h), figure in COMPLIANCE_FIGURES.items()
    ]
    try:  # the target shares and how they are counted, on this day
        figures = maalopfyldelse([], as_of, periode=(window_from, as_of))
    except ValueError:  # no municipal targets on this day (before 2026-07-01)
        return compliance, [], ""
    targets = [
        Compliance(
            k,
            h,
            *counts.get((figure, False), (0, 0)),
            target_share=Decimal(str(figures[figure]["maalsaetning"])),
        )
        for (k, h), figure in COMPLIANCE_FIGURES.items()
    ]
    return compliance, targets, figures["opgoerelse"]["text_da"]


# --------------------------------------------------------------------------- slots and booking


def tidsrum_list(*, actor, from_day: date) -> list[Tidsrum]:
    """The actor's slots from `from_day`. Each carries `booket_af_borger`: the citizen who
    booked it if the actor may see them (audited), else None (the page says only "booked")."""
    slots = list(
        Tidsrum.objects.filter(sagsbehandler=actor, start__date__gte=from_day).select_related(
            "samtale__sag__borger"
        )
    )
    booked = {s.samtale.sag.borger_id for s in slots if hasattr(s, "samtale")}
    visible = {b.pk: b for b in borger_scope(actor=actor).filter(pk__in=booked)}
    for slot in slots:
        held = getattr(slot, "samtale", None)
        # an attribute for the template only, not a model field
        slot.booket_af_borger = visible.get(held.sag.borger_id) if held else None  # type: ignore[attr-defined]
    audit_reads(actor=actor, objects=list(visible.values()), purpose=ReadPurpose.SLOTS)
    return slots


def tidsrum_booking_list(*, sag: Sag, window_from: date, window_to: date) -> tuple[list, set[int]]:
    """The slots of the case's caseworker (or team) inside the due window: the free ones, and
    the ids of those that hold a samtale (no names: only to answer "taken"). One query, so
    that a slot booked meanwhile is in exactly one of the two."""
    qs = Tidsrum.objects.filter(start__date__gte=window_from, start__date__lte=window_to)
    if sag.sagsbehandler_id:
        qs = qs.filter(sagsbehandler_id=sag.sagsbehandler_id)
    else:
        qs = qs.filter(sagsbehandler__team_id=sag.team_id)
    slots = list(
        qs.annotate(taken=Exists(Samtale.objects.filter(tidsrum=OuterRef("pk")))).order_by("start")
    )
    return [s for s in slots if not s.taken], {s.pk for s in slots if s.taken}


def booking_get(*, sag: Sag):
    return (
        Samtale.objects.filter(sag=sag, status=Samtale.Status.PLANLAGT, tidsrum__isnull=False)
        .select_related("tidsrum")
        .order_by("tidspunkt")
        .first()
    )


def samtale_get(*, sag: Sag, samtale_id) -> Samtale | None:
    """A samtale of this case by id (whatever its status), or None."""
    if not samtale_id:
        return None
    try:
        return Samtale.objects.get(pk=int(samtale_id), sag=sag)
    except (Samtale.DoesNotExist, ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- the calendar

SAMTALE_MINUTES = 45  # the length of a samtale that was not booked into a slot


def kalender_list(*, actor, fra: date, til: date) -> list[Samtale]:
    """The actor's samtaler from `fra` to `til` (both included): the jobcenter's planned, held
    or missed samtaler on the actor's cases, in the actor's slots, or recorded by the actor,
    whoever booked them; cancelled ones are left out. Audited: one read per citizen shown."""
    require_perm(actor, "citizens.view_borger")
    tz = timezone.get_current_timezone()
    start = datetime.combine(fra, time.min, tzinfo=tz)
    end = datetime.combine(til + timedelta(days=1), time.min, tzinfo=tz)
    samtaler = list(
        Samtale.objects.filter(
            sag__borger__in=borger_scope(actor=actor),
            tidspunkt__gte=start,
            tidspunkt__lt=end,
            afholdt_af=Samtale.Holder.JOBCENTER,
        )
        .exclude(status=Samtale.Status.AFLYST)
        .filter(
            Q(sag__sagsbehandler=actor) | Q(tidsrum__sagsbehandler=actor) | Q(registreret_af=actor)
        )
        .select_related("sag__borger", "tidsrum")
        .order_by("tidspunkt", "pk")
    )
    borgere = {s.sag.borger_id: s.sag.borger for s in samtaler}
    audit_reads(actor=actor, objects=list(borgere.values()), purpose=ReadPurpose.CALENDAR)
    return samtaler


def samtale_slut_get(samtale: Samtale) -> datetime:
    """When a samtale ends: its slot's end, or SAMTALE_MINUTES after it starts."""
    if samtale.tidsrum is not None:
        return samtale.tidsrum.slut
    return samtale.tidspunkt + timedelta(minutes=SAMTALE_MINUTES)


def kalender_abonnement_get(*, noegle: str):
    """The subscription a feed link's secret names, or None (unknown or revoked)."""
    digest = hashlib.sha256(noegle.encode()).hexdigest()
    return KalenderAbonnement.objects.select_related("bruger").filter(noegle_hash=digest).first()


def kalender_abonnement_by_user_get(*, actor):
    return KalenderAbonnement.objects.filter(bruger=actor).first()
