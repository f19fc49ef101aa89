"""The columnar input of the vectorised path (`CaseFrames`) and its conversion from and to `Sag`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import numpy as np
import pandas as pd

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import Ydelse
from indsats.rules.model import (
    Forlaengelse,
    Periode,
    Repatriering,
    Sag,
    Samtale,
    SygedagpengeInfo,
    Tilbud,
)

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
    "alder",
    "arbejdspligt",
    "sdp_arbejdsgiverperiode",
    "sdp_forsikring",
    "sdp_tidlig_opfoelgning",
    "sdp_tidlig_opfoelgning_afvist",
    "sdp_forenklet_opfoelgning",
    "sdp_forlaengelse_til",
)
# Columns added after the first release: a frame without them gets these defaults.
OPTIONAL_DEFAULTS: dict[str, Any] = {
    "visiteret": None,
    "alder": -1,  # -1 = not given (the birth date decides)
    "arbejdspligt": False,
    "sdp_arbejdsgiverperiode": True,
    "sdp_forsikring": "ingen",
    "sdp_tidlig_opfoelgning": None,
    "sdp_tidlig_opfoelgning_afvist": False,
    "sdp_forenklet_opfoelgning": False,
    "sdp_forlaengelse_til": None,
}
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
    "sdp_tidlig_opfoelgning",
    "sdp_forlaengelse_til",
)
_BOOL_COLS = (
    "uddannelse",
    "forsoerger",
    "jobcenter_fra_start",
    "repat_omfattet",
    "arbejdspligt",
    "sdp_arbejdsgiverperiode",
    "sdp_tidlig_opfoelgning_afvist",
    "sdp_forenklet_opfoelgning",
)


@dataclass
class CaseFrames:
    cases: pd.DataFrame
    samtaler: pd.DataFrame
    tilbud: pd.DataFrame
    fritagelser: pd.DataFrame
    sdp_perioder: pd.DataFrame


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
            "alder": s.alder if s.alder is not None else -1,
            "arbejdspligt": s.arbejdspligt,
            "sdp_arbejdsgiverperiode": sdp.arbejdsgiverperiode if sdp else True,
            "sdp_forsikring": sdp.forsikring if sdp else "ingen",
            "sdp_tidlig_opfoelgning": sdp.tidlig_opfoelgning if sdp else None,
            "sdp_tidlig_opfoelgning_afvist": sdp.tidlig_opfoelgning_afvist if sdp else False,
            "sdp_forenklet_opfoelgning": sdp.forenklet_opfoelgning if sdp else False,
            "sdp_forlaengelse_til": sdp.forlaengelse.til if sdp and sdp.forlaengelse else None,
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
    cases["alder"] = cases["alder"].astype(np.int64)
    for c in _BOOL_COLS:
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


def with_defaults(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases frame with every optional column (a frame built before they existed gets the
    defaults; the caller's frame is not changed)."""
    missing = {k: v for k, v in OPTIONAL_DEFAULTS.items() if k not in cases.columns}
    if not missing:
        return cases
    extra: dict[str, Any] = {}
    for k, v in missing.items():
        if k in _DATE_COLS:
            extra[k] = np.full(len(cases), np.datetime64("NaT"), dtype="datetime64[D]")
        else:
            extra[k] = np.full(len(cases), v, dtype=object if isinstance(v, str) else type(v))
    return cases.assign(**extra)


def frames_to_sager(frames: CaseFrames, rows: np.ndarray | list[int] | None = None) -> list[Sag]:
    """The inverse of `cases_to_frames` (used by the benchmark for the per-case loop)."""
    c = with_defaults(frames.cases)
    rows = np.arange(len(c)) if rows is None else np.asarray(rows)

    def d(v: Any) -> date | None:
        return None if pd.isna(v) else pd.Timestamp(v).date()

    def day(v: Any) -> date:
        if pd.isna(v):
            raise ValueError("a required date of a case frame is missing")
        return cast(date, pd.Timestamp(v).date())

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
        start = day(r["start"])
        prior = int(r["tidligere_ledighed_dage"])
        tidligere: tuple[Periode, ...] = ()
        if prior:
            end = start - timedelta(days=365 * 3)  # any past period of the right length
            tidligere = (Periode(end - timedelta(days=prior - 1), end),)
        sdp = None
        if d(r["sdp_foerste_fravaersdag"]) is not None:
            per: tuple[Periode, ...] = ()
            if int(i) in sdpp:
                g = sdpp[int(i)]
                per = tuple(Periode(day(a), d(b)) for a, b in zip(g["fra"], g["til"], strict=True))
            grund = int(r["sdp_forlaengelse_grund"])
            sdp = SygedagpengeInfo(
                day(r["sdp_foerste_fravaersdag"]),
                r["sdp_kategori"],
                r["sdp_ansaettelse"],
                per,
                Forlaengelse(grund, d(r["sdp_forlaengelse_til"])) if grund else None,
                d(r["sdp_revurderet"]),
                bool(r["sdp_arbejdsgiverperiode"]),
                r["sdp_forsikring"],
                d(r["sdp_tidlig_opfoelgning"]),
                bool(r["sdp_tidlig_opfoelgning_afvist"]),
                bool(r["sdp_forenklet_opfoelgning"]),
            )
        samt: tuple[Samtale, ...] = ()
        if int(i) in sam:
            g = sam[int(i)]
            samt = tuple(
                Samtale(day(x), k.split(":")[1], k.split(":")[0])
                for x, k in zip(g["dato"], g["count_key"], strict=True)
            )
        tb: tuple[Tilbud, ...] = ()
        if int(i) in til:
            g = til[int(i)]
            tb = tuple(
                Tilbud(TilbudType(t), day(a), d(b), d(o))
                for t, a, b, o in zip(g["type"], g["start"], g["slut"], g["tilbudt"], strict=True)
            )
        fr: tuple[Periode, ...] = ()
        if int(i) in fri:
            g = fri[int(i)]
            fr = tuple(Periode(day(a), d(b)) for a, b in zip(g["fra"], g["til"], strict=True))
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
                    Repatriering(True, day(r["repat_ophold_fra"]), int(r["repat_maaneder"]))
                    if r["repat_omfattet"]
                    else None
                ),
                fritagelser=fr,
                samtaler=samt,
                tilbud=tb,
                cv_registreret=d(r["cv_registreret"]),
                uddannelsespaalaeg_givet=d(r["uddannelsespaalaeg_givet"]),
                sygedagpenge=sdp,
                visiteret=d(r["visiteret"]),
                alder=int(r["alder"]) if int(r["alder"]) >= 0 else None,
                arbejdspligt=bool(r["arbejdspligt"]),
            )
        )
    return out
