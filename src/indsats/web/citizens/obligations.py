"""The bridge from the case records in the database to `indsats.rules`.

`case_facts` reads, for many cases at once, exactly the columns the rules need (held samtaler,
offers, exemptions, the citizen's other cases) in four flat queries; `rules_sag` turns a case and
its facts into the rules' value object; `sag_statuses` asks the rules what is due. No law lives
here: only translation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pandas as pd
from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast, TruncDate

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


# --------------------------------------------------------------------------- many cases at once
#
# The same translation for a whole caseload, in columns: the cases and their facts are read in
# five flat queries and handed to `indsats.rules.vectorised.obligations_frame` as `CaseFrames`.
# Every column is what `rules_sag` would give the case (tests/web/test_team_overview.py checks
# the frame against `sag_statuses` row by row).

_CASE_VALUES = (
    "pk",
    "ydelse",
    "visitation",
    "foerste_henvendelse",
    "slut",
    "integrationsprogram_start",
    "cv_registreret",
    "sygedagpenge_kategori",
    "borger_id",
    "borger__cpr",
    "borger__har_erhvervsuddannelse",
    "borger__indrejst",
)


@dataclass
class CaseloadObligations:
    """The rules' obligations of many cases as one frame.

    `obligations` has the columns of `obligations_frame` (``sag_id`` is the case's primary key
    as text, a categorical whose codes are the case's row in `sag_ids`), in case order, with
    ``state == "late"`` for an overdue duty done after its deadline (as `_mark_done_late`).
    `errors` names the cases the rules cannot compute, with the text `sag_statuses` gives.
    """

    sag_ids: list[Any]
    start: np.ndarray  # datetime64[D] per case (foerste_henvendelse)
    obligations: pd.DataFrame
    errors: dict[Any, str]


@lru_cache(maxsize=4096)
def _maalgruppe_value(ydelse: str, start: date, visitation: str, under_30: bool) -> str:
    return maalgruppe_for(
        Ydelse(ydelse),
        start,
        visitation=Visitation(visitation) if visitation else None,
        under_30_uden_uddannelse=under_30,
    ).maalgruppe.value


@lru_cache(maxsize=65536)
def _birth_date(cpr: str) -> date:
    from indsats.domain.cpr import Cpr

    return Cpr(cpr).birth_date


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _text_key(pk: Any) -> str:
    """A case's key as the database casts it to text (PostgreSQL: hyphens; SQLite: 32 hex)."""
    return str(pk) if connection.vendor == "postgresql" else getattr(pk, "hex", str(pk))


def _error_text(exc: Exception) -> str:
    return f"Reglerne kan ikke beregne fristerne for sagen: {exc}"


_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


def _days(values: list) -> np.ndarray:
    """Dates (None = missing) as datetime64[D], without NumPy parsing each object."""
    return np.array(
        [_NAT if v is None else v.toordinal() - _EPOCH for v in values], dtype=np.int64
    ).view("datetime64[D]")


_CASE_DEFAULTS: dict[str, Any] = {
    "forsoerger": False,
    "tidligere_ledighed_dage": 0,
    "jobcenter_fra_start": False,
    "uddannelsespaalaeg_givet": None,
    "sdp_ansaettelse": "",
    "sdp_forlaengelse_grund": 0,
    "sdp_revurderet": None,
    "visiteret": None,
    "alder": -1,
    "arbejdspligt": False,
    "sdp_arbejdsgiverperiode": True,
    "sdp_forsikring": "ingen",
    "sdp_tidlig_opfoelgning": None,
    "sdp_tidlig_opfoelgning_afvist": False,
    "sdp_forenklet_opfoelgning": False,
    "sdp_forlaengelse_til": None,
}
_DATE_COLUMNS = frozenset(
    {
        "start",
        "slut",
        "foedselsdato",
        "integrationsprogram_start",
        "repat_ophold_fra",
        "cv_registreret",
        "uddannelsespaalaeg_givet",
        "sdp_foerste_fravaersdag",
        "sdp_revurderet",
        "visiteret",
        "sdp_tidlig_opfoelgning",
        "sdp_forlaengelse_til",
    }
)
_COLUMN_DTYPES: dict[str, Any] = {
    "uddannelse": bool,
    "forsoerger": bool,
    "jobcenter_fra_start": bool,
    "repat_omfattet": bool,
    "arbejdspligt": bool,
    "sdp_arbejdsgiverperiode": bool,
    "sdp_tidlig_opfoelgning_afvist": bool,
    "sdp_forenklet_opfoelgning": bool,
    "tidligere_ledighed_dage": np.int64,
    "repat_maaneder": np.int64,
    "sdp_forlaengelse_grund": np.int64,
    "alder": np.int64,
}


def caseload_obligations(
    sager: QuerySet[Sag], *, as_of: date, text: bool = False
) -> CaseloadObligations:
    """The obligations of every case in `sager` on `as_of`, computed in columns."""
    from indsats.rules.vectorised import CASE_COLUMNS, CaseFrames, obligations_frame

    rows = list(sager.order_by("pk").values_list(*_CASE_VALUES))
    ids = sager.values("pk")
    key = Cast("sag_id", output_field=CharField())  # text keys hash fast; UUID objects do not
    errors: dict[Any, str] = {}
    cols: dict[str, list[Any]] = {c: [] for c in CASE_COLUMNS}
    kept: list[Any] = []
    row_of: dict[Any, int] = {}
    entry_borgere = {r[8] for r in rows if r[11] is not None}
    citizen_cases: dict[Any, list[tuple[str, date, date | None]]] = defaultdict(list)
    if entry_borgere:
        for borger_id, ydelse, start, slut in Sag.objects.filter(
            borger_id__in=list(entry_borgere)
        ).values_list("borger_id", "ydelse", "foerste_henvendelse", "slut"):
            citizen_cases[borger_id].append((ydelse, start, slut))
    for (
        pk,
        ydelse,
        visitation,
        start,
        slut,
        integ,
        cv,
        kategori,
        borger_id,
        cpr,
        udd,
        indrejst,
    ) in rows:
        born = _birth_date(cpr)
        under_30 = _age_on(born, start) < 30 and not udd
        try:
            maalgruppe = _maalgruppe_value(ydelse, start, visitation, under_30)
            if ydelse == Ydelse.SYGEDAGPENGE.value and not kategori:
                raise rules.InputError(
                    "sygedagpenge_kategori",
                    "sygedagpengesagen mangler visitationskategori (sygedagpengeloven § 12)",
                )
        except (rules.InputError, NoMaalgruppe) as exc:
            errors[pk] = _error_text(exc)
            continue
        row_of[_text_key(pk)] = len(kept)
        kept.append(pk)
        sdp = ydelse == Ydelse.SYGEDAGPENGE.value
        values = {
            "sag_id": str(pk),
            "ydelse": ydelse,
            "maalgruppe": maalgruppe,
            "visitation": visitation or "",
            "start": start,
            "slut": slut,
            "foedselsdato": born,
            "uddannelse": udd,
            "integrationsprogram_start": integ,
            "repat_omfattet": indrejst is not None,
            "repat_ophold_fra": indrejst,
            "repat_maaneder": (
                _months_on_kontanthjaelp(citizen_cases[borger_id], as_of) if indrejst else 0
            ),
            "cv_registreret": cv,
            "sdp_foerste_fravaersdag": start if sdp else None,
            "sdp_kategori": kategori if sdp else "",
            "sdp_ansaettelse": "loenmodtager" if sdp else "",
        }
        for c in CASE_COLUMNS:
            cols[c].append(values[c] if c in values else _CASE_DEFAULTS[c])

    samtaler: dict[str, list[Any]] = {"case": [], "dato": [], "count_key": []}
    events: dict[str, list[Any]] = {"case": [], "kind": [], "holder": [], "dato": []}
    paalaeg: dict[int, date] = {}
    for sag_id, day, holder, kind, given in Samtale.objects.filter(
        sag_id__in=ids, status=Samtale.Status.AFHOLDT
    ).values_list(key, TruncDate("tidspunkt"), "afholdt_af", "type", "uddannelsespaalaeg"):
        if sag_id not in row_of:
            continue
        i = row_of[sag_id]
        samtaler["case"].append(i)
        samtaler["dato"].append(day)
        samtaler["count_key"].append(
            f"jobsamtale:{holder}" if kind == "jobsamtale" else f"{kind}:jobcenter"
        )
        events["case"].append(i)
        events["kind"].append("opfoelgning" if kind == "opfoelgning" else "samtale")
        events["holder"].append(holder)
        events["dato"].append(day)
        if given and (i not in paalaeg or day < paalaeg[i]):
            paalaeg[i] = day
    for i, day in paalaeg.items():
        cols["uddannelsespaalaeg_givet"][i] = day
    tilbud: dict[str, list[Any]] = {"case": [], "type": [], "start": [], "slut": [], "tilbudt": []}
    for sag_id, kind, start, slut, tilbudt in TilbudsForloeb.objects.filter(
        sag_id__in=ids
    ).values_list(key, "tilbudstype", "start", "slut", "tilbudt_dato"):
        if sag_id not in row_of:
            continue
        i = row_of[sag_id]
        for k, v in zip(tilbud, (i, kind, start, slut, tilbudt), strict=True):
            tilbud[k].append(v)
    fritagelser: dict[str, list[Any]] = {"case": [], "fra": [], "til": []}
    for sag_id, fra, til in Fritagelse.objects.filter(sag_id__in=ids).values_list(
        key, "fra", "til"
    ):
        if sag_id in row_of:
            for k, v in zip(fritagelser, (row_of[sag_id], fra, til), strict=True):
                fritagelser[k].append(v)

    cases = pd.DataFrame(
        {
            c: _days(v)
            if c in _DATE_COLUMNS
            else np.asarray(v, dtype=_COLUMN_DTYPES.get(c, object))
            for c, v in cols.items()
        }
    )

    def frame(d: dict[str, list[Any]], dates: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                k: _days(v) if k in dates else np.asarray(v, np.int64 if k == "case" else object)
                for k, v in d.items()
            }
        )

    frames = CaseFrames(
        cases,
        frame(samtaler, ("dato",)),
        frame(tilbud, ("start", "slut", "tilbudt")),
        frame(fritagelser, ("fra", "til")),
        frame({"case": [], "fra": [], "til": []}, ("fra", "til")),
    )
    try:
        df = obligations_frame(frames, as_of, text=text)
    except (rules.ParameterNotInForce, rules.InputError):
        # Some case cannot be computed (a start before the law's parameters, a category that no
        # longer exists): find which ones case by case, as the worklist would, and leave them out.
        bad = {
            s.sag.pk: s.error
            for s in sag_statuses(
                Sag.objects.filter(pk__in=kept).select_related("borger"), as_of=as_of
            )
            if s.error
        }
        if not bad:
            raise
        again = caseload_obligations(sager.exclude(pk__in=list(bad)), as_of=as_of, text=text)
        again.errors.update(errors | bad)
        return again
    df = _mark_done_late_frame(df, pd.DataFrame(events), tilbud, cols["start"])
    return CaseloadObligations(
        sag_ids=kept, start=cases["start"].to_numpy(), obligations=df, errors=errors
    )


