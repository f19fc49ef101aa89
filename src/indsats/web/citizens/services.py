"""Writes of citizen data. Each service checks the actor may touch the citizen, validates, and
saves in one transaction; django-auditlog records every change."""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from indsats.domain.cpr import Cpr
from indsats.web.accounts.audit import ReadPurpose, audit_reads
from indsats.web.accounts.models import Team
from indsats.web.accounts.permissions import require_perm
from indsats.web.citizens import emails
from indsats.web.citizens.models import (
    Borger,
    Delmaal,
    Fritagelse,
    Jobmaal,
    KalenderAbonnement,
    Plan,
    Progressionsmaaling,
    Sag,
    Samtale,
    Tidsrum,
    TilbudsForloeb,
)
from indsats.web.citizens.obligations import tilbud_counts_for_ret_og_pligt
from indsats.web.citizens.selectors import borger_scope
from indsats.web.core.locking import ConcurrentEdit, locked_for_update

BOOKING_SALT = "indsats.booking"
BOOKING_MAX_AGE = 60 * 60 * 24 * 60  # a booking link works for 60 days


class SlotTaken(Exception):
    """The slot was booked by someone else first."""


def _check_access(actor, borger: Borger) -> None:
    if (
        not actor.has_perm("citizens.change_borger")
        or not borger_scope(actor=actor).filter(pk=borger.pk).exists()
    ):
        raise PermissionDenied


def _locked_for_update(model, pk, expected_version: int):
    """Lock the row and check nobody saved it since `expected_version` was read."""
    return locked_for_update(model, pk, expected_version)


def _check_maalgruppe(sag: Sag) -> None:
    """The benefit, visitation, age and education must give one LAB § 6 target group."""
    from indsats.domain.maalgrupper import NoMaalgruppe, Visitation, maalgruppe_for
    from indsats.domain.ydelser import Ydelse

    if not sag.ydelse or not sag.foerste_henvendelse:
        return  # full_clean reports the missing fields
    borger = sag.borger
    under_30 = (
        borger.cpr_value.age_on(sag.foerste_henvendelse) < 30 and not borger.har_erhvervsuddannelse
    )
    try:
        maalgruppe_for(
            Ydelse(sag.ydelse),
            sag.foerste_henvendelse,
            visitation=Visitation(sag.visitation) if sag.visitation else None,
            under_30_uden_uddannelse=under_30,
        )
    except NoMaalgruppe:
        raise ValidationError(
            {
                "visitation": (
                    "Ydelse og visitation passer ikke til en målgruppe på datoen"
                    + (
                        " (borgeren er under 30 år uden erhvervskompetencegivende uddannelse: vælg "
                        "uddannelsesparat eller aktivitetsparat)"
                        if under_30
                        else ""
                    )
                    + "."
                )
            }
        ) from None


def _save_bumped(obj) -> None:
    obj.version += 1
    obj.full_clean()
    obj.save()


# --------------------------------------------------------------------------- citizens and cases


@transaction.atomic
def borger_create(
    *,
    actor,
    cpr: str,
    fornavn: str,
    efternavn: str,
    team: Team | None = None,
    sagsbehandler=None,
    **extra,
) -> Borger:
    require_perm(actor, "citizens.add_borger")
    team = team or actor.team
    if team is None or team.kommune_kode != actor.kommune_kode:
        raise PermissionDenied("Borgeren skal oprettes i et team i din egen kommune.")
    borger = Borger(
        cpr=Cpr.parse(cpr).digits,
        fornavn=fornavn,
        efternavn=efternavn,
        kommune_kode=actor.kommune_kode,
        team=team,
        sagsbehandler=sagsbehandler,
        **extra,
    )
    borger.full_clean(validate_constraints=False)  # uniqueness: the database decides, below
    try:
        with transaction.atomic():
            borger.save()
    except IntegrityError:  # created meanwhile by someone else (borger_cpr_per_kommune)
        raise ValidationError(
            {"cpr": "Der findes allerede en borger med dette CPR-nummer i kommunen."}
        ) from None
    return borger


@transaction.atomic
def sag_create(*, actor, borger: Borger, **fields) -> Sag:
    _check_access(actor, borger)
    fields.setdefault("team", borger.team)
    fields.setdefault("sagsbehandler", borger.sagsbehandler or actor)
    sag = Sag(borger=borger, **fields)
    sag.full_clean()
    _check_maalgruppe(sag)
    sag.save()
    return sag


