"""Refusionstrappen: anciennitet, tier and rate per person-week (finansieringsloven §§ 3, 5, 6, 29).

Two paths that give identical results (tested with hypothesis):

* ``refusion_weeks(rows)``: plain Python over ``HistoryRow(person_id, week, ydelse)`` records, for
  the CLI and for single citizens. Returns one ``RefusionWeek`` per input row, with Decimal rates
  and the legal references.

* ``refusion_tiers_arrays(person_id, week_index, covered)``: NumPy over one row per person-week,
  for millions of rows (the analytics layer). STABLE SIGNATURE::

      refusion_tiers_arrays(
          person_id: np.ndarray,   # any dtype; rows grouped by person
          week_index: np.ndarray,  # int, indsats.rules.dates.week_index(monday); ISO weeks
          covered: np.ndarray,     # bool: the week has at least one covered ydelse
          *, check_sorted: bool = True,
      ) -> dict[str, np.ndarray]
          "anciennitet": int32, the week's number in the current count (0 where not covered)
          "tier":        int8, 1..4 (0 where not covered)
          "reset":       bool, the count restarted in this week (§ 6)

  Rows must be sorted by (person_id, week_index) with one row per person-week (ValueError
  otherwise). A row with ``covered=False`` is a week that is NOT self-supported but has no covered
  ydelse (e.g. løntilskud); weeks absent from the input are self-supported.
  ``refusion_rate_pct(tier, medfinansiering)`` gives the rate in whole percent (int16): refusion
  80/40/30/20, medfinansiering 20/60/70/80. ``medfinansiering_codes()`` is the set of Ydelse
  values paid with medfinansiering (dagpenge, førtidspension); ``value_first_week()`` is the
  week_index of 2015-W53, the first week the rules cover. ``refusion_frame(df)`` does the whole
  thing on a long pandas frame with columns person_id, week_index, ydelse.

How § 6 is read (docs/rules.md): a covered week w restarts the count when the person, after the
first covered week r of the current count, has had at least 52 self-supported weeks in
[max(r + 1, w - 156), w - 1] - i.e. within the latest 3 years (156 ISO weeks) before w and after
the count began. Self-supported = no covered ydelse and no løntilskud. Anciennitet is the number
of covered weeks since r, inclusive; weeks are summed across ydelser (a week counts once).
Weeks before a ydelse's start (2016-01-04; sygedagpenge 2015-12-28) are an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from indsats.domain.ydelser import Ydelse
from indsats.rules.dates import format_iso_week, parse_iso_week, week_index, week_monday
from indsats.rules.model import InputError
from indsats.rules.parameters import ParameterError, ParameterNotInForce, parameter, value_at

if TYPE_CHECKING:  # numpy and pandas load lazily: `import indsats.rules` stays fast
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike, NDArray

NON_BENEFIT_CODES = ("loentilskud",)  # not self-supported, but no covered ydelse


@dataclass(frozen=True, slots=True)
class HistoryRow:
    person_id: str
    week: int  # week index (indsats.rules.dates.week_index)
    ydelse: str  # a Ydelse value or "loentilskud"


@dataclass(frozen=True, slots=True)
class RefusionWeek:
    person_id: str
    week: int
    iso_week: str
    ydelse: str
    covered: bool
    anciennitet: int | None
    tier: int | None
    kind: str | None  # refusion | medfinansiering
    rate: Decimal | None
    reset: bool
    legal_reference: str
    source_url: str
    status: str
    rule_id: str = "FIN.5.trin"
    parameter_from: date | None = None
    parameter_to: date | None = None
    text_da: str = ""

    @property
    def parameter_version(self) -> dict[str, str | None]:
        return {
            "from": self.parameter_from.isoformat() if self.parameter_from else None,
            "to": self.parameter_to.isoformat() if self.parameter_to else None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "week": self.iso_week,
            "monday": week_monday(self.week).isoformat(),
            "ydelse": self.ydelse,
            "covered": self.covered,
            "anciennitet": self.anciennitet,
            "tier": self.tier,
            "kind": self.kind,
            # a number in JSON (0.8), exact: every rate has at most two decimals
            "rate": float(self.rate) if self.rate is not None else None,
            "rate_pct": int(self.rate * 100) if self.rate is not None else None,
            "reset": self.reset,
            "rule_id": self.rule_id,
            "parameter_version": self.parameter_version,
            "legal_reference": self.legal_reference,
            "source_url": self.source_url,
            "status": self.status,
            "text_da": self.text_da,
        }


def _text(week: int, code: str, anc: int, tier: int, kind: str, rate: Decimal, reset: bool) -> str:
    pct = f"{int(rate * 100)} %"
    who = "staten refunderer" if kind == "refusion" else "kommunen medfinansierer"
    start = " Tællingen er startet forfra (finansieringsloven § 6)." if reset else ""
    return (
        f"Uge {format_iso_week(week)} ({code}) er uge {anc} i anciennitet, trin {tier}: "
        f"{who} {pct} (finansieringsloven § 5).{start}"
    )


def _ydelse_type(code: str, week: int, where: str) -> tuple[str, Any]:
    monday = week_monday(week)
    try:
        pv = value_at(f"refusion.ydelse.{code}", monday)
    except ParameterNotInForce:
        p = parameter(f"refusion.ydelse.{code}")
        first = p.first_date.isoformat()
        raise InputError(
            where,
            f"{code} is covered by the refusion rules only from {first}"
            f"{' to ' + p.values[-1].valid_to.isoformat() if p.values[-1].valid_to else ''}"
            f"; week {format_iso_week(week)} is outside",
        ) from None
    return pv.value["type"], pv


def _tiers(monday: date) -> tuple[list[dict[str, Any]], Any]:
    pv = value_at("refusion.trin", monday)
    return pv.value, pv


def tier_of(anciennitet: int, tiers: list[dict[str, Any]]) -> dict[str, Any]:
    for t in tiers:
        if anciennitet >= t["fra_uge"] and (t["til_uge"] is None or anciennitet <= t["til_uge"]):
            return t
    raise ValueError(f"no tier for anciennitet {anciennitet}")


def validate_code(code: str, where: str) -> str:
    if code in NON_BENEFIT_CODES:
        return code
    try:
        return Ydelse(code).value
    except ValueError:
        known = ", ".join([y.value for y in Ydelse] + list(NON_BENEFIT_CODES))
        raise InputError(where, f"unknown ydelse {code!r}; known: {known}") from None


def refusion_weeks(rows: Iterable[HistoryRow]) -> list[RefusionWeek]:
    """Tier and rate for every input row, sorted by person, week and input order."""
    rows = list(rows)
    for i, row in enumerate(rows):
        validate_code(row.ydelse, f"row {i + 1}.ydelse")
    order = sorted(range(len(rows)), key=lambda i: (rows[i].person_id, rows[i].week, i))
    by_person: dict[str, dict[int, list[int]]] = {}
    for i in order:
        by_person.setdefault(rows[i].person_id, {}).setdefault(rows[i].week, []).append(i)
    out: list[RefusionWeek] = []
    for pid, weeks in by_person.items():
        week_list = sorted(weeks)
        present = set(week_list)
        r: int | None = None
        anc = 0
        for w in week_list:
            idxs = weeks[w]
            types = {}
            for i in idxs:
                code = rows[i].ydelse
                if code not in NON_BENEFIT_CODES:
                    types[i] = _ydelse_type(code, w, f"row {i + 1}.week")
            covered = bool(types)
            reset = False
            monday = week_monday(w)
            if covered:
                nul = value_at("refusion.nulstilling", monday)
                window, need = nul.value["vindue_uger"], nul.value["selvforsoergelse_uger"]
                if r is None:
                    r, anc = w, 1
                else:
                    a, b = max(r + 1, w - window), w - 1
                    self_weeks = 0
                    if b >= a:
                        self_weeks = (b - a + 1) - sum(1 for x in range(a, b + 1) if x in present)
                    if self_weeks >= need:
                        r, anc, reset = w, 1, True
                    else:
                        anc += 1
                tiers, tpv = _tiers(monday)
                tier = tier_of(anc, tiers)
            for i in idxs:
                code = rows[i].ydelse
                if i in types:
                    kind, ypv = types[i]
                    out.append(
                        RefusionWeek(
                            pid,
                            w,
                            format_iso_week(w),
                            code,
                            True,
                            anc,
                            tier["trin"],
                            kind,
                            tier[kind],
                            reset,
                            f"{tpv.reference}; {nul.reference}; {ypv.reference}",
                            tpv.source,
                            "verified" if (tpv.verified and ypv.verified) else "unverified",
                            "FIN.5.trin",
                            tpv.valid_from,
                            tpv.valid_to,
                            _text(w, code, anc, tier["trin"], kind, tier[kind], reset),
                        )
                    )
                else:
                    out.append(
                        RefusionWeek(
                            pid,
                            w,
                            format_iso_week(w),
                            code,
                            covered,
                            anc if covered else None,
                            tier["trin"] if covered else None,
                            None,
                            None,
                            reset,
                            "Finansieringsloven § 6 (løntilskud er ikke selvforsørgelse)",
                            "https://elov.dk/lov-om-kommunernes-finansiering-af-visse-offentlige-ydelser-udbetalt-af-kommunerne-udbetaling-danmark-og-arbejdsloshedskasserne/6/",
                            "verified",
                            "FIN.6.loentilskud",
                            None,
                            None,
                            f"Uge {format_iso_week(w)}: løntilskud giver ingen refusion her og tæller "
                            f"ikke som selvforsørgelse (finansieringsloven § 6).",
                        )
                    )
    return out


@dataclass(frozen=True, slots=True)
class HistoryPeriod:
    """A period with one benefit (both days inclusive): every ISO week it touches is a week with
    that benefit ("berørte uger": a week counts if it has a benefit on at least one day)."""

    person_id: str
    fra: date
    til: date
    ydelse: str


def rows_from_periods(periods: Iterable[HistoryPeriod]) -> list[HistoryRow]:
    """One `HistoryRow` per person, ISO week and benefit touched by the periods (overlapping
    periods of the same benefit give the week once)."""
    seen: set[tuple[str, int, str]] = set()
    rows: list[HistoryRow] = []
    for i, p in enumerate(periods):
        validate_code(p.ydelse, f"period {i + 1}.ydelse")
        if p.til < p.fra:
            raise InputError(f"period {i + 1}.til", f"end {p.til} is before start {p.fra}")
        for w in range(week_index(p.fra), week_index(p.til) + 1):
            if (p.person_id, w, p.ydelse) not in seen:
                seen.add((p.person_id, w, p.ydelse))
                rows.append(HistoryRow(p.person_id, w, p.ydelse))
    return rows


def _csv_dict_rows(
    text: str, name: str, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: cell}) for each data row of a `,`-separated text with a header that has
    every `required` column. Lines are an editor's: blank lines are skipped but counted, and a
    record with a quoted line break has the line it starts on. A quoting error is an InputError
    naming that line."""
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] | None = None
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{name} line {start}", f"not valid CSV ({exc})") from None
        end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [h.strip() for h in row]
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(f"{name}: header", f"missing column(s) {', '.join(missing)}")
            continue
        if len(row) > len(header):
            raise InputError(
                f"{name} line {start}", f"{len(row)} cells but the header has {len(header)}"
            )
        yield start, dict(zip(header, row, strict=False))
    if header is None:
        raise InputError(f"{name}: header", f"empty file; expected columns {','.join(required)}")


