"""The bridge from the case records in the database to `indsats.rules`.

`rules_sag` turns a `Sag` row (with its samtaler, offers and exemptions) into the rules' value
object; `sag_obligations` asks the rules what is due. No law lives here: only translation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from indsats import rules
from indsats.domain.maalgrupper import NoMaalgruppe, Visitation, maalgruppe_for
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import Ydelse
from indsats.rules import model as rm
from indsats.web.citizens.models import Sag, Samtale

_KONTANTHJAELP_TYPE = {Ydelse.KONTANTHJAELP, Ydelse.UDDANNELSESHJAELP,
                       Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE, Ydelse.OVERGANGSYDELSE,
                       Ydelse.INTEGRATIONSYDELSE}


@dataclass(frozen=True)
class SagStatus:
    """What the rules say about one case: its obligations, or why they could not be computed."""

    sag: Sag
    obligations: list[rules.Obligation]
    error: str = ""


def _local_date(dt) -> date:
    return timezone.localtime(dt).date()


def _months_on_kontanthjaelp(sag: Sag, as_of: date) -> int:
    """Whole months with a kontanthjælp-type benefit in the 36 months before `as_of`."""
    start_window = date(as_of.year - 3, as_of.month, 1)
    months: set[tuple[int, int]] = set()
    for other in sag.borger.sager.all():
        if Ydelse(other.ydelse) not in _KONTANTHJAELP_TYPE:
            continue
        lo = max(other.foerste_henvendelse, start_window)
        hi = min(other.slut or as_of, as_of)
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            months.add((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return min(len(months), 36)


def rules_sag(sag: Sag, *, as_of: date) -> rules.Sag:
    borger = sag.borger
    ydelse = Ydelse(sag.ydelse)
    visitation = Visitation(sag.visitation) if sag.visitation else None
    foedselsdato = borger.cpr_value.birth_date
    age = borger.cpr_value.age_on(sag.foerste_henvendelse)
    under_30 = age < 30 and not borger.har_erhvervsuddannelse
    maalgruppe = maalgruppe_for(ydelse, sag.foerste_henvendelse, visitation=visitation,
                                under_30_uden_uddannelse=under_30).maalgruppe
    held = [s for s in sag.samtaler.all() if s.status == Samtale.Status.AFHOLDT]
    paalaeg = [_local_date(s.tidspunkt) for s in held if s.uddannelsespaalaeg]
    sygedagpenge = None
    if ydelse is Ydelse.SYGEDAGPENGE:
        sygedagpenge = rm.SygedagpengeInfo(
            foerste_fravaersdag=sag.foerste_henvendelse,
            kategori=sag.sygedagpenge_kategori or "2",
        )
    repatriering = None
    if borger.indrejst:
        repatriering = rm.Repatriering(
            omfattet=True, ophold_fra=borger.indrejst,
            maaneder_kontanthjaelp_seneste_36=_months_on_kontanthjaelp(sag, as_of),
        )
    return rules.Sag(
        sag_id=str(sag.pk),
        ydelse=ydelse,
        start=sag.foerste_henvendelse,
        maalgruppe=maalgruppe,
        visitation=visitation,
        slut=sag.slut,
        foedselsdato=foedselsdato,
        erhvervskompetencegivende_uddannelse=borger.har_erhvervsuddannelse,
        integrationsprogram_start=sag.integrationsprogram_start,
        repatriering=repatriering,
        fritagelser=tuple(rm.Periode(f.fra, f.til) for f in sag.fritagelser.all()),
        samtaler=tuple(
            rm.Samtale(_local_date(s.tidspunkt), s.afholdt_af, s.type) for s in held
        ),
        tilbud=tuple(
            rm.Tilbud(TilbudType(t.tilbudstype), t.start, t.slut, t.tilbudt_dato)
            for t in sag.tilbud.all()
        ),
        cv_registreret=sag.cv_registreret,
        uddannelsespaalaeg_givet=min(paalaeg) if paalaeg else None,
        sygedagpenge=sygedagpenge,
    )


LATE = "late"  # overdue, then done after the deadline: not compliance, but not a task either


def _mark_done_late(obligations: list[rules.Obligation], rsag: rules.Sag, as_of: date
                    ) -> list[rules.Obligation]:
    """Overdue samtaler and offers that were held or started after their deadline.

    The rules count a duty as met only inside its window. For the worklist a duty that was
    fulfilled late is no longer a task: each overdue obligation takes the earliest later
    samtale (same kind and holder) or offer not already counted for another obligation.
    """
    used: set[tuple[str, date]] = {(o.kind, o.met_on) for o in obligations if o.met_on}
    events: dict[tuple[str, str], list[date]] = {}
    for s in rsag.samtaler:
        kind = "opfoelgning" if s.type == "opfoelgning" else "samtale"
        events.setdefault((kind, s.holder), []).append(s.dato)
    events[("tilbud", "jobcenter")] = [t.start for t in rsag.tilbud if t.start <= as_of]
    out = []
    for ob in obligations:
        if ob.state == "overdue" and (ob.kind, ob.holder) in events:
            late = sorted(d for d in events[(ob.kind, ob.holder)]
                          if d > ob.due_by and (ob.kind, d) not in used)
            if late:
                used.add((ob.kind, late[0]))
                ob = replace(ob, state=LATE, met_on=late[0])
        out.append(ob)
    return out


def sag_status(sag: Sag, *, as_of: date) -> SagStatus:
    try:
        rsag = rules_sag(sag, as_of=as_of)
        return SagStatus(sag, _mark_done_late(rules.obligations(rsag, as_of), rsag, as_of))
    except (rules.ParameterNotInForce, rules.InputError, NoMaalgruppe) as exc:
        return SagStatus(sag, [], error=f"Reglerne kan ikke beregne fristerne for sagen: {exc}")


def tilbud_counts_for_ret_og_pligt(tilbudstype: str, start: date) -> bool:
    from indsats.rules.obligations import tilbud_counts

    try:
        return tilbud_counts(TilbudType(tilbudstype), start)
    except rules.ParameterNotInForce:
        return False