@transaction.atomic
def sag_update(*, actor, sag_id, version: int, **fields) -> Sag:
    sag = _locked_for_update(Sag, sag_id, version)
    _check_access(actor, sag.borger)
    for name, value in fields.items():
        setattr(sag, name, value)
    _check_maalgruppe(sag)
    _save_bumped(sag)
    return sag


@transaction.atomic
def fritagelse_create(
    *, actor, sag: Sag, aarsag: str, fra: date, til: date | None, note: str = ""
) -> Fritagelse:
    _check_access(actor, sag.borger)
    fritagelse = Fritagelse(sag=sag, aarsag=aarsag, fra=fra, til=til, note=note)
    fritagelse.full_clean()
    fritagelse.save()
    return fritagelse


# --------------------------------------------------------------------------- samtaler and offers


@transaction.atomic
def samtale_record(*, actor, sag: Sag, tidspunkt: datetime, **fields) -> Samtale:
    """Record a held samtale. A samtale in the future cannot be marked held."""
    _check_access(actor, sag.borger)
    if tidspunkt > timezone.now():
        raise ValidationError(
            {"tidspunkt": "En samtale i fremtiden kan ikke registreres som afholdt."}
        )
    samtale = Samtale(
        sag=sag, tidspunkt=tidspunkt, status=Samtale.Status.AFHOLDT, registreret_af=actor, **fields
    )
    samtale.full_clean()
    samtale.save()
    return samtale


@transaction.atomic
def samtale_mark_held(*, actor, samtale_id, version: int, **fields) -> Samtale:
    """Turn a planned (perhaps self-booked) samtale into a held one. A samtale someone else
    recorded (or changed) since `version` was read is refused, never recorded twice."""
    samtale = _locked_for_update(Samtale, samtale_id, version)
    if samtale.status != Samtale.Status.PLANLAGT:
        raise ConcurrentEdit(samtale)
    _check_access(actor, samtale.sag.borger)
    if samtale.tidspunkt > timezone.now():
        raise ValidationError(
            {"tidspunkt": "En samtale i fremtiden kan ikke registreres som afholdt."}
        )
    for name, value in fields.items():
        setattr(samtale, name, value)
    samtale.status = Samtale.Status.AFHOLDT
    samtale.registreret_af = actor
    _save_bumped(samtale)
    return samtale


@transaction.atomic
def tilbud_create(
    *, actor, sag: Sag, tilbudstype: str, start: date, slut: date, **fields
) -> TilbudsForloeb:
    _check_access(actor, sag.borger)
    tilbud = TilbudsForloeb(
        sag=sag,
        tilbudstype=tilbudstype,
        start=start,
        slut=slut,
        taeller_ret_og_pligt=tilbud_counts_for_ret_og_pligt(tilbudstype, start),
        **fields,
    )
    tilbud.full_clean()
    tilbud.save()
    return tilbud


# --------------------------------------------------------------------------- plan and progression


def _plan_locked(borger: Borger) -> Plan | None:
    """The citizen's plan, locked; the citizen row is locked first, so that two first saves of
    a plan take turns instead of racing to create it."""
    Borger.objects.select_for_update().only("pk").get(pk=borger.pk)
    return Plan.objects.select_for_update().filter(borger=borger).first()


def _plan_get_or_create_locked(borger: Borger) -> Plan:
    return _plan_locked(borger) or Plan.objects.create(borger=borger)


@transaction.atomic
def plan_update(*, actor, borger: Borger, maal: str, version: int | None) -> Plan:
    """Save the plan's goal. `version` is the version the user's form showed; None means the
    user saw no plan, which is refused if someone has written a goal since."""
    _check_access(actor, borger)
    plan = _plan_locked(borger)
    if plan is None:
        plan = Plan(borger=borger)
    elif (version is None and plan.maal) or (version is not None and version != plan.version):
        raise ConcurrentEdit(plan)
    plan.maal = maal
    _save_bumped(plan)
    return plan


@transaction.atomic
def delmaal_create(
    *, actor, borger: Borger, tekst: str, frist: date | None, opfoelgning: date | None
) -> Delmaal:
    _check_access(actor, borger)
    plan = _plan_get_or_create_locked(borger)
    delmaal = Delmaal(plan=plan, tekst=tekst, frist=frist, opfoelgning=opfoelgning)
    delmaal.full_clean()
    delmaal.save()
    _save_bumped(plan)  # the plan's version covers its sub-goals and job targets
    return delmaal


