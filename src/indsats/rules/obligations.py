"""Per-case rules: every obligation on one `Sag` as of a date.

Entry point: ``obligations(sag, as_of) -> list[Obligation]``. The order is fixed: kontaktforløb
samtaler (parameter block order, nr ascending), ret og pligt, integration programme, CV,
selvbooking, uddannelsespålæg, final visitation (BEK § 6), repatriering, sygedagpenge (opfølgning, revurdering, forlængelse or
jobafklaring). `indsats.rules.vectorised` computes the same rows for a whole caseload.

Readings of ambiguous points (regime chosen by the period start, summed ledighed, exemptions, ...)
are documented in docs/rules.md.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.domain.ydelser import Ydelse
from indsats.rules import groups
from indsats.rules.dates import add_months, end_of_month, non_working_day_name, offset
from indsats.rules.groups import DAGPENGE_JOBCENTER_FRA_START, kontaktforloeb_parameter
from indsats.rules.model import (
    InputError,
    Obligation,
    Periode,
    Sag,
    SygedagpengeInfo,
    Tilbud,
    whole_years,
)
from indsats.rules.parameters import (
    ParameterValue,
    parameter,
    uncertain_on,
    unverified_copy,
    value_at,
)
from indsats.rules.texts import render

M = Maalgruppe


# --------------------------------------------------------------------------- shared helpers


def parse_offset(text: str) -> tuple[int, int]:
    """'6m-1d' -> (6, -1); '14d' -> (0, 14); '3m' -> (3, 0)."""
    months = days = 0
    rest = text.strip()
    if "m" in rest:
        m_part, rest = rest.split("m", 1)
        months = int(m_part)
    if rest:
        if not rest.endswith("d"):
            raise ValueError(f"bad offset {text!r}")
        days = int(rest[:-1])
    return months, days


@dataclass(frozen=True, slots=True)
class Block:
    id: str
    holder: str
    antal: int
    fra: tuple[int, int]
    til: tuple[int, int]
    foerste_til: tuple[int, int] | None
    personlig: bool
    foerste_personlig: bool

    @property
    def count_key(self) -> str:
        if self.id.startswith("faelles_"):
            return "faelles:jobcenter"
        return f"jobsamtale:{self.holder}"


_BLOCK_CACHE: dict[int, tuple[ParameterValue, tuple[Block, ...]]] = {}


def blocks_of(pv: ParameterValue) -> tuple[Block, ...]:
    cached = _BLOCK_CACHE.get(id(pv))
    if cached is not None and cached[0] is pv:
        return cached[1]
    out = []
    for raw in pv.value or ():
        out.append(
            Block(
                id=raw["id"],
                holder=raw["holder"],
                antal=int(raw["antal"]),
                fra=parse_offset(str(raw["fra"])),
                til=parse_offset(str(raw["til"])),
                foerste_til=parse_offset(str(raw["foerste_til"]))
                if raw.get("foerste_til")
                else None,
                personlig=bool(raw.get("personlig", True)),
                foerste_personlig=bool(raw.get("foerste_personlig", False)),
            )
        )
    result = tuple(out)
    _BLOCK_CACHE[id(pv)] = (pv, result)
    return result


def kontakt_parameter_key(sag: Sag) -> str | None:
    """Which kontaktforløb parameter governs the case (None: no LAB § 31 samtaler)."""
    key = kontaktforloeb_parameter(
        sag.maalgruppe, sag.ydelse, jobcenter_fra_start=sag.jobcenter_fra_start
    )
    if (
        sag.maalgruppe is M.DAGPENGE
        and sag.jobcenter_fra_start
        and value_at(DAGPENGE_JOBCENTER_FRA_START, sag.start).value is not None
    ):
        return DAGPENGE_JOBCENTER_FRA_START
    return key


def target_from(maalgruppe: Maalgruppe, kind: str) -> date | None:
    """First date from which the group's samtaler (kind "samtaler") or first tilbud (kind
    "tilbud") are municipality-level targets (lov 1750/2025), or None."""
    for v in parameter("kontaktforloeb.maalsaetning").values:
        if maalgruppe.value in (v.value or {}).get(f"maalgrupper_{kind}", []):
            return v.valid_from
    return None


def tilbud_target_from(sag: Sag) -> date | None:
    """As `target_from(..., "tilbud")`, but persons under arbejdspligt stay outside the target."""
    tfrom = target_from(sag.maalgruppe, "tilbud")
    if tfrom is not None and sag.arbejdspligt:
        undtaget = value_at("kontaktforloeb.maalsaetning", tfrom).value["undtaget_tilbud"]
        if "arbejdspligt" in undtaget:
            return None
    return tfrom


def fysisk_under(form: str, is_jobsamtale: bool, nr: int, til_months: int) -> bool:
    """Is the samtale held in person under the samtaleform `form` (LAB § 31 a / § 33)?"""
    return is_jobsamtale and (
        (form == "foerste_fysisk" and nr == 1)
        or (form == "alle_fysisk_6_maaneder" and til_months <= 6)
    )


def anchor_of(sag: Sag) -> date:
    """Start of the period the deadlines run from (LAB § 9): summed ledighed for dagpenge."""
    return sag.start - timedelta(days=sag.tidligere_ledighed_dage)


def state_of(met: bool, due_from: date | None, due_by: date | None, as_of: date, info: bool) -> str:
    if info:
        return "info"
    if met:
        return "met"
    if due_by is not None and due_by < as_of:
        return "overdue"
    if due_from is not None and due_from > as_of:
        return "upcoming"
    return "open"


class _Builder:
    def __init__(self, sag: Sag, as_of: date) -> None:
        self.sag = sag
        self.as_of = as_of
        self.out: list[Obligation] = []

    def add(
        self,
        *,
        rule_id: str,
        kind: str,
        nr: int,
        holder: str,
        due_from: date | None,
        due_by: date | None,
        personal: bool,
        met: bool,
        met_on: date | None,
        pv: ParameterValue,
        text_key: tuple[Any, ...],
        info: bool = False,
    ) -> None:
        if self.sag.slut is not None and due_from is not None and due_from > self.sag.slut:
            return  # the case ended before the obligation began
        self.out.append(
            Obligation(
                sag_id=self.sag.sag_id,
                rule_id=rule_id,
                kind=kind,
                nr=nr,
                holder=holder,
                due_from=due_from,
                due_by=due_by,
                personal_duty=personal,
                met=met,
                met_on=met_on,
                state=state_of(met, due_from, due_by, self.as_of, info),
                parameter=pv.key,
                parameter_from=pv.valid_from,
                parameter_to=pv.valid_to,
                legal_reference=pv.reference,
                source_url=pv.source,
                status=pv.status,
                text_da=render(text_key, due_from, due_by),
                due_by_non_working_day=non_working_day_name(due_by),
            )
        )


def _samtale_index(sag: Sag, as_of: date) -> dict[str, list[date]]:
    idx: dict[str, list[date]] = defaultdict(list)
    for s in sag.samtaler:
        if s.dato <= as_of:
            idx[s.count_key].append(s.dato)
    for dates in idx.values():
        dates.sort()
    return idx


def _kth_in_window(dates: list[date], lo: date, hi: date, k: int) -> date | None:
    i = bisect.bisect_left(dates, lo)
    j = bisect.bisect_right(dates, hi)
    return dates[i + k - 1] if j - i >= k else None


# --------------------------------------------------------------------------- areas


def _kontaktforloeb(b: _Builder, samtaler: dict[str, list[date]]) -> tuple[date, date] | None:
    """Adds the samtaler; returns the window of the first jobcenter jobsamtale (for LAB § 30)."""
    sag = b.sag
    key = kontakt_parameter_key(sag)
    if key is None:
        return None
    pv = value_at(key, sag.start)
    anchor = anchor_of(sag)
    form = value_at("kontaktforloeb.samtaleform", sag.start).value
    # where an act's date in force is unknown, either form may apply in its window
    form_unsure = uncertain_on("kontaktforloeb.samtaleform", sag.start) is not None
    tfrom = target_from(sag.maalgruppe, "samtaler")
    first_jc: tuple[date, date] | None = None
    for blk in blocks_of(pv):
        for nr in range(1, blk.antal + 1):
            lo = offset(anchor, *blk.fra)
            first_deadline = nr == 1 and blk.foerste_til is not None
            hi = offset(anchor, *(blk.foerste_til if first_deadline else blk.til))  # type: ignore[misc]
            if hi < sag.start:
                continue  # belonged to an earlier spell of the summed ledighed
            lo = max(lo, sag.start)
            keep_personal = nr == 1 and blk.foerste_personlig
            personal = blk.personlig or keep_personal
            # the 75 % targets cover the first 6 months only (the 16-month samtale stays a duty)
            if (
                personal
                and not keep_personal
                and blk.til[0] <= 6
                and tfrom is not None
                and hi >= tfrom
            ):
                personal = False
            met_on = _kth_in_window(samtaler.get(blk.count_key, []), lo, hi, nr)
            is_jobsamtale = not blk.id.startswith("faelles_")
            fysisk = fysisk_under(form, is_jobsamtale, nr, blk.til[0])
            unsure = form_unsure and fysisk_under(
                "alle_fysisk_6_maaneder", is_jobsamtale, nr, blk.til[0]
            ) != fysisk_under("foerste_fysisk", is_jobsamtale, nr, blk.til[0])
            if first_jc is None and is_jobsamtale and blk.holder == "jobcenter" and nr == 1:
                first_jc = (lo, hi)
            b.add(
                rule_id=f"LAB.31.{blk.id}",
                kind="samtale",
                nr=nr,
                holder=blk.holder,
                due_from=lo,
                due_by=hi,
                personal=personal,
                met=met_on is not None,
                met_on=met_on,
                pv=unverified_copy(pv) if unsure else pv,
                text_key=(
                    "samtale",
                    blk.id,
                    blk.holder,
                    nr,
                    blk.antal,
                    first_deadline,
                    fysisk,
                    None if personal else tfrom,
                    unsure,
                ),
            )
    return first_jc


def tilbud_counts(ttype: TilbudType, start: date) -> bool:
    return ttype.value in value_at("ret_og_pligt.taeller_med", start).value


def _ret_og_pligt_kind_and_length(t: Tilbud, p: dict[str, Any]) -> bool:
    length = t.length_days()
    return (length is None or length >= p["min_varighed_dage"]) and tilbud_counts(t.type, t.start)


def tilbud_fulfils(rule_id: str, t: Tilbud, sag: Sag) -> bool:
    """Whether offer `t` is of the kind (and length) that the offer duty `rule_id` asks for,
    whenever it starts: the same test the duty's rule applies inside its window. Used to tell an
    offer that meets a duty late from one that does not meet it at all (e.g. ØVO, which does not
    count for ret og pligt from 2023 to 2026-06-30)."""
    if rule_id == "LAB.102.ret_og_pligt":
        return _ret_og_pligt_kind_and_length(t, value_at("ret_og_pligt.frist", sag.start).value)
    if rule_id == "LAB.maal.tilbud":
        return tilbud_counts(t.type, t.start)
    if rule_id == "IL.foerste_virksomhedsrettede_tilbud":
        return TILBUDSTYPER[t.type].virksomhedsrettet
    raise ValueError(f"{rule_id!r} is not an offer duty")


def exemption_deadline(
    deadline: date, fritagelser: tuple[Any, ...], months: int
) -> tuple[date | None, bool]:
    """Deadline moved past exemptions covering it: (new deadline or None if open, moved?)."""
    moved = False
    current: date | None = deadline
    for _ in range(len(fritagelser)):
        hit = None
        for f in fritagelser:
            if current is not None and f.covers(current):
                hit = f
                break
        if hit is None:
            break
        moved = True
        current = None if hit.til is None else add_months(hit.til, months)
        if current is None:
            break
    return current, moved


def _ret_og_pligt(b: _Builder) -> None:
    sag = b.sag
    pv = value_at("ret_og_pligt.frist", sag.start)
    p = pv.value
    if sag.maalgruppe.value not in p["maalgrupper"]:
        return
    base = add_months(anchor_of(sag), p["maaneder"])
    if base < sag.start:
        return  # due in an earlier spell of the summed ledighed
    deadline, moved = exemption_deadline(base, sag.fritagelser, p["efter_fritagelse_maaneder"])
    hi = deadline if deadline is not None else b.as_of
    late = p["loentilskud_start_senest_dage"]
    met_on: date | None = None
    unsure = False
    for t in sag.tilbud:
        if (
            t.type is TilbudType.VEJLEDNING_OG_OPKVALIFICERING
            and sag.start <= t.start <= min(hi, b.as_of)
            and uncertain_on("ret_og_pligt.taeller_med", t.start) is not None
        ):
            unsure = True  # whether ØVO counted then depends on an unknown date in force
    for t in sag.tilbud:
        if t.start > b.as_of or t.start < sag.start:
            continue
        ok = False
        if t.start <= hi:
            ok = _ret_og_pligt_kind_and_length(t, p)
        elif (
            deadline is not None
            and t.type in (TilbudType.LOENTILSKUD_PRIVAT, TilbudType.LOENTILSKUD_OFFENTLIG)
            and t.start <= deadline + timedelta(days=late)
            and t.tilbudt is not None
            and t.tilbudt <= deadline
        ):
            ok = tilbud_counts(t.type, t.start)
        if ok and (met_on is None or t.start < met_on):
            met_on = t.start
    tfrom = tilbud_target_from(sag)
    personal = not (tfrom is not None and base >= tfrom)
    variant = "normal" if not moved else ("fritaget" if deadline is not None else "fritaget_aaben")
    b.add(
        rule_id="LAB.102.ret_og_pligt",
        kind="tilbud",
        nr=1,
        holder="jobcenter",
        due_from=sag.start,
        due_by=deadline,
        personal=personal,
        met=met_on is not None,
        met_on=met_on,
        pv=unverified_copy(pv) if unsure else pv,
        text_key=("ret_og_pligt", variant, late, None if personal else tfrom, unsure),
    )


def _tilbud_maal(b: _Builder) -> None:
    """From 2026-07-01 a tilbud in the first 6 months is a 75 % target also for groups without
    ret og pligt under LAB § 102 (uddannelsesparate kontanthjælpsmodtagere)."""
    sag = b.sag
    tfrom = tilbud_target_from(sag)
    if tfrom is None:
        return
    if sag.maalgruppe.value in value_at("ret_og_pligt.frist", sag.start).value["maalgrupper"]:
        return  # the ret-og-pligt row carries the target
    pv = value_at("kontaktforloeb.maalsaetning", tfrom)
    due = add_months(anchor_of(sag), pv.value["maaneder"])
    if due < tfrom or due < sag.start:
        return
    met_on = None
    for t in sag.tilbud:
        if sag.start <= t.start <= min(due, b.as_of) and tilbud_counts(t.type, t.start):
            met_on = t.start if met_on is None else min(met_on, t.start)
    b.add(
        rule_id="LAB.maal.tilbud",
        kind="tilbud",
        nr=1,
        holder="jobcenter",
        due_from=sag.start,
        due_by=due,
        personal=False,
        met=met_on is not None,
        met_on=met_on,
        pv=pv,
        text_key=("tilbud_maal", tfrom),
    )


def _integration(b: _Builder) -> None:
    sag = b.sag
    start = sag.integrationsprogram_start
    if start is None:
        return
    pv = value_at("ret_og_pligt.integrationsprogram", start)
    due_by = add_months(start, pv.value["foerste_virksomhedsrettede_maaneder"])
    met_on = None
    for t in sag.tilbud:
        if TILBUDSTYPER[t.type].virksomhedsrettet and start <= t.start <= min(due_by, b.as_of):
            met_on = t.start if met_on is None else min(met_on, t.start)
    b.add(
        rule_id="IL.foerste_virksomhedsrettede_tilbud",
        kind="tilbud",
        nr=1,
        holder="jobcenter",
        due_from=start,
        due_by=due_by,
        personal=True,
        met=met_on is not None,
        met_on=met_on,
        pv=pv,
        text_key=("integration", pv.value["helst_inden_dage"]),
    )


def cv_group(sag: Sag) -> str:
    return groups.cv_group(sag.maalgruppe, sag.visitation, sag.ydelse)


def _cv_og_booking(b: _Builder) -> None:
    sag = b.sag
    group = cv_group(sag)
    pv = value_at("cv_og_booking.cv_frist_dage", sag.start)
    days = pv.value.get(group)
    if days is not None:
        due_by = sag.start + timedelta(days=days)
        cv = sag.cv_registreret
        met = cv is not None and cv <= min(due_by, b.as_of)
        fra_what = groups.cv_counted_from(group)
        b.add(
            rule_id="LAB.23.cv",
            kind="cv",
            nr=1,
            holder="borger",
            due_from=sag.start,
            due_by=due_by,
            personal=True,
            met=met,
            met_on=cv if met else None,
            pv=pv,
            text_key=("cv", days, fra_what),
        )
    booking = parameter("cv_og_booking.selvbooking")
    if booking.applies(sag.start):
        bpv = booking.at(sag.start)
        if group in bpv.value:
            b.add(
                rule_id="LAB.selvbooking",
                kind="selvbooking",
                nr=1,
                holder="borger",
                due_from=sag.start,
                due_by=None,
                personal=True,
                met=False,
                met_on=None,
                pv=bpv,
                text_key=("selvbooking",),
                info=True,
            )


def _uddannelsespaalaeg(b: _Builder, first_jc: tuple[date, date] | None) -> None:
    sag = b.sag
    if first_jc is None:
        return
    pv = value_at("ungeindsats_integration.uddannelsespaalaeg", sag.start)
    p = pv.value
    dagpenge = False
    if sag.maalgruppe.value in p["maalgrupper"]:
        pass
    elif sag.maalgruppe is M.DAGPENGE:
        age = sag.age_on(sag.start)
        if (
            age is None
            or age >= p["dagpenge_under_alder"]
            or sag.erhvervskompetencegivende_uddannelse
            or sag.forsoergerpligt_boern
        ):
            return
        dagpenge = True
    else:
        return
    given = sag.uddannelsespaalaeg_givet
    met = given is not None and sag.start <= given <= b.as_of
    b.add(
        rule_id="LAB.30.uddannelsespaalaeg",
        kind="uddannelsespaalaeg",
        nr=1,
        holder="jobcenter",
        due_from=first_jc[0],
        due_by=first_jc[1],
        personal=True,
        met=met,
        met_on=given if met else None,
        pv=pv,
        text_key=("uddannelsespaalaeg", dagpenge),
    )


def _visitation(b: _Builder) -> None:
    sag = b.sag
    if not (sag.maalgruppe is M.UDDANNELSESPARAT and sag.visitation is Visitation.UDDANNELSESPARAT):
        return
    pv = value_at("ungeindsats_integration.visitation_uddannelsesparat", sag.start)
    due_by = add_months(sag.start, pv.value["maaneder"])
    v = sag.visiteret
    met = v is not None and sag.start <= v <= b.as_of
    b.add(
        rule_id="BEK.6.endelig_visitation",
        kind="visitation",
        nr=1,
        holder="jobcenter",
        due_from=sag.start,
        due_by=due_by,
        personal=True,
        met=met,
        met_on=v if met else None,
        pv=pv,
        text_key=("visitation", pv.value["maaneder"]),
    )


def _repatriering(b: _Builder, samtaler: dict[str, list[date]]) -> None:
    sag = b.sag
    rep = sag.repatriering
    if rep is None or not rep.omfattet:
        return
    param = parameter("ungeindsats_integration.repatriering")
    if not param.applies(b.as_of):
        return
    pv = param.at(b.as_of)
    p = pv.value
    years = whole_years(rep.ophold_fra, b.as_of)
    due_from = max(sag.start, pv.valid_from)
    if years < p["systematisk_under_aar"]:
        b.add(
            rule_id="REPAT.systematisk_vejledning",
            kind="repatriering",
            nr=1,
            holder="jobcenter",
            due_from=due_from,
            due_by=None,
            personal=True,
            met=False,
            met_on=None,
            pv=pv,
            text_key=("repatriering_systematisk",),
            info=True,
        )
    elif (
        years >= p["saerlig_min_aar"]
        and rep.maaneder_kontanthjaelp_seneste_36 >= p["saerlig_min_maaneder"]
    ):
        dates = samtaler.get("repatriering:jobcenter", [])
        i = bisect.bisect_left(dates, due_from)
        met_on = dates[i] if i < len(dates) else None
        b.add(
            rule_id="REPAT.saerlig_samtale",
            kind="repatriering",
            nr=1,
            holder="jobcenter",
            due_from=due_from,
            due_by=None,
            personal=True,
            met=met_on is not None,
            met_on=met_on,
            pv=pv,
            text_key=("repatriering_saerlig",),
        )


def check_kategori(sag: Sag, as_of: date) -> None:
    sdp = sag.sygedagpenge
    if sdp is None:
        return
    pv = value_at("sygedagpenge.kategorier", as_of)
    if sdp.kategori not in pv.value:
        raise InputError(
            "sygedagpenge.kategori",
            f"kategori {sdp.kategori} does not exist on {as_of.isoformat()} "
            f"({pv.reference}; valid: {', '.join(pv.value)}); visit the case again",
        )


def revurdering_day(
    perioder: tuple[Periode, ...], not_counted: int, weeks: int, months: int
) -> date | None:
    """First day D on which more than `weeks` weeks (7*weeks days) of sygedagpenge have been
    received within the window (add_months(D, -months), D]. The first `not_counted` days of EVERY
    absence do not count (SDL § 24 stk. 2; the ministry's answer to L 135 2019-20). None if that
    never happens within the absences."""
    limit = weeks * 7
    spans: list[tuple[date, date | None]] = []
    for p in perioder:
        lo = p.fra + timedelta(days=not_counted)
        if p.til is not None and p.til < lo:
            continue
        spans.append((lo, p.til))
    if not spans:
        return None
    # Walk day by day through counted days, keeping a sliding window of counted days.
    window: list[date] = []
    head = 0
    for lo, hi in spans:
        day = lo
        while hi is None or day <= hi:
            window.append(day)
            start = add_months(day, -months)  # window is (start, day]
            while window[head] <= start:
                head += 1
            if len(window) - head > limit:
                return day
            day += timedelta(days=1)
    return None


def municipal_payment_start(
    sdp: SygedagpengeInfo, absence: Periode, p: dict[str, Any]
) -> tuple[date | None, date | None]:
    """(last day someone else pays, first day the municipality pays) in one absence; None where
    it does not apply (no one else pays / the absence ends before the municipality pays)."""
    fra = absence.fra
    if sdp.ansaettelse == "loenmodtager":
        other_days = p["arbejdsgiverperiode_dage"] if sdp.arbejdsgiverperiode else 0
    elif sdp.ansaettelse == "ledig":
        other_days = p["ledig_akasse_dage"]
    else:  # selvstaendig: the own period is not paid by anyone else
        other_days = 0
    self_days = p["selvstaendig"][sdp.forsikring] - 1 if sdp.ansaettelse == "selvstaendig" else 0
    first = fra + timedelta(days=other_days + self_days)
    other_end = fra + timedelta(days=other_days - 1) if other_days else None
    if absence.til is not None:
        if other_end is not None and other_end > absence.til:
            other_end = absence.til
        if first > absence.til:
            return other_end, None
    return other_end, first


def _sygedagpenge_udbetaling(b: _Builder) -> None:
    sag = b.sag
    sdp = sag.sygedagpenge
    assert sdp is not None
    for nr, absence in enumerate(sdp.absences(sag.slut), start=1):
        pv = value_at("sygedagpenge.udbetaling", absence.fra)
        other_end, first = municipal_payment_start(sdp, absence, pv.value)
        if other_end is not None:
            holder = "arbejdsgiver" if sdp.ansaettelse == "loenmodtager" else "akasse"
            b.add(
                rule_id="SDL.30.arbejdsgiverperiode"
                if holder == "arbejdsgiver"
                else "AFL.62.sygdom",
                kind="udbetaling",
                nr=nr,
                holder=holder,
                due_from=absence.fra,
                due_by=other_end,
                personal=True,
                met=False,
                met_on=None,
                pv=pv,
                text_key=("udbetaling_anden", holder),
                info=True,
            )
        if first is not None:
            b.add(
                rule_id="SDL.udbetaling.kommune",
                kind="udbetaling",
                nr=nr,
                holder="jobcenter",
                due_from=first,
                due_by=None,
                personal=True,
                met=False,
                met_on=None,
                pv=pv,
                text_key=("udbetaling_kommune", sdp.ansaettelse, sdp.forsikring),
                info=True,
            )


def _sygedagpenge_opfoelgning(b: _Builder, samtaler: dict[str, list[date]]) -> None:
    sag = b.sag
    sdp = sag.sygedagpenge
    assert sdp is not None
    f = sdp.foerste_fravaersdag
    pv = value_at("sygedagpenge.opfoelgning", f)
    p = pv.value
    early = None
    if sdp.tidlig_opfoelgning is not None and not sdp.tidlig_opfoelgning_afvist:
        early = sdp.tidlig_opfoelgning + timedelta(days=p["tidlig_senest_dage"])
    if sdp.kategori in p["kategorier"]:
        antal = p["antal"]
        if sdp.forenklet_opfoelgning and p["forenklet"] is not None:
            antal = 1  # SDL § 13 f: only the first samtale
    elif early is not None:
        antal = 1  # an early request fixes the first samtale whatever the category
    else:
        return
    six = add_months(f, p["maaneder"]) - timedelta(days=1)
    week8 = f + timedelta(days=7 * p["foerste_senest_uger"] - 1)
    dates = samtaler.get("opfoelgning:jobcenter", [])
    for nr in range(1, antal + 1):
        hi = six
        variant = "normal"
        if nr == 1:
            hi = week8
            if early is not None and early < week8:
                hi, variant = early, "tidlig"
        met_on = _kth_in_window(dates, f, hi, nr)
        b.add(
            rule_id="SDL.13b.opfoelgning",
            kind="opfoelgning",
            nr=nr,
            holder="jobcenter",
            due_from=f,
            due_by=hi,
            personal=True,
            met=met_on is not None,
            met_on=met_on,
            pv=pv,
            text_key=("opfoelgning", nr, antal, variant),
        )


def _jobafklaring(b: _Builder, last_day: date, after: str) -> None:
    """Sygedagpenge end on `last_day`; a jobafklaringsforløb may follow (SDL § 24 a)."""
    jpv = value_at("sygedagpenge.jobafklaring", last_day)
    j = jpv.value
    b.add(
        rule_id="SDL.24a.jobafklaring",
        kind="jobafklaring",
        nr=1,
        holder="jobcenter",
        due_from=last_day,
        due_by=last_day,
        personal=True,
        met=False,
        met_on=None,
        pv=jpv,
        text_key=("jobafklaring", after),
        info=True,
    )
    transition = last_day + timedelta(days=1)
    rpv = value_at("sygedagpenge.jobafklaring", transition)
    r = rpv.value
    b.add(
        rule_id="JAF.rehabiliteringsteam",
        kind="rehabiliteringsteam",
        nr=1,
        holder="jobcenter",
        due_from=transition,
        due_by=transition + timedelta(weeks=r["rehabiliteringsteam_uger"]),
        personal=True,
        met=False,
        met_on=None,
        pv=rpv,
        text_key=("rehabiliteringsteam", r["rehabiliteringsteam_altid"], j["ydelse"]),
        info=not r["rehabiliteringsteam_altid"],
    )


def _sygedagpenge(b: _Builder, samtaler: dict[str, list[date]]) -> None:
    sag = b.sag
    sdp = sag.sygedagpenge
    if sdp is None or sag.ydelse is not Ydelse.SYGEDAGPENGE:
        return
    check_kategori(sag, b.as_of)
    _sygedagpenge_udbetaling(b)
    _sygedagpenge_opfoelgning(b, samtaler)
    f = sdp.foerste_fravaersdag
    vpv = value_at("sygedagpenge.varighed", f)
    v = vpv.value
    day = revurdering_day(
        sdp.absences(sag.slut), v["ikke_medregnet_dage"][sdp.ansaettelse], v["uger"], v["maaneder"]
    )
    if day is None:
        return
    due = end_of_month(day)
    rev = sdp.revurderet
    met = rev is not None and rev <= b.as_of and rev >= day - timedelta(days=31)
    b.add(
        rule_id="SDL.24.revurdering",
        kind="revurdering",
        nr=1,
        holder="jobcenter",
        due_from=day,
        due_by=due,
        personal=True,
        met=met,
        met_on=rev if met else None,
        pv=vpv,
        text_key=("revurdering",),
    )
    if sdp.forlaengelse is None:
        _jobafklaring(b, due, "revurdering")
        return
    fpv = value_at("sygedagpenge.forlaengelse", due)
    grund = sdp.forlaengelse.grund
    ground = fpv.value[str(grund)]
    max_uger = ground["max_uger"]
    until = None if max_uger is None else due + timedelta(weeks=max_uger)
    decided = sdp.forlaengelse.til
    if decided is not None and decided >= due and (until is None or decided < until):
        until = decided
    b.add(
        rule_id="SDL.27.forlaengelse",
        kind="forlaengelse",
        nr=grund,
        holder="jobcenter",
        due_from=due,
        due_by=until,
        personal=True,
        met=False,
        met_on=None,
        pv=fpv,
        text_key=(
            "forlaengelse",
            grund,
            ground["navn"],
            max_uger,
            decided is not None and until == decided,
        ),
        info=True,
    )
    if until is not None:
        _jobafklaring(b, until, "forlaengelse")


# --------------------------------------------------------------------------- entry points


def obligations(sag: Sag, as_of: date) -> list[Obligation]:
    """Every obligation on the case, each with its state as of `as_of`.

    Raises `ParameterNotInForce` when the case starts before the rules it needs (e.g. a
    kontaktforløb starting before 2020-01-01), and `InputError` for contradictory input.
    """
    b = _Builder(sag, as_of)
    samtaler = _samtale_index(sag, as_of)
    first_jc = _kontaktforloeb(b, samtaler)
    _ret_og_pligt(b)
    _tilbud_maal(b)
    _integration(b)
    _cv_og_booking(b)
    _uddannelsespaalaeg(b, first_jc)
    _visitation(b)
    _repatriering(b, samtaler)
    _sygedagpenge(b, samtaler)
    return b.out


def obligations_dicts(sag: Sag, as_of: date) -> list[dict[str, Any]]:
    return [o.to_dict() for o in obligations(sag, as_of)]
