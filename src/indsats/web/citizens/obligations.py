"""The bridge from the case records in the database to `indsats.rules`.

`case_facts` reads, for many cases at once, exactly the columns the rules need (held samtaler,
offers, exemptions, the citizen's other cases) in four flat queries; `rules_sag` turns a case and
its facts into the rules' value object; `sag_statuses` asks the rules what is due. No law lives
here: only translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models.functions import TruncDate

from indsats import rules
from indsats.domain.maalgrupper import NoMaalgruppe, Visitation, maalgruppe_for
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import KONTANTHJAELP_TYPE, Ydelse
from indsats.rules import model as rm
from indsats.rules.obligations import tilbud_fulfils
from indsats.web.citizens.models import Fritagelse, Sag, Samtale, TilbudsForloeb

LATE = "late"  # overdue, then done after the deadline: not compliance, but not a task either


@dataclass(frozen=True)
class SagStatus:
    """What the rules say about one case: its obligations, or why they could not be computed."""

    sag: Sag
    obligations: list[rules.Obligation]
    error: str = ""


@dataclass
class CaseFacts:
    """What the rules read about a case beyond the case row itself."""

    held: list[tuple[date, str, str, bool]] = field(
        default_factory=list
    )  # day, holder, type, pålæg
    tilbud: list[tuple[str, date, date, date | None]] = field(default_factory=list)
    fritagelser: list[tuple[date, date | None]] = field(default_factory=list)
    citizen_cases: list[tuple[str, date, date | None]] = field(default_factory=list)


def case_facts(sager: Iterable[Sag]) -> dict:
    """Facts for many cases in four queries (flat tuples, no model instances)."""
    sager = list(sager)
    facts = {s.pk: CaseFacts() for s in sager}
    if not sager:
        return facts
    ids = list(facts)
    for sag_id, day, holder, kind, paalaeg in Samtale.objects.filter(
        sag_id__in=ids, status=Samtale.Status.AFHOLDT
    ).values_list("sag_id", TruncDate("tidspunkt"), "afholdt_af", "type", "uddannelsespaalaeg"):
        facts[sag_id].held.append((day, holder, kind, paalaeg))
    for row in TilbudsForloeb.objects.filter(sag_id__in=ids).values_list(
        "sag_id", "tilbudstype", "start", "slut", "tilbudt_dato"
    ):
        facts[row[0]].tilbud.append(row[1:])
    for sag_id, fra, til in Fritagelse.objects.filter(sag_id__in=ids).values_list(
        "sag_id", "fra", "til"
    ):
        facts[sag_id].fritagelser.append((fra, til))
    # The citizen's kontanthjælp-type history matters only for repatriation guidance.
    with_entry: dict[Any, list[tuple[str, date, date | None]]] = {
        s.borger_id: [] for s in sager if s.borger.indrejst
    }
    if with_entry:
        for borger_id, ydelse, start, slut in Sag.objects.filter(
            borger_id__in=list(with_entry)
        ).values_list("borger_id", "ydelse", "foerste_henvendelse", "slut"):
            with_entry[borger_id].append((ydelse, start, slut))
        for s in sager:
            if s.borger_id in with_entry:
                facts[s.pk].citizen_cases = with_entry[s.borger_id]
    return facts


def _months_on_kontanthjaelp(cases: list[tuple[str, date, date | None]], as_of: date) -> int:
    """Calendar months with a kontanthjælp-type benefit in the 36 months before `as_of`."""
    start_window = date(as_of.year - 3, as_of.month, 1)
    months: set[tuple[int, int]] = set()
    for ydelse, start, slut in cases:
        if ydelse not in KONTANTHJAELP_TYPE:
            continue
        lo, hi = max(start, start_window), min(slut or as_of, as_of)
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            months.add((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return min(len(months), 36)


def rules_sag(sag: Sag, facts: CaseFacts, *, as_of: date) -> rules.Sag:
    borger = sag.borger
    ydelse = Ydelse(sag.ydelse)
    visitation = Visitation(sag.visitation) if sag.visitation else None
    cpr = borger.cpr_value
    under_30 = cpr.age_on(sag.foerste_henvendelse) < 30 and not borger.har_erhvervsuddannelse
    maalgruppe = maalgruppe_for(
        ydelse, sag.foerste_henvendelse, visitation=visitation, under_30_uden_uddannelse=under_30
    ).maalgruppe
    paalaeg = [day for day, _, _, given in facts.held if given]
    sygedagpenge = None
    if ydelse is Ydelse.SYGEDAGPENGE:
        if not sag.sygedagpenge_kategori:
            # No default: category 1 and 2 have different follow-up duties (SDL § 12, § 13 b).
            raise rules.InputError(
                "sygedagpenge_kategori",
                "sygedagpengesagen mangler visitationskategori (sygedagpengeloven § 12)",
            )
        sygedagpenge = rm.SygedagpengeInfo(
            foerste_fravaersdag=sag.foerste_henvendelse, kategori=sag.sygedagpenge_kategori
        )
    repatriering = None
    if borger.indrejst:
        repatriering = rm.Repatriering(
            omfattet=True,
            ophold_fra=borger.indrejst,
            maaneder_kontanthjaelp_seneste_36=_months_on_kontanthjaelp(facts.citizen_cases, as_of),
        )
    return rules.Sag(
        sag_id=str(sag.pk),
        ydelse=ydelse,
        start=sag.foerste_henvendelse,
        maalgruppe=maalgruppe,
        visitation=visitation,
        slut=sag.slut,
        foedselsdato=cpr.birth_date,
        erhvervskompetencegivende_uddannelse=borger.har_erhvervsuddannelse,
        integrationsprogram_start=sag.integrationsprogram_start,
        repatriering=repatriering,
        fritagelser=tuple(rm.Periode(fra, til) for fra, til in facts.fritagelser),
        samtaler=tuple(rm.Samtale(day, holder, kind) for day, holder, kind, _ in facts.held),
        tilbud=tuple(
            rm.Tilbud(TilbudType(t), start, slut, tilbudt)
            for t, start, slut, tilbudt in facts.tilbud
        ),
        cv_registreret=sag.cv_registreret,
        uddannelsespaalaeg_givet=min(paalaeg) if paalaeg else None,
        sygedagpenge=sygedagpenge,
    )


def _mark_done_late(
    obligations: Sequence[rules.Obligation], rsag: rules.Sag, as_of: date
) -> list[rules.Obligation]:
    """Overdue samtaler and offers that were held or started after their deadline.

    The rules count a duty as met only inside its window. For the worklist a duty that was
    fulfilled late is no longer a task: each overdue obligation takes the earliest later
    samtale (same kind and holder) or offer not already counted for another obligation. An
    offer counts only if it is of the kind the duty asks for (the rules' `tilbud_fulfils`: an
    ØVO is no ret og pligt offer in 2023-26); one registered to start later counts too, with
    its start date (`met_on` after `as_of`: the pages say "starter …").
    """
    used: set[tuple[str, date]] = {(o.kind, o.met_on) for o in obligations if o.met_on}
    events: dict[tuple[str, str], list[date]] = {}
    for s in rsag.samtaler:
        kind = "opfoelgning" if s.type == "opfoelgning" else "samtale"
        events.setdefault((kind, s.holder), []).append(s.dato)
    out = []
    for ob in obligations:
        if ob.state == "overdue" and ob.due_by is not None:
            if ob.kind == "tilbud":
                candidates = [t.start for t in rsag.tilbud if tilbud_fulfils(ob.rule_id, t, rsag)]
            else:
                candidates = events.get((ob.kind, ob.holder), [])
            late = sorted(d for d in candidates if d > ob.due_by and (ob.kind, d) not in used)
            if late:
                used.add((ob.kind, late[0]))
                ob = replace(ob, state=LATE, met_on=late[0])
        out.append(ob)
    return out


@lru_cache(maxsize=50_000)
def _obligations(rsag: rules.Sag, as_of: date) -> tuple[rules.Obligation, ...]:
    """The rules are pure: the same case facts on the same day give the same obligations, so a
    worklist opened again (the same day, nothing recorded since) reuses them."""
    return tuple(rules.obligations(rsag, as_of))


def sag_statuses(sager: Iterable[Sag], *, as_of: date) -> list[SagStatus]:
    """The rules' obligations for many cases (the citizen rows must be select_related)."""
    sager = list(sager)
    facts = case_facts(sager)
    out = []
    for sag in sager:
        try:
            rsag = rules_sag(sag, facts[sag.pk], as_of=as_of)
            obligations = _mark_done_late(_obligations(rsag, as_of), rsag, as_of)
            out.append(SagStatus(sag, obligations))
        except (rules.ParameterNotInForce, rules.InputError, NoMaalgruppe) as exc:
            out.append(
                SagStatus(sag, [], error=f"Reglerne kan ikke beregne fristerne for sagen: {exc}")
            )
    return out


def sag_status(sag: Sag, *, as_of: date) -> SagStatus:
    return sag_statuses([sag], as_of=as_of)[0]


def tilbud_counts_for_ret_og_pligt(tilbudstype: str, start: date) -> bool:
    from indsats.rules.obligations import tilbud_counts

    try:
        return tilbud_counts(TilbudType(tilbudstype), start)
    except rules.ParameterNotInForce:
        return False