@transaction.atomic
def jobmaal_create(
    *, actor, borger: Borger, kategori: str, stilling: str, branche: str = ""
) -> Jobmaal:
    _check_access(actor, borger)
    plan = _plan_get_or_create_locked(borger)
    jobmaal = Jobmaal(plan=plan, kategori=kategori, stilling=stilling, branche=branche)
    jobmaal.full_clean()
    jobmaal.save()
    _save_bumped(plan)
    return jobmaal


def _plan_checked(borger: Borger, version: int) -> Plan:
    """The citizen's plan, locked, as the user saw it (`version`), or ConcurrentEdit."""
    plan = _plan_locked(borger)
    if plan is None:
        raise ValidationError("Borgeren har ingen plan.")
    if plan.version != version:
        raise ConcurrentEdit(plan)
    return plan


@transaction.atomic
def delmaal_set_status(
    *, actor, borger: Borger, delmaal_id: int, status: str, version: int
) -> Delmaal:
    """Mark a sub-goal as reached (or given up, or open again). `version` is the plan's version
    the user's page showed: a plan changed since is refused, as every edit of it."""
    _check_access(actor, borger)
    plan = _plan_checked(borger, version)
    delmaal = plan.delmaal.filter(pk=delmaal_id).first()
    if delmaal is None:
        raise ValidationError("Delmålet findes ikke længere i planen.")
    delmaal.status = status
    delmaal.full_clean()
    delmaal.save()
    _save_bumped(plan)
    return delmaal


@transaction.atomic
def jobmaal_delete(*, actor, borger: Borger, jobmaal_id: int, version: int) -> None:
    """Remove a job target from the plan (the change log keeps what it was)."""
    _check_access(actor, borger)
    plan = _plan_checked(borger, version)
    jobmaal = plan.jobmaal.filter(pk=jobmaal_id).first()
    if jobmaal is None:
        raise ValidationError("Jobmålet er allerede fjernet fra planen.")
    jobmaal.delete()
    _save_bumped(plan)


@transaction.atomic
def progression_record(*, actor, borger: Borger, dato: date, **scores) -> Progressionsmaaling:
    _check_access(actor, borger)
    if dato > timezone.localdate():
        raise ValidationError({"dato": "En måling kan ikke dateres i fremtiden."})
    maaling = Progressionsmaaling(borger=borger, dato=dato, **scores)
    maaling.full_clean()
    maaling.save()
    return maaling


# --------------------------------------------------------------------------- slots and booking


@transaction.atomic
def tidsrum_publish(
    *, actor, start: datetime, slut: datetime, form: str, sted: str = ""
) -> Tidsrum:
    require_perm(actor, "citizens.change_borger")
    if start <= timezone.now():
        raise ValidationError({"start": "En ledig tid skal ligge i fremtiden."})
    tidsrum = Tidsrum(sagsbehandler=actor, start=start, slut=slut, form=form, sted=sted)
    tidsrum.full_clean()
    tidsrum.save()
    return tidsrum


MAX_SERIES_SLOTS = 300


@dataclass(frozen=True)
class TidsrumSerie:
    oprettet: list[Tidsrum]
    sprunget_over: int  # in the past, or overlapping one of the caseworker's slots


@transaction.atomic
def tidsrum_series_create(
    *,
    actor,
    fra_dato: date,
    til_dato: date | None,
    ugedage: list[int],
    fra: time,
    til: time,
    minutter: int,
    form: str,
    sted: str = "",
) -> TidsrumSerie:
    """Publish slots on each chosen weekday from `fra_dato` to `til_dato`, back to back from
    `fra` to `til`, each `minutter` long (a last piece shorter than that is not made). Times in
    the past and times overlapping one of the actor's slots are skipped and counted; all or
    nothing is saved."""
    require_perm(actor, "citizens.change_borger")
    til_dato = til_dato or fra_dato
    if minutter <= 0 or til <= fra or til_dato < fra_dato or not ugedage:
        raise ValidationError("Serien giver ingen tider: tjek datoer, klokkeslæt og ugedage.")
    # One series at a time per caseworker, so two never lay overlapping slots.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    tz = timezone.get_current_timezone()
    now = timezone.now()
    wanted: list[tuple[datetime, datetime]] = []
    day = fra_dato
    while day <= til_dato:
        if day.weekday() in ugedage:
            start = datetime.combine(day, fra, tzinfo=tz)
            end_of_day = datetime.combine(day, til, tzinfo=tz)
            while start + timedelta(minutes=minutter) <= end_of_day:
                wanted.append((start, start + timedelta(minutes=minutter)))
                start += timedelta(minutes=minutter)
        day += timedelta(days=1)
    if len(wanted) > MAX_SERIES_SLOTS:
        raise ValidationError(
            f"Serien giver {len(wanted)} tider; læg højst {MAX_SERIES_SLOTS} ud ad gangen."
        )
    if not wanted:
        raise ValidationError(
            {"til": "Der er ikke plads til en hel tid mellem fra og til på de valgte dage."}
        )
    existing = list(
        Tidsrum.objects.select_for_update()
        .filter(sagsbehandler=actor, start__lt=wanted[-1][1], slut__gt=wanted[0][0])
        .values_list("start", "slut")
    )
    made, skipped = [], 0
    for start, slut in wanted:
        if start <= now or any(s < slut and start < e for s, e in existing):
            skipped += 1
            continue
        tidsrum = Tidsrum(sagsbehandler=actor, start=start, slut=slut, form=form, sted=sted)
        tidsrum.full_clean()
        made.append(tidsrum)
    for tidsrum in made:
        tidsrum.save()  # one by one, so that the audit trail has each
    return TidsrumSerie(oprettet=made, sprunget_over=skipped)


