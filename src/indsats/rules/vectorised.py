"""Vectorised obligations for a whole caseload (NumPy), giving exactly the per-case results.

    frames = cases_to_frames(sager)                 # or build the frames directly (columns below)
    df = obligations_frame(frames, as_of)           # one row per obligation, same fields as
                                                    # Obligation.to_dict() (parameter_version
                                                    # flattened to parameter_from/parameter_to)

`CaseFrames` holds five pandas DataFrames (dates as ``datetime64``; NaT = missing):

* ``cases``: sag_id, ydelse, maalgruppe, visitation, start, slut, foedselsdato, uddannelse,
  forsoerger, tidligere_ledighed_dage, jobcenter_fra_start, integrationsprogram_start,
  repat_omfattet, repat_ophold_fra, repat_maaneder, cv_registreret, uddannelsespaalaeg_givet,
  sdp_foerste_fravaersdag, sdp_kategori, sdp_ansaettelse, sdp_forlaengelse_grund (0 = none),
  sdp_revurderet, visiteret
* ``samtaler``: case (row number in ``cases``), dato, count_key ("jobsamtale:jobcenter", ...)
* ``tilbud``: case, type, start, slut, tilbudt
* ``fritagelser``: case, fra, til
* ``sdp_perioder``: case, fra, til (only for sygedagpenge cases with explicit periods; those few
  cases use the per-case `revurdering_day`, the rest a closed form)

The module imports NumPy and pandas at import time; `import indsats.rules` does not import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.tilbud import TILBUDSTYPER, TilbudType
from indsats.domain.ydelser import Ydelse
from indsats.rules.dates import _holiday_table
from indsats.rules.model import (
    InputError,
    Periode,
    Repatriering,
    Sag,
    Samtale,
    SygedagpengeInfo,
    Tilbud,
)
from indsats.rules.obligations import (
    blocks_of,
    revurdering_day,
)
from indsats.rules.parameters import ParameterNotInForce, ParameterValue, parameter

NA = np.int64(-(2**62))
_EPOCH = date(1970, 1, 1)
_DSHIFT = np.int64(1) << 17  # day offsets packed into composite keys
_DMIN = (date(1960, 1, 1) - _EPOCH).days
COUNT_KEYS = (
    "jobsamtale:jobcenter",
    "jobsamtale:akasse",
    "faelles:jobcenter",
    "opfoelgning:jobcenter",
    "repatriering:jobcenter",
)
_KEY_CODE = {k: i for i, k in enumerate(COUNT_KEYS)}

CASE_COLUMNS = (
    "sag_id",
    "ydelse",
    "maalgruppe",
    "visitation",
    "start",
    "slut",
    "foedselsdato",
    "uddannelse",
    "forsoerger",
    "tidligere_ledighed_dage",
    "jobcenter_fra_start",
    "integrationsprogram_start",
    "repat_omfattet",
    "repat_ophold_fra",
    "repat_maaneder",
    "cv_registreret",
    "uddannelsespaalaeg_givet",
    "sdp_foerste_fravaersdag",
    "sdp_kategori",
    "sdp_ansaettelse",
    "sdp_forlaengelse_grund",
    "sdp_revurderet",
    "visiteret",
)
_DATE_COLS = (
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
)


@dataclass
class CaseFrames:
    cases: pd.DataFrame
    samtaler: pd.DataFrame
    tilbud: pd.DataFrame
    fritagelser: pd.DataFrame
    sdp_perioder: pd.DataFrame


# --------------------------------------------------------------------------- conversion


def _dt(values: list[date | None]) -> np.ndarray:
    return np.array(
        [np.datetime64(v, "D") if v is not None else np.datetime64("NaT", "D") for v in values],
        dtype="datetime64[D]",
    )


def cases_to_frames(sager: list[Sag]) -> CaseFrames:
    """Flatten `Sag` objects into the columnar form `obligations_frame` reads."""
    cols: dict[str, list[Any]] = {c: [] for c in CASE_COLUMNS}
    sam: dict[str, list[Any]] = {"case": [], "dato": [], "count_key": []}
    til: dict[str, list[Any]] = {"case": [], "type": [], "start": [], "slut": [], "tilbudt": []}
    fri: dict[str, list[Any]] = {"case": [], "fra": [], "til": []}
    sdpp: dict[str, list[Any]] = {"case": [], "fra": [], "til": []}
    for i, s in enumerate(sager):
        sdp = s.sygedagpenge
        rep = s.repatriering
        row = {
            "sag_id": s.sag_id,
            "ydelse": s.ydelse.value,
            "maalgruppe": s.maalgruppe.value,
            "visitation": s.visitation.value if s.visitation else "",
            "start": s.start,
            "slut": s.slut,
            "foedselsdato": s.foedselsdato,
            "uddannelse": s.erhvervskompetencegivende_uddannelse,
            "forsoerger": s.forsoergerpligt_boern,
            "tidligere_ledighed_dage": s.tidligere_ledighed_dage,
            "jobcenter_fra_start": s.jobcenter_fra_start,
            "integrationsprogram_start": s.integrationsprogram_start,
            "repat_omfattet": bool(rep and rep.omfattet),
            "repat_ophold_fra": rep.ophold_fra if rep else None,
            "repat_maaneder": rep.maaneder_kontanthjaelp_seneste_36 if rep else 0,
            "cv_registreret": s.cv_registreret,
            "uddannelsespaalaeg_givet": s.uddannelsespaalaeg_givet,
            "sdp_foerste_fravaersdag": sdp.foerste_fravaersdag if sdp else None,
            "sdp_kategori": sdp.kategori if sdp else "",
            "sdp_ansaettelse": sdp.ansaettelse if sdp else "",
            "sdp_forlaengelse_grund": sdp.forlaengelse.grund if sdp and sdp.forlaengelse else 0,
            "sdp_revurderet": sdp.revurderet if sdp else None,
            "visiteret": s.visiteret,
        }
        for c in CASE_COLUMNS:
            cols[c].append(row[c])
        for x in s.samtaler:
            sam["case"].append(i)
            sam["dato"].append(x.dato)
            sam["count_key"].append(x.count_key)
        for t in s.tilbud:
            til["case"].append(i)
            til["type"].append(t.type.value)
            til["start"].append(t.start)
            til["slut"].append(t.slut)
            til["tilbudt"].append(t.tilbudt)
        for f in s.fritagelser:
            fri["case"].append(i)
            fri["fra"].append(f.fra)
            fri["til"].append(f.til)
        if sdp:
            for p in sdp.perioder:
                sdpp["case"].append(i)
                sdpp["fra"].append(p.fra)
                sdpp["til"].append(p.til)
    cases = pd.DataFrame({c: (_dt(v) if c in _DATE_COLS else v) for c, v in cols.items()})
    cases["tidligere_ledighed_dage"] = cases["tidligere_ledighed_dage"].astype(np.int64)
    cases["repat_maaneder"] = cases["repat_maaneder"].astype(np.int64)
    cases["sdp_forlaengelse_grund"] = cases["sdp_forlaengelse_grund"].astype(np.int64)
    for c in ("uddannelse", "forsoerger", "jobcenter_fra_start", "repat_omfattet"):
        cases[c] = cases[c].astype(bool)

    def frame(d: dict[str, list[Any]], dates: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                k: (
                    _dt(v)
                    if k in dates
                    else np.asarray(v, dtype=np.int64 if k == "case" else object)
                )
                for k, v in d.items()
            }
        )

    return CaseFrames(
        cases,
        frame(sam, ("dato",)),
        frame(til, ("start", "slut", "tilbudt")),
        frame(fri, ("fra", "til")),
        frame(sdpp, ("fra", "til")),
    )


def frames_to_sager(frames: CaseFrames, rows: np.ndarray | list[int] | None = None) -> list[Sag]:
    """The inverse of `cases_to_frames` (used by the benchmark for the per-case loop)."""
    c = frames.cases
    rows = np.arange(len(c)) if rows is None else np.asarray(rows)

    def d(v: Any) -> date | None:
        return None if pd.isna(v) else pd.Timestamp(v).date()

    def group(df: pd.DataFrame) -> dict[int, pd.DataFrame]:
        if not len(df):
            return {}
        sub = df[df["case"].isin(rows)]
        return {int(k): g for k, g in sub.groupby("case", sort=False)}

    sam, til, fri, sdpp = (
        group(frames.samtaler),
        group(frames.tilbud),
        group(frames.fritagelser),
        group(frames.sdp_perioder),
    )
    out = []
    for i in rows:
        r = c.iloc[int(i)]
        start = d(r["start"])
        prior = int(r["tidligere_ledighed_dage"])
        tidligere = ()
        if prior:
            end = start - timedelta(days=365 * 3)  # any past period of the right length
            tidligere = (Periode(end - timedelta(days=prior - 1), end),)
        sdp = None
        if d(r["sdp_foerste_fravaersdag"]) is not None:
            per = ()
            if int(i) in sdpp:
                g = sdpp[int(i)]
                per = tuple(Periode(d(a), d(b)) for a, b in zip(g["fra"], g["til"], strict=True))
            grund = int(r["sdp_forlaengelse_grund"])
            from indsats.rules.model import Forlaengelse

            sdp = SygedagpengeInfo(
                d(r["sdp_foerste_fravaersdag"]),
                r["sdp_kategori"],
                r["sdp_ansaettelse"],
                per,
                Forlaengelse(grund) if grund else None,
                d(r["sdp_revurderet"]),
            )
        samt = ()
        if int(i) in sam:
            g = sam[int(i)]
            samt = tuple(
                Samtale(d(x), k.split(":")[1], k.split(":")[0])
                for x, k in zip(g["dato"], g["count_key"], strict=True)
            )
        tb = ()
        if int(i) in til:
            g = til[int(i)]
            tb = tuple(
                Tilbud(TilbudType(t), d(a), d(b), d(o))
                for t, a, b, o in zip(g["type"], g["start"], g["slut"], g["tilbudt"], strict=True)
            )
        fr = ()
        if int(i) in fri:
            g = fri[int(i)]
            fr = tuple(Periode(d(a), d(b)) for a, b in zip(g["fra"], g["til"], strict=True))
        out.append(
            Sag(
                sag_id=str(r["sag_id"]),
                ydelse=Ydelse(r["ydelse"]),
                start=start,
                maalgruppe=Maalgruppe(r["maalgruppe"]),
                visitation=Visitation(r["visitation"]) if r["visitation"] else None,
                slut=d(r["slut"]),
                foedselsdato=d(r["foedselsdato"]),
                erhvervskompetencegivende_uddannelse=bool(r["uddannelse"]),
                forsoergerpligt_boern=bool(r["forsoerger"]),
                tidligere_ledighed=tidligere,
                jobcenter_fra_start=bool(r["jobcenter_fra_start"]),
                integrationsprogram_start=d(r["integrationsprogram_start"]),
                repatriering=(
                    Repatriering(True, d(r["repat_ophold_fra"]), int(r["repat_maaneder"]))
                    if r["repat_omfattet"]
                    else None
                ),
                fritagelser=fr,
                samtaler=samt,
                tilbud=tb,
                cv_registreret=d(r["cv_registreret"]),
                uddannelsespaalaeg_givet=d(r["uddannelsespaalaeg_givet"]),
                sygedagpenge=sdp,
                visiteret=d(r["visiteret"]) if "visiteret" in c.columns else None,
            )
        )
    return out


# --------------------------------------------------------------------------- numpy date helpers


def _days(col: Any) -> np.ndarray:
    """datetime-like column -> int64 days since 1970-01-01, NA for NaT."""
    arr = np.asarray(col).astype("datetime64[D]")
    out = arr.astype(np.int64)
    out[np.isnat(arr)] = NA
    return out


def _day(d: date) -> int:
    return (d - _EPOCH).days


class _Calendar:
    """Day-indexed lookup tables for 1900-01-01 .. 2199-12-31 (integer gathers, no datetime64)."""

    def __init__(self) -> None:
        self.d0 = _day(date(1900, 1, 1))
        days = np.arange(self.d0, _day(date(2200, 1, 1)), dtype=np.int64)
        dt = days.astype("datetime64[D]")
        months = dt.astype("datetime64[M]")
        self.month_index = months.astype(np.int64)  # months since 1970-01
        self.dom0 = (dt - months.astype("datetime64[D]")).astype(np.int64)  # 0-based day of month
        self.year = dt.astype("datetime64[Y]").astype(np.int64) + 1970
        self.md = (self.month_index % 12 + 1) * 100 + self.dom0 + 1
        self.m0 = int(self.month_index[0])
        mi = np.arange(self.m0, int(self.month_index[-1]) + 2, dtype=np.int64)
        self.first_of_month = mi.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        self.dim = np.append(np.diff(self.first_of_month), 31)

    def add_months(self, days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
        i = days - self.d0
        mi = self.month_index[i] - self.m0 + np.asarray(months, dtype=np.int64)
        return self.first_of_month[mi] + np.minimum(self.dom0[i], self.dim[mi] - 1)

    def end_of_month(self, days: np.ndarray) -> np.ndarray:
        mi = self.month_index[days - self.d0] - self.m0
        return self.first_of_month[mi + 1] - 1


_CAL: _Calendar | None = None


def _cal() -> _Calendar:
    global _CAL
    if _CAL is None:
        _CAL = _Calendar()
    return _CAL


def add_months_np(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    return _cal().add_months(np.asarray(days, dtype=np.int64), months)


def end_of_month_np(days: np.ndarray) -> np.ndarray:
    return _cal().end_of_month(np.asarray(days, dtype=np.int64))


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cal = _cal()
    i = np.asarray(days, dtype=np.int64) - cal.d0
    return cal.year[i], cal.md[i]


def whole_years_np(start: np.ndarray, day: np.ndarray) -> np.ndarray:
    ys, mds = _ymd(start)
    yd, mdd = _ymd(day)
    return yd - ys - (mdd < mds).astype(np.int64)


# --------------------------------------------------------------------------- output collection


class _Out:
    def __init__(self) -> None:
        self.chunks: list[dict[str, np.ndarray]] = []
        self.pvs: list[ParameterValue] = []
        self.pv_ids: dict[int, int] = {}
        self.text_keys: list[tuple] = []
        self.text_ids: dict[tuple, int] = {}
        self.rules: list[tuple[str, str, str]] = []  # (rule_id, kind, holder)
        self.rule_ids: dict[tuple[str, str, str], int] = {}

    def pv(self, v: ParameterValue) -> int:
        k = id(v)
        if k not in self.pv_ids:
            self.pv_ids[k] = len(self.pvs)
            self.pvs.append(v)
        return self.pv_ids[k]

    def text(self, key: tuple) -> int:
        if key not in self.text_ids:
            self.text_ids[key] = len(self.text_keys)
            self.text_keys.append(key)
        return self.text_ids[key]

    def rule(self, rule_id: str, kind: str, holder: str) -> int:
        k = (rule_id, kind, holder)
        if k not in self.rule_ids:
            self.rule_ids[k] = len(self.rules)
            self.rules.append(k)
        return self.rule_ids[k]

    def add(
        self,
        rows: np.ndarray,
        *,
        order: int,
        rule: int,
        nr: int | np.ndarray,
        due_from: np.ndarray,
        due_by: np.ndarray,
        personal: bool | np.ndarray,
        met_on: np.ndarray,
        pv: int | np.ndarray,
        text: int | np.ndarray,
        info: bool = False,
        met: np.ndarray | None = None,
    ) -> None:
        n = len(rows)
        if n == 0:
            return

        def full(x: Any, dtype: Any) -> np.ndarray:
            a = np.asarray(x, dtype=dtype)
            return np.full(n, a, dtype=dtype) if a.ndim == 0 else a

        met_on = full(met_on, np.int64)
        self.chunks.append(
            {
                "row": rows.astype(np.int64),
                "order": np.full(n, order, dtype=np.int32),
                "rule": np.full(n, rule, dtype=np.int16),
                "nr": full(nr, np.int16),
                "due_from": _d32(full(due_from, np.int64)),
                "due_by": _d32(full(due_by, np.int64)),
                "personal": full(personal, bool),
                "met": (met_on != NA) if met is None else full(met, bool),
                "met_on": _d32(met_on),
                "pv": full(pv, np.int16),
                "text": full(text, np.int32),
                "info": np.full(n, info, dtype=bool),
            }
        )


NA32 = np.int32(np.iinfo(np.int32).min)


def _d32(days: np.ndarray) -> np.ndarray:
    """Store day numbers as int32 (NA -> NA32) to halve the memory the assembly moves."""
    return np.where(days == NA, NA32, days).astype(np.int32)


def _d64(days: np.ndarray) -> np.ndarray:
    d = days.astype(np.int64)
    d[days == NA32] = NA
    return d


class _SamtaleIndex:
    """Sorted composite keys (case, count_key, day) for counting samtaler in windows."""

    def __init__(self, frames: CaseFrames, as_of_day: int) -> None:
        s = frames.samtaler
        if len(s):
            case = s["case"].to_numpy(np.int64)
            day = _days(s["dato"])
            kc = _Codes.of(s["count_key"])
            unknown = [k for k in kc.cats if k not in _KEY_CODE]
            if unknown:
                raise InputError("samtaler.count_key", f"unknown count key {unknown[0]!r}")
            code = np.array([_KEY_CODE[k] for k in kc.cats], dtype=np.int64)[kc.codes]
            keep = (day <= as_of_day) & (day >= _DMIN)
            comp = ((case[keep] * len(COUNT_KEYS) + code[keep]) * _DSHIFT) + (day[keep] - _DMIN)
            self.comp = np.sort(comp)
        else:
            self.comp = np.zeros(0, dtype=np.int64)

    def kth(
        self, rows: np.ndarray, key: str, lo: np.ndarray, hi: np.ndarray, k: int | np.ndarray
    ) -> np.ndarray:
        """Day of the k-th samtale with `key` in [lo, hi] per row, NA if fewer than k."""
        base = (rows.astype(np.int64) * len(COUNT_KEYS) + _KEY_CODE[key]) * _DSHIFT
        lo_c = np.clip(lo - _DMIN, 0, _DSHIFT - 1)
        hi_c = np.clip(hi - _DMIN, -1, _DSHIFT - 1)
        i = np.searchsorted(self.comp, base + lo_c, side="left")
        j = np.searchsorted(self.comp, base + hi_c, side="right")
        k = np.asarray(k, dtype=np.int64)
        ok = (j - i) >= k
        pos = np.where(ok, i + k - 1, 0)
        out = np.full(len(rows), NA, dtype=np.int64)
        if len(self.comp):
            out[ok] = self.comp[pos[ok]] % _DSHIFT + _DMIN
        return out


class _Codes:
    """A string column as integer codes: fast ==, != and isin against Python strings."""

    def __init__(self, codes: np.ndarray, cats: list[str]) -> None:
        self.codes = codes
        self.cats = list(cats)

    @classmethod
    def of(cls, col: Any) -> _Codes:
        codes, uniques = pd.factorize(pd.Series(col).fillna(""), sort=False)
        return cls(codes.astype(np.int32), [str(u) for u in uniques])

    def __len__(self) -> int:
        return len(self.codes)

    def _code(self, value: str) -> int:
        return self.cats.index(value) if value in self.cats else -2

    def __eq__(self, value: object) -> np.ndarray:  # type: ignore[override]
        return self.codes == self._code(str(value))

    def __ne__(self, value: object) -> np.ndarray:  # type: ignore[override]
        return self.codes != self._code(str(value))

    __hash__ = None  # type: ignore[assignment]

    def isin(self, values: Any) -> np.ndarray:
        wanted = [self._code(str(v)) for v in values]
        table = np.zeros(len(self.cats) + 2, dtype=bool)
        for w in wanted:
            if w >= 0:
                table[w] = True
        return table[self.codes]

    def value_at(self, i: int) -> str:
        return self.cats[self.codes[i]]

    def override(self, mask: np.ndarray, value: str) -> _Codes:
        cats = list(self.cats)
        if value not in cats:
            cats.append(value)
        codes = self.codes.copy()
        codes[mask] = cats.index(value)
        return _Codes(codes, cats)


def _values_covering(key: str, days: np.ndarray) -> list[tuple[ParameterValue, np.ndarray]]:
    """(value, mask) for each value of a parameter; raises if any day is before the first date."""
    p = parameter(key)
    covered = np.zeros(len(days), dtype=bool)
    out = []
    for v in p.values:
        lo = _day(v.valid_from)
        hi = _day(v.valid_to) if v.valid_to else np.iinfo(np.int64).max
        m = (days >= lo) & (days <= hi)
        covered |= m
        out.append((v, m))
    if not covered.all():
        bad = days[~covered][0]
        when = (_EPOCH + timedelta(days=int(bad))).isoformat()
        raise ParameterNotInForce(f"parameter {key} has no value on {when}")
    return out


def _target_from_np(maalgruppe: np.ndarray) -> np.ndarray:
    out = np.full(len(maalgruppe), NA, dtype=np.int64)
    for v in reversed(parameter("kontaktforloeb.maalsaetning").values):
        for g in (v.value or {}).get("maalgrupper", []):
            out[maalgruppe == g] = _day(v.valid_from)
    return out


# --------------------------------------------------------------------------- main


def obligations_frame(
    frames: CaseFrames, as_of: date, *, text: bool = True, sort: bool = True
) -> pd.DataFrame:
    """All obligations of all cases as of `as_of`; the rows of `obligations(sag, as_of)` for
    each case in case order. With ``text=False`` the `text_da` column is left out (faster). With
    ``sort=False`` the same rows come grouped by rule instead of by case (no reordering of
    millions of rows; sort yourself if you need case order)."""
    c = frames.cases
    n = len(c)
    A = _day(as_of)
    out = _Out()
    rows_all = np.arange(n, dtype=np.int64)
    ydelse = _Codes.of(c["ydelse"])
    grp = _Codes.of(c["maalgruppe"])
    visitation = _Codes.of(c["visitation"])
    start = _days(c["start"])
    slut = _days(c["slut"])
    if n and (start == NA).any():
        raise InputError("start", "missing date")
    prior = c["tidligere_ledighed_dage"].to_numpy(np.int64)
    anchor = start - prior
    sidx = _SamtaleIndex(frames, A)
    tfrom = _target_from_np(grp)
    sdp_first = _days(c["sdp_foerste_fravaersdag"])
    is_sdp = (ydelse == Ydelse.SYGEDAGPENGE.value) & (sdp_first != NA)

    # Every case looks up ret_og_pligt.frist and cv_frist at its start (as the per-case path).
    _values_covering("ret_og_pligt.frist", start)
    _values_covering("cv_og_booking.cv_frist_dage", start)
    if is_sdp.any():
        kat = _Codes.of(c["sdp_kategori"])
        kv = parameter("sygedagpenge.kategorier").at(as_of)
        bad = is_sdp & ~kat.isin(kv.value)
        if bad.any():
            k = kat.value_at(int(np.flatnonzero(bad)[0]))
            raise InputError(
                "sygedagpenge.kategori",
                f"kategori {k} does not exist on {as_of.isoformat()} "
                f"({kv.reference}; valid: {', '.join(kv.value)}); visit the case again",
            )

    # ---------------------------------------------------------------- kontaktforløb (LAB § 31)
    jc_flag = c["jobcenter_fra_start"].to_numpy(bool)
    key = np.full(n, "", dtype=object)
    key[grp == "dagpenge"] = "kontaktforloeb.samtaler.dagpenge"
    dp_jc = (grp == "dagpenge") & jc_flag
    if dp_jc.any():
        for v, m in _values_covering(
            "kontaktforloeb.samtaler.dagpenge_jobcenter_fra_start",
            np.where(dp_jc, start, _day(date(2020, 1, 1))),
        ):
            if v.value is not None:
                key[dp_jc & m] = "kontaktforloeb.samtaler.dagpenge_jobcenter_fra_start"
    key[grp == "jobparat_kontanthjaelp"] = "kontaktforloeb.samtaler.jobparat_kontanthjaelp"
    key[
        grp.isin(["aktivitetsparat_kontanthjaelp", "uddannelsesparat", "aktivitetsparat_under_30"])
    ] = "kontaktforloeb.samtaler.aktivitetsparat_og_unge"
    key[(grp == "fleksjob_ledighedsydelse") & (ydelse == "ledighedsydelse")] = (
        "kontaktforloeb.samtaler.ledighedsydelse"
    )
    key[grp.isin(["jobafklaringsforloeb", "ressourceforloeb", "revalidering"])] = (
        "kontaktforloeb.samtaler.oevrige"
    )

    has_kontakt = key != ""
    form_code = np.zeros(n, dtype=np.int8)  # 1 = alle_fysisk_6_maaneder, 2 = foerste_fysisk
    if has_kontakt.any():
        for v, m in _values_covering(
            "kontaktforloeb.samtaleform", np.where(has_kontakt, start, _day(date(2020, 1, 1)))
        ):
            form_code[m & has_kontakt] = 1 if v.value == "alle_fysisk_6_maaneder" else 2
    first_lo = np.full(n, NA, dtype=np.int64)
    first_hi = np.full(n, NA, dtype=np.int64)
    for k in sorted(set(key[has_kontakt])):
        km = key == k
        for v, m in _values_covering(k, np.where(km, start, _day(parameter(k).first_date))):
            sel = km & m
            if not sel.any() or v.value is None:
                continue
            rows = rows_all[sel]
            pv_id = out.pv(v)
            a, st, tf, fc = anchor[sel], start[sel], tfrom[sel], form_code[sel]
            have_first = np.zeros(len(rows), dtype=bool)
            for bi, blk in enumerate(blocks_of(v)):
                lo_all = add_months_np(a, blk.fra[0]) + blk.fra[1]
                hi_full = add_months_np(a, blk.til[0]) + blk.til[1]
                hi_first = (
                    add_months_np(a, blk.foerste_til[0]) + blk.foerste_til[1]
                    if blk.foerste_til is not None
                    else hi_full
                )
                is_js = not blk.id.startswith("faelles_")
                rule = out.rule(f"LAB.31.{blk.id}", "samtale", blk.holder)
                for nr in range(1, blk.antal + 1):
                    first_deadline = nr == 1 and blk.foerste_til is not None
                    hi = hi_first if first_deadline else hi_full
                    keep = hi >= st
                    lo = np.maximum(lo_all, st)
                    keep_personal = nr == 1 and blk.foerste_personlig
                    personal = np.full(len(rows), blk.personlig or keep_personal)
                    if not keep_personal and blk.til[0] <= 6:
                        personal &= ~((tf != NA) & (hi >= tf))
                    fys = np.zeros(len(rows), dtype=bool)
                    if is_js:
                        fys = ((fc == 2) & (nr == 1)) | ((fc == 1) & (blk.til[0] <= 6))
                    # text key ids for the four (fysisk, personal) combinations
                    tids = np.empty(len(rows), dtype=np.int32)
                    for fv in (False, True):
                        for pvl in (False, True):
                            mm = (fys == fv) & (personal == pvl)
                            if mm.any():
                                tgt_vals = np.unique(tf[mm & (tf != NA)]) if not pvl else []
                                if pvl or len(tgt_vals) == 0:
                                    tids[mm] = out.text(
                                        (
                                            "samtale",
                                            blk.id,
                                            blk.holder,
                                            nr,
                                            blk.antal,
                                            first_deadline,
                                            fv,
                                            None,
                                        )
                                    )
                                else:
                                    for tv in tgt_vals:
                                        mt = mm & (tf == tv)
                                        tids[mt] = out.text(
                                            (
                                                "samtale",
                                                blk.id,
                                                blk.holder,
                                                nr,
                                                blk.antal,
                                                first_deadline,
                                                fv,
                                                _EPOCH + timedelta(days=int(tv)),
                                            )
                                        )
                    if is_js and blk.holder == "jobcenter" and nr == 1:
                        newf = keep & ~have_first
                        first_lo[rows[newf]] = lo[newf]
                        first_hi[rows[newf]] = hi[newf]
                        have_first |= keep
                    met_on = sidx.kth(rows[keep], blk.count_key, lo[keep], hi[keep], nr)
                    out.add(
                        rows[keep],
                        order=bi * 100 + nr,
                        rule=rule,
                        nr=nr,
                        due_from=lo[keep],
                        due_by=hi[keep],
                        personal=personal[keep],
                        met_on=met_on,
                        pv=pv_id,
                        text=tids[keep],
                    )

    # ---------------------------------------------------------------- tilbud table
    t = frames.tilbud
    t_case = t["case"].to_numpy(np.int64) if len(t) else np.zeros(0, np.int64)
    t_type = _Codes.of(t["type"]) if len(t) else _Codes(np.zeros(0, np.int32), [])
    t_start = _days(t["start"]) if len(t) else np.zeros(0, np.int64)
    t_slut = _days(t["slut"]) if len(t) else np.zeros(0, np.int64)
    t_tilbudt = _days(t["tilbudt"]) if len(t) else np.zeros(0, np.int64)

    def counts_np(mask: np.ndarray) -> np.ndarray:
        res = np.zeros(len(t_case), dtype=bool)
        if not mask.any():
            return res
        for v, m in _values_covering(
            "ret_og_pligt.taeller_med", np.where(mask, t_start, _day(date(2020, 1, 1)))
        ):
            res |= mask & m & t_type.isin(v.value)
        return res

    # ---------------------------------------------------------------- ret og pligt (LAB § 102)
    for v, m in _values_covering("ret_og_pligt.frist", start):
        p = v.value
        sel = m & grp.isin(p["maalgrupper"])
        base = add_months_np(anchor, p["maaneder"])
        sel &= base >= start
        if not sel.any():
            continue
        rows = rows_all[sel]
        deadline = np.full(n, NA, dtype=np.int64)
        deadline[sel] = base[sel]
        moved = np.zeros(n, dtype=bool)
        is_open = np.zeros(n, dtype=bool)
        f = frames.fritagelser
        if len(f):
            f_case = f["case"].to_numpy(np.int64)
            f_fra = _days(f["fra"])
            f_til = _days(f["til"])
            max_iter = int(np.bincount(f_case).max())
            for _ in range(max_iter):
                cur = deadline[f_case]
                active = sel[f_case] & ~is_open[f_case] & (cur != NA)
                cov = active & (f_fra <= cur) & ((f_til == NA) | (cur <= f_til))
                if not cov.any():
                    break
                idx = np.flatnonzero(cov)
                cases_hit, first = np.unique(f_case[idx], return_index=True)
                hit = idx[first]
                moved[cases_hit] = True
                til_hit = f_til[hit]
                opn = til_hit == NA
                is_open[cases_hit[opn]] = True
                deadline[cases_hit[opn]] = NA
                deadline[cases_hit[~opn]] = add_months_np(
                    til_hit[~opn], p["efter_fritagelse_maaneder"]
                )
        hi = np.where(is_open, A, deadline)
        met_on = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        if len(t_case):
            tc_sel = sel[t_case]
            c_hi = hi[t_case]
            c_dead = deadline[t_case]
            base_ok = tc_sel & (t_start <= A) & (t_start >= start[t_case])
            length_ok = (t_slut == NA) | ((t_slut - t_start + 1) >= p["min_varighed_dage"])
            in_window = base_ok & (t_start <= c_hi)
            late = p["loentilskud_start_senest_dage"]
            is_lt = t_type.isin(
                [TilbudType.LOENTILSKUD_PRIVAT.value, TilbudType.LOENTILSKUD_OFFENTLIG.value]
            )
            late_ok = (
                base_ok
                & ~(t_start <= c_hi)
                & (c_dead != NA)
                & is_lt
                & (t_start <= c_dead + late)
                & (t_tilbudt != NA)
                & (t_tilbudt <= c_dead)
            )
            cand = (in_window & length_ok) | late_ok
            ok = cand & counts_np(cand)
            np.minimum.at(met_on, t_case[ok], t_start[ok])
        met_on = np.where(met_on == np.iinfo(np.int64).max, NA, met_on)
        tf = tfrom[sel]
        personal = ~((tf != NA) & (base[sel] >= tf))
        variant = np.where(~moved[sel], 0, np.where(is_open[sel], 2, 1))
        tids = np.empty(len(rows), dtype=np.int32)
        names = ("normal", "fritaget", "fritaget_aaben")
        late = p["loentilskud_start_senest_dage"]
        for vi in range(3):
            for pvl in (True, False):
                mm = (variant == vi) & (personal == pvl)
                if not mm.any():
                    continue
                if pvl:
                    tids[mm] = out.text(("ret_og_pligt", names[vi], late, None))
                else:
                    for tv in np.unique(tf[mm]):
                        tids[mm & (tf == tv)] = out.text(
                            ("ret_og_pligt", names[vi], late, _EPOCH + timedelta(days=int(tv)))
                        )
        out.add(
            rows,
            order=1000,
            rule=out.rule("LAB.102.ret_og_pligt", "tilbud", "jobcenter"),
            nr=1,
            due_from=start[sel],
            due_by=deadline[sel],
            personal=personal,
            met_on=met_on[sel],
            pv=out.pv(v),
            text=tids,
        )

    # ---------------------------------------------------------------- integration programme
    ip = _days(c["integrationsprogram_start"])
    has_ip = ip != NA
    if has_ip.any():
        for v, m in _values_covering(
            "ret_og_pligt.integrationsprogram",
            np.where(has_ip, ip, _day(parameter("ret_og_pligt.integrationsprogram").first_date)),
        ):
            sel = m & has_ip
            if not sel.any():
                continue
            due = add_months_np(
                np.where(has_ip, ip, start), v.value["foerste_virksomhedsrettede_maaneder"]
            )
            met_on = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
            if len(t_case):
                vr = t_type.isin(
                    [tt.value for tt, info in TILBUDSTYPER.items() if info.virksomhedsrettet]
                )
                ok = (
                    sel[t_case]
                    & vr
                    & (t_start >= ip[t_case])
                    & (t_start <= np.minimum(due[t_case], A))
                )
                np.minimum.at(met_on, t_case[ok], t_start[ok])
            met_on = np.where(met_on == np.iinfo(np.int64).max, NA, met_on)
            out.add(
                rows_all[sel],
                order=1100,
                rule=out.rule("IL.foerste_virksomhedsrettede_tilbud", "tilbud", "jobcenter"),
                nr=1,
                due_from=ip[sel],
                due_by=due[sel],
                personal=True,
                met_on=met_on[sel],
                pv=out.pv(v),
                text=out.text(("integration", v.value["helst_inden_dage"])),
            )

    # ---------------------------------------------------------------- CV and selvbooking
    cvg = grp.override(
        (grp == "uddannelsesparat") & (visitation == Visitation.AABENLYST_UDDANNELSESPARAT.value),
        "aabenlyst_uddannelsesparat",
    )
    cvg = cvg.override(
        (grp == "fleksjob_ledighedsydelse") & (ydelse != "ledighedsydelse"), "fleksjob"
    )
    cv_reg = _days(c["cv_registreret"])
    for v, m in _values_covering("cv_og_booking.cv_frist_dage", start):
        for g, days in v.value.items():
            sel = m & (cvg == g)
            if not sel.any():
                continue
            due = start[sel] + days
            cr = cv_reg[sel]
            met = (cr != NA) & (cr <= np.minimum(due, A))
            fra_what = (
                "tilmeldingen"
                if g == "dagpenge"
                else (
                    "første henvendelse"
                    if g in ("jobparat_kontanthjaelp", "aabenlyst_uddannelsesparat")
                    else "start"
                )
            )
            out.add(
                rows_all[sel],
                order=1200,
                rule=out.rule("LAB.23.cv", "cv", "borger"),
                nr=1,
                due_from=start[sel],
                due_by=due,
                personal=True,
                met_on=np.where(met, cr, NA),
                pv=out.pv(v),
                text=out.text(("cv", days, fra_what)),
            )
    bp = parameter("cv_og_booking.selvbooking")
    for v in bp.values:
        lo = _day(v.valid_from)
        hi = _day(v.valid_to) if v.valid_to else np.iinfo(np.int64).max
        sel = (start >= lo) & (start <= hi) & cvg.isin(v.value)
        if sel.any():
            out.add(
                rows_all[sel],
                order=1300,
                rule=out.rule("LAB.selvbooking", "selvbooking", "borger"),
                nr=1,
                due_from=start[sel],
                due_by=np.full(int(sel.sum()), NA),
                personal=True,
                met_on=np.full(int(sel.sum()), NA),
                pv=out.pv(v),
                text=out.text(("selvbooking",)),
                info=True,
            )

    # ---------------------------------------------------------------- uddannelsespålæg (LAB § 30)
    has_first = first_lo != NA
    if has_first.any():
        born = _days(c["foedselsdato"])
        udd = c["uddannelse"].to_numpy(bool)
        fors = c["forsoerger"].to_numpy(bool)
        given = _days(c["uddannelsespaalaeg_givet"])
        for v, m in _values_covering(
            "ungeindsats_integration.uddannelsespaalaeg",
            np.where(has_first, start, _day(date(2020, 1, 1))),
        ):
            p = v.value
            in_group = grp.isin(p["maalgrupper"])
            born_c = np.clip(np.where(born != NA, born, 0), _cal().d0, None)
            age = np.where(born != NA, whole_years_np(born_c, start), 10**6)
            dag = (
                (grp == "dagpenge")
                & (born != NA)
                & (age < p["dagpenge_under_alder"])
                & ~udd
                & ~fors
            )
            sel = m & has_first & (in_group | dag)
            if not sel.any():
                continue
            g = given[sel]
            met = (g != NA) & (g >= start[sel]) & (g <= A)
            isdag = dag[sel] & ~in_group[sel]
            tids = np.where(
                isdag,
                out.text(("uddannelsespaalaeg", True)),
                out.text(("uddannelsespaalaeg", False)),
            )
            out.add(
                rows_all[sel],
                order=1400,
                rule=out.rule("LAB.30.uddannelsespaalaeg", "uddannelsespaalaeg", "jobcenter"),
                nr=1,
                due_from=first_lo[sel],
                due_by=first_hi[sel],
                personal=True,
                met_on=np.where(met, g, NA),
                pv=out.pv(v),
                text=tids,
            )

    # ---------------------------------------------------------------- final visitation (BEK § 6)
    vsel = (grp == "uddannelsesparat") & (visitation == Visitation.UDDANNELSESPARAT.value)
    if vsel.any():
        vdate = _days(c["visiteret"]) if "visiteret" in c.columns else np.full(n, NA)
        for v, m in _values_covering(
            "ungeindsats_integration.visitation_uddannelsesparat",
            np.where(vsel, start, _day(date(2020, 1, 1))),
        ):
            sel = m & vsel
            if not sel.any():
                continue
            due = add_months_np(start[sel], v.value["maaneder"])
            vd = vdate[sel]
            met = (vd != NA) & (vd >= start[sel]) & (vd <= A)
            out.add(
                rows_all[sel],
                order=1450,
                rule=out.rule("BEK.6.endelig_visitation", "visitation", "jobcenter"),
                nr=1,
                due_from=start[sel],
                due_by=due,
                personal=True,
                met_on=np.where(met, vd, NA),
                pv=out.pv(v),
                text=out.text(("visitation", v.value["maaneder"])),
            )

    # ---------------------------------------------------------------- repatriering
    rp = parameter("ungeindsats_integration.repatriering")
    omf = c["repat_omfattet"].to_numpy(bool)
    if rp.applies(as_of) and omf.any():
        v = rp.at(as_of)
        p = v.value
        ophold = _days(c["repat_ophold_fra"])
        years = whole_years_np(np.clip(np.where(omf, ophold, 0), _cal().d0, None), np.full(n, A))
        months = c["repat_maaneder"].to_numpy(np.int64)
        due_from = np.maximum(start, _day(v.valid_from))
        sys_ = omf & (years < p["systematisk_under_aar"])
        if sys_.any():
            k = int(sys_.sum())
            out.add(
                rows_all[sys_],
                order=1500,
                rule=out.rule("REPAT.systematisk_vejledning", "repatriering", "jobcenter"),
                nr=1,
                due_from=due_from[sys_],
                due_by=np.full(k, NA),
                personal=True,
                met_on=np.full(k, NA),
                pv=out.pv(v),
                text=out.text(("repatriering_systematisk",)),
                info=True,
            )
        sae = omf & ~sys_ & (years >= p["saerlig_min_aar"]) & (months >= p["saerlig_min_maaneder"])
        if sae.any():
            rows = rows_all[sae]
            met_on = sidx.kth(
                rows,
                "repatriering:jobcenter",
                due_from[sae],
                np.full(len(rows), _DMIN + _DSHIFT - 1),
                1,
            )
            k = len(rows)
            out.add(
                rows,
                order=1500,
                rule=out.rule("REPAT.saerlig_samtale", "repatriering", "jobcenter"),
                nr=1,
                due_from=due_from[sae],
                due_by=np.full(k, NA),
                personal=True,
                met_on=met_on,
                pv=out.pv(v),
                text=out.text(("repatriering_saerlig",)),
            )

    # ---------------------------------------------------------------- sygedagpenge (SDL)
    if is_sdp.any():
        F = sdp_first
        kat = _Codes.of(c["sdp_kategori"])
        for v, m in _values_covering(
            "sygedagpenge.opfoelgning", np.where(is_sdp, F, _day(date(2020, 1, 1)))
        ):
            p = v.value
            sel = m & is_sdp & kat.isin(p["kategorier"])
            if not sel.any():
                continue
            rows = rows_all[sel]
            f = F[sel]
            six = add_months_np(f, p["maaneder"]) - 1
            rule = out.rule("SDL.13b.opfoelgning", "opfoelgning", "jobcenter")
            for nr in range(1, p["antal"] + 1):
                hi = f + 7 * p["foerste_senest_uger"] - 1 if nr == 1 else six
                met_on = sidx.kth(rows, "opfoelgning:jobcenter", f, hi, nr)
                out.add(
                    rows,
                    order=1600 + nr,
                    rule=rule,
                    nr=nr,
                    due_from=f,
                    due_by=hi,
                    personal=True,
                    met_on=met_on,
                    pv=out.pv(v),
                    text=out.text(("opfoelgning", nr, p["antal"])),
                )
        multi = np.zeros(n, dtype=bool)
        sp = frames.sdp_perioder
        if len(sp):
            multi[sp["case"].to_numpy(np.int64)] = True
        ans = _Codes.of(c["sdp_ansaettelse"])
        rev = _days(c["sdp_revurderet"])
        grund = c["sdp_forlaengelse_grund"].to_numpy(np.int64)
        for v, m in _values_covering(
            "sygedagpenge.varighed", np.where(is_sdp, F, _day(date(2020, 1, 1)))
        ):
            p = v.value
            sel = m & is_sdp
            if not sel.any():
                continue
            not_counted = np.zeros(n, dtype=np.int64)
            for a_name, days in p["ikke_medregnet_dage"].items():
                not_counted[ans == a_name] = days
            limit = p["uger"] * 7
            D = F + not_counted + limit
            ok = sel & ((slut == NA) | (slut >= D))
            # explicit periods: per-case fallback (rare)
            for i in np.flatnonzero(sel & multi):
                g = sp[sp["case"] == i]
                per = tuple(
                    Periode(pd.Timestamp(a).date(), None if pd.isna(b) else pd.Timestamp(b).date())
                    for a, b in zip(g["fra"], g["til"], strict=True)
                )
                day = revurdering_day(
                    _EPOCH + timedelta(days=int(F[i])),
                    int(not_counted[i]),
                    per,
                    None if slut[i] == NA else _EPOCH + timedelta(days=int(slut[i])),
                    p["uger"],
                    p["maaneder"],
                )
                ok[i] = day is not None
                if day is not None:
                    D[i] = _day(day)
            if not ok.any():
                continue
            rows = rows_all[ok]
            d = D[ok]
            due = end_of_month_np(d)
            r = rev[ok]
            met = (r != NA) & (r <= A) & (r >= d - 31)
            out.add(
                rows,
                order=1700,
                rule=out.rule("SDL.24.revurdering", "revurdering", "jobcenter"),
                nr=1,
                due_from=d,
                due_by=due,
                personal=True,
                met_on=np.where(met, r, NA),
                pv=out.pv(v),
                text=out.text(("revurdering",)),
            )
            gr = grund[ok]
            has_g = gr > 0
            if has_g.any():
                for fv, fm in _values_covering("sygedagpenge.forlaengelse", due[has_g]):
                    for gkey, ginfo in fv.value.items():
                        mm = fm & (gr[has_g] == int(gkey))
                        if not mm.any():
                            continue
                        dd = due[has_g][mm]
                        until = (
                            dd + 7 * ginfo["max_uger"]
                            if ginfo["max_uger"] is not None
                            else np.full(len(dd), NA)
                        )
                        out.add(
                            rows[has_g][mm],
                            order=1800,
                            rule=out.rule("SDL.27.forlaengelse", "forlaengelse", "jobcenter"),
                            nr=int(gkey),
                            due_from=dd,
                            due_by=until,
                            personal=True,
                            met_on=np.full(len(dd), NA),
                            pv=out.pv(fv),
                            text=out.text(
                                ("forlaengelse", int(gkey), ginfo["navn"], ginfo["max_uger"])
                            ),
                            info=True,
                        )
            if (~has_g).any():
                for jv, jm in _values_covering("sygedagpenge.jobafklaring", due[~has_g]):
                    dd = due[~has_g][jm]
                    out.add(
                        rows[~has_g][jm],
                        order=1800,
                        rule=out.rule("SDL.24a.jobafklaring", "jobafklaring", "jobcenter"),
                        nr=1,
                        due_from=dd,
                        due_by=dd,
                        personal=True,
                        met_on=np.full(len(dd), NA),
                        pv=out.pv(jv),
                        text=out.text(("jobafklaring",)),
                        info=True,
                    )

    return _assemble(out, c, slut, A, text, sort)


_COLUMNS = (
    "sag_id",
    "rule_id",
    "kind",
    "nr",
    "holder",
    "due_from",
    "due_by",
    "personal_duty",
    "met",
    "met_on",
    "state",
    "parameter",
    "parameter_from",
    "parameter_to",
    "legal_reference",
    "source_url",
    "status",
    "text_da",
    "due_by_non_working_day",
)


_NAT_INT = np.iinfo(np.int64).min  # NaT's integer value


def _to_dt(days: np.ndarray) -> np.ndarray:
    """int days (NA = missing) -> datetime64[s] (pandas keeps second resolution without a copy)."""
    return np.where(days == NA, _NAT_INT, days * 86400).view("datetime64[s]")


def _cat_from(values: list[str], codes: np.ndarray) -> pd.Categorical:
    uniq = sorted(set(values))
    pos = {u: i for i, u in enumerate(uniq)}
    mapping = np.array([pos[x] for x in values], dtype=np.int32)
    return pd.Categorical.from_codes(mapping[codes], categories=pd.Index(uniq, dtype=object))


def _assemble(
    out: _Out, c: pd.DataFrame, slut: np.ndarray, A: int, text: bool, sort: bool = True
) -> pd.DataFrame:
    if not out.chunks:
        cols = [x for x in _COLUMNS if text or x != "text_da"]
        return pd.DataFrame({k: [] for k in cols})
    row = np.concatenate([ch["row"] for ch in out.chunks])
    order = np.concatenate([ch["order"] for ch in out.chunks])
    due_from_all = _d64(np.concatenate([ch["due_from"] for ch in out.chunks]))
    # drop obligations that begin after the case ended; sort by (case, rule order)
    s = slut[row]
    keep = ~((s != NA) & (due_from_all != NA) & (due_from_all > s))
    if sort:
        sort_key = row * 4096 + order
        sort_key = np.where(keep, sort_key, np.iinfo(np.int64).max)
        idx = np.argsort(sort_key, kind="stable")[: int(keep.sum())]
    else:
        idx = np.flatnonzero(keep)
    row = row[idx]

    def col(name: str) -> np.ndarray:
        return np.concatenate([ch[name] for ch in out.chunks])[idx]

    due_from, due_by, met, info = due_from_all[idx], _d64(col("due_by")), col("met"), col("info")
    state_codes = np.where(
        info,
        4,
        np.where(
            met,
            0,
            np.where(
                (due_by != NA) & (due_by < A), 2, np.where((due_from != NA) & (due_from > A), 3, 1)
            ),
        ),
    )
    states = pd.Categorical.from_codes(
        state_codes,
        categories=pd.Index(["met", "open", "overdue", "upcoming", "info"], dtype=object),
    )
    rules = out.rules
    rcode = col("rule").astype(np.int32)
    pvs = out.pvs
    pcode = col("pv").astype(np.int32)
    ids = pd.Index(c["sag_id"])
    if ids.is_unique:
        sag_ids = pd.Categorical.from_codes(row, categories=ids)
    else:
        sag_ids = c["sag_id"].array.take(row)
    p_from_dt = _to_dt(np.array([_day(p.valid_from) for p in pvs], dtype=np.int64))[pcode]
    p_to_dt = _to_dt(
        np.array([_day(p.valid_to) if p.valid_to else NA for p in pvs], dtype=np.int64)
    )[pcode]
    # holiday/weekend names via a day-indexed table
    valid = due_by != NA
    nwd_codes = np.full(len(due_by), -1, dtype=np.int32)
    names: list[str] = []
    if valid.any():
        lo, hi = int(due_by[valid].min()), int(due_by[valid].max())
        table = np.full(hi - lo + 1, -1, dtype=np.int32)
        hol = _holiday_table()
        wd = ("lørdag", "søndag")
        for off in range(hi - lo + 1):
            d = _EPOCH + timedelta(days=lo + off)
            name = hol.get(d)
            if name is None and d.weekday() >= 5:
                name = wd[d.weekday() - 5]
            if name is not None:
                if name not in names:
                    names.append(name)
                table[off] = names.index(name)
        nwd_codes[valid] = table[due_by[valid] - lo]
    data = {
        "sag_id": sag_ids,
        "rule_id": _cat_from([r[0] for r in rules], rcode),
        "kind": _cat_from([r[1] for r in rules], rcode),
        "nr": col("nr"),
        "holder": _cat_from([r[2] for r in rules], rcode),
        "due_from": _to_dt(due_from),
        "due_by": _to_dt(due_by),
        "personal_duty": col("personal"),
        "met": met,
        "met_on": _to_dt(_d64(col("met_on"))),
        "state": states,
        "parameter": _cat_from([p.key for p in pvs], pcode),
        "parameter_from": p_from_dt,
        "parameter_to": p_to_dt,
        "legal_reference": _cat_from([p.reference for p in pvs], pcode),
        "source_url": _cat_from([p.source for p in pvs], pcode),
        "status": _cat_from([p.status for p in pvs], pcode),
    }
    if text:
        data["text_da"] = _texts_categorical(out, col("text"), due_from, due_by)
    data["due_by_non_working_day"] = pd.Categorical.from_codes(
        nwd_codes, categories=pd.Index(names, dtype=object)
    )
    return pd.DataFrame(data, copy=False)


def _texts_categorical(
    out: _Out, tcode: np.ndarray, due_from: np.ndarray, due_by: np.ndarray
) -> pd.Categorical:
    """Render each distinct (template, dates) once, then expand as a categorical column."""
    uses_from = np.array(
        [any(k in ("from", "from+14") for k in _template_parts(key)[1]) for key in out.text_keys],
        dtype=bool,
    )
    off_from = np.where(uses_from[tcode] & (due_from != NA), due_from - _DMIN, _DSHIFT - 1)
    off_by = np.where(due_by == NA, _DSHIFT - 1, due_by - _DMIN)
    comp = (tcode.astype(np.int64) * _DSHIFT + off_from) * _DSHIFT + off_by
    codes, uniq = pd.factorize(comp, sort=False)
    uniq = np.asarray(uniq, dtype=np.int64)
    ob = uniq % _DSHIFT
    of = (uniq // _DSHIFT) % _DSHIFT
    tc = uniq // (_DSHIFT * _DSHIFT)
    u_from = np.where(of == _DSHIFT - 1, NA, of + _DMIN)
    u_by = np.where(ob == _DSHIFT - 1, NA, ob + _DMIN)
    texts = _render_texts(out, tc.astype(np.int32), u_from, u_by)
    text_codes, text_cats = pd.factorize(np.asarray(texts, dtype=object), sort=False)
    return pd.Categorical.from_codes(
        text_codes[codes], categories=pd.Index(text_cats, dtype=object)
    )


_S_FROM = date(1901, 1, 2)  # sentinels for locating the dates in a rendered template
_S_TO = date(1902, 2, 4)
_HELST = 14  # the integration template also shows due_from + 14 days


def _template_parts(key: tuple) -> tuple[list[str], list[str]]:
    """Split the template text at the date placeholders: (literal parts, placeholder kinds)."""
    from indsats.rules.dates import fmt
    from indsats.rules.texts import _body

    text = _body(key, _S_FROM, _S_TO)
    marks = {
        fmt(_S_FROM): "from",
        fmt(_S_TO): "to",
        fmt(_S_FROM + timedelta(days=_HELST)): "from+14",
    }
    parts, kinds = [], []
    rest = text
    while True:
        hits = [(rest.find(m), m) for m in marks if rest.find(m) >= 0]
        if not hits:
            parts.append(rest)
            break
        pos, m = min(hits)
        parts.append(rest[:pos])
        kinds.append(marks[m])
        rest = rest[pos + len(m) :]
    return parts, kinds


def _render_texts(out: _Out, tcode: np.ndarray, due_from: np.ndarray, due_by: np.ndarray):  # noqa: ANN202
    """text_da for every row, built in Arrow from per-template literal parts and per-day date
    strings; identical to `texts.render` (checked by the equivalence tests)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from indsats.rules.dates import fmt, non_working_day_name

    templates = [_template_parts(k) for k in out.text_keys]
    width = max(len(k) for _, k in templates)
    valid = np.concatenate([due_from[due_from != NA], due_by[due_by != NA]])
    lo = int(valid.min()) if len(valid) else 0
    hi = int(valid.max()) + _HELST if len(valid) else 0
    day_strings = [fmt(_EPOCH + timedelta(days=d)) for d in range(lo, hi + 1)] + ["ukendt dato", ""]
    unknown, empty = hi - lo + 1, hi - lo + 2
    day_dict = pa.array(day_strings, type=pa.string())

    def day_index(days: np.ndarray, plus: int = 0) -> np.ndarray:
        return np.where(days == NA, unknown, days + plus - lo).astype(np.int32)

    pieces = []
    for j in range(width + 1):
        lit = [t[0][j] if j < len(t[0]) else "" for t in templates]
        pieces.append(
            pa.DictionaryArray.from_arrays(
                pa.array(tcode, type=pa.int32()), pa.array(lit, type=pa.string())
            )
        )
        if j == width:
            break
        kinds = [t[1][j] if j < len(t[1]) else "" for t in templates]
        kind_of_row = np.array(
            [{"from": 0, "to": 1, "from+14": 2, "": 3}[k] for k in kinds], dtype=np.int8
        )[tcode]
        idx = np.full(len(tcode), empty, dtype=np.int32)
        for code, arr, plus in ((0, due_from, 0), (1, due_by, 0), (2, due_from, _HELST)):
            m = kind_of_row == code
            if m.any():
                idx[m] = day_index(arr[m], plus)
        pieces.append(pa.DictionaryArray.from_arrays(pa.array(idx, type=pa.int32()), day_dict))
    # holiday / weekend note on due_by
    notes = []
    for d in range(lo, hi + 1):
        odd = non_working_day_name(_EPOCH + timedelta(days=d))
        notes.append(
            ""
            if odd is None
            else f" Fristen falder på en helligdag eller weekend ({odd}) og flyttes ikke."
        )
    notes.append("")
    note_idx = np.where(due_by == NA, hi - lo + 1, due_by - lo).astype(np.int32)
    pieces.append(
        pa.DictionaryArray.from_arrays(
            pa.array(note_idx, type=pa.int32()), pa.array(notes, type=pa.string())
        )
    )
    joined = pc.binary_join_element_wise(*[p.cast(pa.string()) for p in pieces], "")
    return (
        pd.arrays.ArrowStringArray(joined)
        if hasattr(pd.arrays, "ArrowStringArray")
        else joined.to_pandas()
    )


def frame_to_dicts(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of `obligations_frame` in the shape of `Obligation.to_dict()` (for comparisons)."""

    def iso(v: Any) -> str | None:
        return None if pd.isna(v) else pd.Timestamp(v).date().isoformat()

    out = []
    for r in df.itertuples(index=False):
        d = {
            "sag_id": r.sag_id,
            "rule_id": str(r.rule_id),
            "kind": str(r.kind),
            "nr": int(r.nr),
            "holder": str(r.holder),
            "due_from": iso(r.due_from),
            "due_by": iso(r.due_by),
            "personal_duty": bool(r.personal_duty),
            "met": bool(r.met),
            "met_on": iso(r.met_on),
            "state": str(r.state),
            "parameter": str(r.parameter),
            "parameter_version": {"from": iso(r.parameter_from), "to": iso(r.parameter_to)},
            "legal_reference": str(r.legal_reference),
            "source_url": str(r.source_url),
            "status": str(r.status),
            "due_by_non_working_day": (
                None
                if r.due_by_non_working_day is None or pd.isna(r.due_by_non_working_day)
                else r.due_by_non_working_day
            ),
        }
        if "text_da" in df.columns:
            d["text_da"] = r.text_da
        out.append(d)
    return out
