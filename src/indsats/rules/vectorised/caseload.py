"""`Caseload`: the columns every rule section reads, decoded once per `obligations_frame` call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from indsats.domain.ydelser import Ydelse
from indsats.rules.model import InputError
from indsats.rules.parameters import parameter
from indsats.rules.vectorised.arrays import (
    DMIN,
    DSHIFT,
    NA,
    Codes,
    day_number,
    day_numbers,
)
from indsats.rules.vectorised.frames import CaseFrames, with_defaults

COUNT_KEYS = (
    "jobsamtale:jobcenter",
    "jobsamtale:akasse",
    "faelles:jobcenter",
    "opfoelgning:jobcenter",
    "repatriering:jobcenter",
)
KEY_CODE = {k: i for i, k in enumerate(COUNT_KEYS)}


class SamtaleIndex:
    """Sorted composite keys (case, count_key, day) for counting samtaler in windows."""

    def __init__(self, frames: CaseFrames, as_of_day: int) -> None:
        s = frames.samtaler
        if len(s):
            case = s["case"].to_numpy(np.int64)
            day = day_numbers(s["dato"])
            kc = Codes.of(s["count_key"])
            unknown = [k for k in kc.cats if k not in KEY_CODE]
            if unknown:
                raise InputError("samtaler.count_key", f"unknown count key {unknown[0]!r}")
            code = np.array([KEY_CODE[k] for k in kc.cats], dtype=np.int64)[kc.codes]
            keep = (day <= as_of_day) & (day >= DMIN)
            comp = ((case[keep] * len(COUNT_KEYS) + code[keep]) * DSHIFT) + (day[keep] - DMIN)
            self.comp = np.sort(comp)
        else:
            self.comp = np.zeros(0, dtype=np.int64)

    def kth(
        self, rows: np.ndarray, key: str, lo: np.ndarray, hi: np.ndarray, k: int | np.ndarray
    ) -> np.ndarray:
        """Day of the k-th samtale with `key` in [lo, hi] per row, NA if fewer than k."""
        base = (rows.astype(np.int64) * len(COUNT_KEYS) + KEY_CODE[key]) * DSHIFT
        lo_c = np.clip(lo - DMIN, 0, DSHIFT - 1)
        hi_c = np.clip(hi - DMIN, -1, DSHIFT - 1)
        i = np.searchsorted(self.comp, base + lo_c, side="left")
        j = np.searchsorted(self.comp, base + hi_c, side="right")
        k = np.asarray(k, dtype=np.int64)
        ok = (j - i) >= k
        pos = np.where(ok, i + k - 1, 0)
        out = np.full(len(rows), NA, dtype=np.int64)
        if len(self.comp):
            out[ok] = self.comp[pos[ok]] % DSHIFT + DMIN
        return out


def target_from_np(maalgruppe: Codes, kind: str) -> np.ndarray:
    """Per case, the first day its group's samtaler (kind "samtaler") or first tilbud (kind
    "tilbud") are municipal targets (NA: never); `obligations.target_from` per case."""
    out = np.full(len(maalgruppe), NA, dtype=np.int64)
    for v in reversed(parameter("kontaktforloeb.maalsaetning").values):
        for g in (v.value or {}).get(f"maalgrupper_{kind}", []):
            out[maalgruppe == g] = day_number(v.valid_from)
    return out


def tilbud_target_from_np(maalgruppe: Codes, arbejdspligt: np.ndarray) -> np.ndarray:
    """`obligations.tilbud_target_from` per case: persons under arbejdspligt stay outside."""
    out = target_from_np(maalgruppe, "tilbud")
    for v in parameter("kontaktforloeb.maalsaetning").values:
        if "arbejdspligt" in (v.value or {}).get("undtaget_tilbud", []):
            out[arbejdspligt & (out == day_number(v.valid_from))] = NA
    return out


@dataclass
class TilbudColumns:
    """The tilbud table as arrays (one row per tilbud, `case` = row in the cases frame)."""

    case: np.ndarray
    type: Codes
    start: np.ndarray
    slut: np.ndarray
    tilbudt: np.ndarray

    @classmethod
    def of(cls, t: pd.DataFrame) -> TilbudColumns:
        if not len(t):
            empty = np.zeros(0, np.int64)
            return cls(empty, Codes(np.zeros(0, np.int32), []), empty, empty, empty)
        return cls(
            t["case"].to_numpy(np.int64),
            Codes.of(t["type"]),
            day_numbers(t["start"]),
            day_numbers(t["slut"]),
            day_numbers(t["tilbudt"]),
        )


@dataclass
class Caseload:
    """Decoded case columns shared by the rule sections (days as int64 day numbers, NA = none)."""

    frames: CaseFrames
    cases: pd.DataFrame
    n: int
    as_of: date
    as_of_day: int
    rows: np.ndarray  # 0..n-1
    ydelse: Codes
    maalgruppe: Codes
    visitation: Codes
    start: np.ndarray
    slut: np.ndarray
    anchor: np.ndarray  # start minus summed earlier ledighed (LAB § 9)
    target_from_samtaler: np.ndarray  # first day the group's samtaler are municipal targets, or NA
    target_from_tilbud: np.ndarray  # the same for the first tilbud (arbejdspligt outside)
    samtaler: SamtaleIndex
    tilbud: TilbudColumns

    @classmethod
    def of(cls, frames: CaseFrames, as_of: date) -> Caseload:
        c = with_defaults(frames.cases)
        n = len(c)
        as_of_day = day_number(as_of)
        start = day_numbers(c["start"])
        if n and (start == NA).any():
            raise InputError("start", "missing date")
        grp = Codes.of(c["maalgruppe"])
        return cls(
            frames=frames,
            cases=c,
            n=n,
            as_of=as_of,
            as_of_day=as_of_day,
            rows=np.arange(n, dtype=np.int64),
            ydelse=Codes.of(c["ydelse"]),
            maalgruppe=grp,
            visitation=Codes.of(c["visitation"]),
            start=start,
            slut=day_numbers(c["slut"]),
            anchor=start - c["tidligere_ledighed_dage"].to_numpy(np.int64),
            target_from_samtaler=target_from_np(grp, "samtaler"),
            target_from_tilbud=tilbud_target_from_np(grp, c["arbejdspligt"].to_numpy(bool)),
            samtaler=SamtaleIndex(frames, as_of_day),
            tilbud=TilbudColumns.of(frames.tilbud),
        )

    @property
    def is_sygedagpenge(self) -> np.ndarray:
        first = day_numbers(self.cases["sdp_foerste_fravaersdag"])
        return np.asarray((self.ydelse == Ydelse.SYGEDAGPENGE.value) & (first != NA))