@transaction.atomic
def tidsrum_cancel(*, actor, tidsrum_id: int) -> Samtale | None:
    """Withdraw one of the actor's future slots. A samtale booked into it is cancelled (status
    "aflyst", kept on the case) and returned, so that the citizen can be told."""
    require_perm(actor, "citizens.change_borger")
    try:
        slot = Tidsrum.objects.select_for_update().get(pk=tidsrum_id, sagsbehandler=actor)
    except (Tidsrum.DoesNotExist, ValueError):
        raise ValidationError("Tiden findes ikke, eller den er ikke din.") from None
    if slot.start <= timezone.now():
        raise ValidationError("En tid, der er begyndt eller forbi, kan ikke aflyses.")
    samtale = (
        Samtale.objects.select_for_update(of=("self",))
        .select_related("sag__borger", "sag__sagsbehandler")
        .filter(tidsrum=slot)
        .first()
    )
    if samtale is not None and samtale.status == Samtale.Status.PLANLAGT:
        samtale.status = Samtale.Status.AFLYST
        samtale.tidsrum = None
        _save_bumped(samtale)
    else:
        samtale = None
    slot.delete()
    return samtale


def booking_token(*, sag: Sag) -> str:
    """A signed token naming the case; no CPR, no name. Valid for BOOKING_MAX_AGE."""
    return signing.dumps({"sag": str(sag.pk)}, salt=BOOKING_SALT, compress=True)


def booking_sag(*, token: str) -> Sag:
    """The case a booking token names. Raises signing.BadSignature for a bad or old link."""
    data = signing.loads(token, salt=BOOKING_SALT, max_age=BOOKING_MAX_AGE)
    try:
        return Sag.objects.select_related("borger", "sagsbehandler").get(
            pk=data["sag"], slut__isnull=True
        )
    except (Sag.DoesNotExist, KeyError, ValueError):
        raise signing.BadSignature("the case is closed or gone") from None


PLANLAGT = Samtale.Status.PLANLAGT


def booking_book(*, sag: Sag, tidsrum_id: int, window: tuple[date, date]) -> Samtale:
    """Book (or rebook) the citizen's samtale into a free slot inside the due window.

    Two bookings of one slot are impossible: the slot row is locked while it is checked, and
    `Samtale.tidsrum` is unique in the database, so a concurrent second booking fails. One
    citizen holding two slots is impossible too: the case row is locked first, so parallel posts
    of one link take turns (each later one rebooks), and the database allows one self-booked
    planned samtale per case (`samtale_one_self_booking_per_sag`).
    """
    try:
        with transaction.atomic():
            Sag.objects.select_for_update().only("pk").get(pk=sag.pk)
            slot = Tidsrum.objects.select_for_update().get(pk=tidsrum_id)
            holder = Samtale.objects.filter(tidsrum=slot).first()
            if holder is not None and holder.sag_id == sag.pk and holder.status == PLANLAGT:
                return holder  # the citizen's own slot again (a double click): nothing to do
            if holder is not None:
                raise SlotTaken
            day = timezone.localtime(slot.start).date()
            if not (window[0] <= day <= window[1]) or slot.start <= timezone.now():
                raise ValidationError("Tiden ligger uden for perioden, hvor samtalen skal holdes.")
            existing = (
                Samtale.objects.select_for_update()
                .filter(sag=sag, status=Samtale.Status.PLANLAGT, booket_af=Samtale.BooketAf.BORGER)
                .first()
            )
            if existing:  # rebooking: move the samtale to the new slot
                existing.tidsrum = slot
                existing.tidspunkt = slot.start
                existing.form = slot.form
                _save_bumped(existing)
                return existing
            samtale = Samtale(
                sag=sag,
                tidsrum=slot,
                tidspunkt=slot.start,
                form=slot.form,
                status=Samtale.Status.PLANLAGT,
                booket_af=Samtale.BooketAf.BORGER,
            )
            samtale.full_clean(exclude=["tidsrum"])  # uniqueness is the database's job
            samtale.save()
            return samtale
    except (IntegrityError, Tidsrum.DoesNotExist):  # taken, or withdrawn by the caseworker
        raise SlotTaken from None