def read_history_periods_csv(text: str, *, name: str = "HISTORY.csv") -> list[HistoryRow]:
    """Parse ``person_id,fra,til,ydelse`` CSV (dates YYYY-MM-DD) into week rows. Errors name the
    line and field."""
    required = ("person_id", "fra", "til", "ydelse")
    periods: list[HistoryPeriod] = []
    for line_no, raw in _csv_dict_rows(text, name, required):
        where = f"{name} line {line_no}"
        values = {c: (raw.get(c) or "").strip() for c in required}
        for c in required:
            if not values[c]:
                raise InputError(f"{where}, field {c}", "missing")
        days = {}
        for c in ("fra", "til"):
            try:
                days[c] = date.fromisoformat(values[c])
            except ValueError:
                raise InputError(
                    f"{where}, field {c}", f"{values[c]!r} is not a date (YYYY-MM-DD)"
                ) from None
        if days["til"] < days["fra"]:
            raise InputError(
                f"{where}, field til", f"end {days['til']} is before start {days['fra']}"
            )
        validate_code(values["ydelse"], f"{where}, field ydelse")
        periods.append(
            HistoryPeriod(values["person_id"], days["fra"], days["til"], values["ydelse"])
        )
    rows = rows_from_periods(periods)
    for r in rows:
        if r.ydelse not in NON_BENEFIT_CODES:
            _ydelse_type(
                r.ydelse, r.week, f"{name}: person {r.person_id}, week {format_iso_week(r.week)}"
            )
    return rows