def _mark_done_late_frame(
    df: pd.DataFrame, events: pd.DataFrame, tilbud: dict[str, list[Any]], starts: list[date]
) -> pd.DataFrame:
    """`_mark_done_late` for a whole frame: the same greedy choice, case by case, but only for
    the few overdue duties with a later samtale of their kind and holder, or a later offer of
    the kind the duty asks for (`tilbud_fulfils`, whenever it starts)."""
    if not len(df):
        return df
    df = df.assign(state=df["state"].cat.add_categories(["late"]))
    case = df["sag_id"].cat.codes.to_numpy(np.int64)
    overdue = (df["state"] == "overdue").to_numpy() & df["due_by"].notna().to_numpy()
    if not overdue.any():
        return df
    kinds = df["kind"].to_numpy(object)
    due = df["due_by"].to_numpy("datetime64[D]")
    later: dict[int, list[date]] = defaultdict(list)
    if len(events):
        ev = events.assign(dato=_days(list(events["dato"])))
        cand = pd.DataFrame(
            {
                "pos": np.flatnonzero(overdue),
                "case": case[overdue],
                "kind": kinds[overdue],
                "holder": df["holder"].to_numpy(object)[overdue],
                "due_by": due[overdue],
            }
        ).merge(ev, on=["case", "kind", "holder"])
        cand = cand[cand["dato"] > cand["due_by"]].sort_values(["pos", "dato"], kind="stable")
        for pos, day in zip(cand["pos"].tolist(), cand["dato"].to_numpy().tolist(), strict=True):
            later[pos].append(day)
    offer_rows = np.flatnonzero(overdue & (kinds == "tilbud")).tolist()
    if offer_rows and tilbud["case"]:
        of_case: dict[int, list[rm.Tilbud]] = defaultdict(list)
        for i, kind, start, slut, tilbudt in zip(*tilbud.values(), strict=True):
            of_case[i].append(rm.Tilbud(TilbudType(kind), start, slut, tilbudt))
        rule_ids = df["rule_id"].to_numpy(object)
        for pos in offer_rows:
            c = int(case[pos])
            # `tilbud_fulfils` reads only the case's start
            stub = cast(rules.Sag, SimpleNamespace(start=starts[c]))
            deadline = due[pos].item()
            later[pos] = sorted(
                t.start
                for t in of_case.get(c, [])
                if t.start > deadline and tilbud_fulfils(rule_ids[pos], t, stub)
            )
    later = {pos: days for pos, days in later.items() if days}
    if not later:
        return df
    states = df["state"].to_numpy(object).copy()
    met_on = df["met_on"].to_numpy("datetime64[D]").copy()
    affected = np.unique(case[list(later)])
    used: dict[int, set[tuple[str, date]]] = defaultdict(set)
    for p in np.flatnonzero(~np.isnat(met_on) & np.isin(case, affected)).tolist():
        used[int(case[p])].add((kinds[p], met_on[p].item()))
    for pos in sorted(later):  # frame order within each case is the rules' order
        c, kind = int(case[pos]), kinds[pos]
        free = [d for d in later[pos] if (kind, d) not in used[c]]
        if free:
            used[c].add((kind, free[0]))
            states[pos] = LATE
            met_on[pos] = np.datetime64(free[0], "D")
    return df.assign(
        state=pd.Categorical(states, categories=df["state"].cat.categories),
        met_on=met_on.astype("datetime64[s]"),
    )