# --------------------------------------------------------------------------- the calendar feed


@transaction.atomic
def kalender_abonnement_create(*, actor) -> str:
    """Make (or replace) the actor's secret calendar link and return its secret, which is
    shown once and stored only as a digest. A replaced link stops working at once."""
    require_perm(actor, "citizens.view_borger")
    KalenderAbonnement.objects.filter(bruger=actor).delete()  # the old link is revoked
    noegle = secrets.token_urlsafe(32)
    KalenderAbonnement.objects.create(
        bruger=actor, noegle_hash=hashlib.sha256(noegle.encode()).hexdigest()
    )
    return noegle


@transaction.atomic
def kalender_abonnement_revoke(*, actor) -> bool:
    """Revoke the actor's calendar link. True if there was one."""
    deleted, _ = KalenderAbonnement.objects.filter(bruger=actor).delete()
    return bool(deleted)


def kalender_abonnement_touch(*, abonnement) -> None:
    """Note when the feed was last fetched (shown to its owner)."""
    type(abonnement).objects.filter(pk=abonnement.pk).update(sidst_hentet=timezone.now())


# --------------------------------------------------------------------------- e-mail to the citizen

log = logging.getLogger(__name__)
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def booking_link_send(*, actor, sag: Sag, to: str, link: str):
    """E-mail the case's booking link to the citizen, with an .ics of the citizen's planned
    samtaler. A new address is saved as the citizen's e-mail (a logged change) only if the
    e-mail went: a failing mail server (its error reaches the caller) leaves nothing changed.
    Audited as a disclosure of the citizen's data (purpose "email")."""
    _check_access(actor, sag.borger)
    to = to.strip()
    validate_email(to)
    planned = list(
        Samtale.objects.filter(
            sag=sag,
            status=Samtale.Status.PLANLAGT,
            afholdt_af=Samtale.Holder.JOBCENTER,
            tidspunkt__gte=timezone.now(),
        )
        .select_related("tidsrum")
        .order_by("tidspunkt")
    )
    with transaction.atomic():
        borger = Borger.objects.select_for_update().get(pk=sag.borger_id)
        if borger.email != to:
            borger.email = to
            _save_bumped(borger)
        message = emails.send_booking_link(sag=sag, to=to, link=link, samtaler=planned)
        audit_reads(actor=actor, objects=[borger], purpose=ReadPurpose.EMAIL)
    sag.borger.email = to
    return message


def _tell_citizen(send, samtale: Samtale, link: str) -> bool:
    """Send one of the citizen e-mails if the citizen has an address. A failing mail server
    does not undo the booking or cancellation: it is logged (no personal data) and False is
    returned, so the page can say so."""
    to = samtale.sag.borger.email
    if not to:
        return False
    try:
        send(samtale=samtale, to=to, link=link)
    except MAIL_ERRORS as exc:
        log.warning("e-mail to citizen not sent (samtale %s): %s", samtale.pk, type(exc).__name__)
        return False
    audit_reads(actor=None, objects=[samtale.sag.borger], purpose=ReadPurpose.EMAIL)
    return True


def booking_confirmation_send(*, samtale: Samtale, link: str) -> bool:
    """Confirm the citizen's booking by e-mail, with the .ics. True if sent."""
    return _tell_citizen(emails.send_booking_confirmation, samtale, link)


def samtale_cancelled_send(*, samtale: Samtale, link: str) -> bool:
    """Tell the citizen their samtale is cancelled, with a link to book another. True if sent."""
    return _tell_citizen(emails.send_cancellation, samtale, link)