def read_history(text: str, *, name: str = "HISTORY.csv") -> list[HistoryRow]:
    """Week rows (``person_id,week,ydelse``) or periods (``person_id,fra,til,ydelse``), by the
    header."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    if "fra" in [h.strip() for h in header.split(",")]:
        return read_history_periods_csv(text, name=name)
    return read_history_csv(text, name=name)


def read_history_csv(text: str, *, name: str = "HISTORY.csv") -> list[HistoryRow]:
    """Parse ``person_id,week,ydelse`` CSV (week as 2024-W05 or 2024W05). Errors name line+field."""
    required = ("person_id", "week", "ydelse")
    rows: list[HistoryRow] = []
    seen: set[tuple[str, int, str]] = set()
    for line_no, raw in _csv_dict_rows(text, name, required):
        where = f"{name} line {line_no}"
        pid = (raw.get("person_id") or "").strip()
        if not pid:
            raise InputError(f"{where}, field person_id", "missing")
        wk = (raw.get("week") or "").strip()
        if not wk:
            raise InputError(f"{where}, field week", "missing")
        try:
            w = parse_iso_week(wk)
        except ValueError as exc:
            raise InputError(f"{where}, field week", str(exc)) from None
        code = (raw.get("ydelse") or "").strip()
        if not code:
            raise InputError(f"{where}, field ydelse", "missing")
        validate_code(code, f"{where}, field ydelse")
        if (pid, w, code) in seen:
            raise InputError(f"{where}", f"duplicate row for person {pid}, week {wk}, {code}")
        seen.add((pid, w, code))
        try:
            if code not in NON_BENEFIT_CODES:
                _ydelse_type(code, w, f"{where}, field week")
        except InputError:
            raise
        rows.append(HistoryRow(pid, w, code))
    return rows


# --------------------------------------------------------------------------- vectorised


def _single_value(key: str) -> Any:
    p = parameter(key)
    if len(p.values) != 1:
        # The refusion tiers have one version since 2016. If the law changes them, the array
        # path must split the weeks by version; until then it refuses rather than guess.
        raise ParameterError(
            f"{key} has {len(p.values)} versions; refusion_tiers_arrays handles one "
            "(use refusion_weeks per person, which dates every week)"
        )
    return p.values[0]


def refusion_tiers_arrays(
    person_id: ArrayLike, week_index: ArrayLike, covered: ArrayLike, *, check_sorted: bool = True
) -> dict[str, NDArray[Any]]:
    """See the module docstring. Returns {"anciennitet", "tier", "reset"} as NumPy arrays."""
    import numpy as np

    pid = np.asarray(person_id)
    wk = np.asarray(week_index, dtype=np.int64)
    cov = np.asarray(covered, dtype=bool)
    n = len(wk)
    if not (len(pid) == n == len(cov)):
        raise ValueError("person_id, week_index and covered must have the same length")
    anc = np.zeros(n, dtype=np.int32)
    tier = np.zeros(n, dtype=np.int8)
    reset = np.zeros(n, dtype=bool)
    if n == 0:
        return {"anciennitet": anc, "tier": tier, "reset": reset}
    new_person = np.ones(n, dtype=bool)
    new_person[1:] = pid[1:] != pid[:-1]
    grp = np.cumsum(new_person) - 1  # 0-based person group per row
    if check_sorted:
        same = ~new_person[1:]
        if np.any(same & (wk[1:] <= wk[:-1])):
            raise ValueError("rows must be sorted by (person_id, week_index) with unique weeks")
        if len(np.unique(grp[new_person])) != int(new_person.sum()) or (
            pid.dtype.kind in "iufUSO" and len(np.unique(pid)) != int(new_person.sum())
        ):
            raise ValueError("rows of one person must be contiguous (sort by person_id)")
    nul = _single_value("refusion.nulstilling")
    window = int(nul.value["vindue_uger"])
    need = int(nul.value["selvforsoergelse_uger"])
    first_week = value_first_week()
    if np.any(wk[cov] < first_week):
        raise ValueError(
            "covered weeks before 2015-W53 (2015-12-28) are outside the refusion rules"
        )

    span_shift = np.int64(1) << 24
    wmin = wk.min() - window - 2
    comp = grp.astype(np.int64) * span_shift + (wk - wmin)

    def present(g: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        base = g.astype(np.int64) * span_shift
        return np.asarray(
            np.searchsorted(comp, base + (b - wmin), side="right")
            - np.searchsorted(comp, base + (a - wmin), side="left")
        )

    cov_idx = np.flatnonzero(cov)
    cov_grp = grp[cov_idx]
    # first covered row per person = initial count start
    first_mask = np.ones(len(cov_idx), dtype=bool)
    first_mask[1:] = cov_grp[1:] != cov_grp[:-1]
    n_groups = int(grp[-1]) + 1
    r_week = np.full(n_groups, np.iinfo(np.int64).max, dtype=np.int64)
    r_week[cov_grp[first_mask]] = wk[cov_idx[first_mask]]
    seg_start = np.zeros(n, dtype=bool)
    seg_start[cov_idx[first_mask]] = True

    active = cov_idx[~first_mask]  # candidate rows that may restart the count
    while len(active):
        g = grp[active]
        w = wk[active]
        keep = w > r_week[g]
        active, g, w = active[keep], g[keep], w[keep]
        if not len(active):
            break
        a = np.maximum(r_week[g] + 1, w - window)
        b = w - 1
        length = np.maximum(b - a + 1, 0)
        selfw = np.where(length > 0, length - present(g, a, b), 0)
        hit = selfw >= need
        if not hit.any():
            break
        hit_rows = active[hit]
        hit_grp = g[hit]
        _, first_pos = np.unique(hit_grp, return_index=True)
        restart_rows = hit_rows[first_pos]
        restart_grp = hit_grp[first_pos]
        r_week[restart_grp] = wk[restart_rows]
        reset[restart_rows] = True
        seg_start[restart_rows] = True
        # continue only with persons that restarted, after their new start
        still = np.isin(g, restart_grp)
        active = active[still]
    cc = np.cumsum(cov)
    last_start = np.where(seg_start, np.arange(n), -1)
    last_start = np.maximum.accumulate(last_start)
    anc_all = cc - cc[np.maximum(last_start, 0)] + 1
    anc[cov] = anc_all[cov].astype(np.int32)
    tiers = _single_value("refusion.trin").value
    bounds = np.array([t["til_uge"] for t in tiers if t["til_uge"] is not None], dtype=np.int64)
    tier[cov] = (1 + np.searchsorted(bounds, anc[cov], side="left")).astype(np.int8)
    return {"anciennitet": anc, "tier": tier, "reset": reset}


def value_first_week() -> int:
    from indsats.rules.dates import week_index

    return week_index(parameter("refusion.trin").first_date)


def refusion_rate_pct(tier: ArrayLike, medfinansiering: ArrayLike) -> NDArray[np.int16]:
    """Rate in whole percent per row (int16; 0 where tier is 0)."""
    import numpy as np

    tiers = _single_value("refusion.trin").value
    ref = np.zeros(len(tiers) + 1, dtype=np.int16)
    med = np.zeros(len(tiers) + 1, dtype=np.int16)
    for t in tiers:
        ref[t["trin"]] = int(t["refusion"] * 100)
        med[t["trin"]] = int(t["medfinansiering"] * 100)
    tier_idx = np.asarray(tier, dtype=np.int64)
    rate: NDArray[np.int16] = np.where(
        np.asarray(medfinansiering, dtype=bool), med[tier_idx], ref[tier_idx]
    )
    return rate.astype(np.int16)


def medfinansiering_codes() -> set[str]:
    out = set()
    for y in Ydelse:
        p = parameter(f"refusion.ydelse.{y.value}")
        if any(v.value["type"] == "medfinansiering" for v in p.values):
            out.add(y.value)
    return out


def refusion_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Long pandas frame (person_id, week_index, ydelse) -> same rows plus anciennitet, tier,
    reset, kind and rate_pct. Codes are validated; ydelse start dates are not checked here."""
    import numpy as np
    import pandas as pd

    for col in ("person_id", "week_index", "ydelse"):
        if col not in df.columns:
            raise InputError(col, "missing column")
    known = {y.value for y in Ydelse} | set(NON_BENEFIT_CODES)
    bad = ~df["ydelse"].isin(known)
    if bad.any():
        raise InputError("ydelse", f"unknown ydelse {df['ydelse'][bad].iloc[0]!r}")
    covered_row = ~df["ydelse"].isin(NON_BENEFIT_CODES)
    weeks = (
        pd.DataFrame(
            {
                "person_id": df["person_id"].to_numpy(),
                "week_index": df["week_index"].to_numpy(np.int64),
                "covered": covered_row.to_numpy(),
            }
        )
        .groupby(["person_id", "week_index"], sort=True, as_index=False)["covered"]
        .any()
    )
    res = refusion_tiers_arrays(
        weeks["person_id"].to_numpy(), weeks["week_index"].to_numpy(), weeks["covered"].to_numpy()
    )
    for k, v in res.items():
        weeks[k] = v
    out = df.merge(weeks.drop(columns="covered"), on=["person_id", "week_index"], how="left")
    med = out["ydelse"].isin(medfinansiering_codes()).to_numpy()
    cov = ~out["ydelse"].isin(NON_BENEFIT_CODES).to_numpy()
    out["kind"] = np.where(cov, np.where(med, "medfinansiering", "refusion"), np.array(None))
    out["rate_pct"] = np.where(cov, refusion_rate_pct(out["tier"].to_numpy(), med), 0)
    return out
