"""Target groups (målgrupper) of LAB § 6, visitation, and which benefit leads to which group.

LAB § 6 groups 1-11 are verified (BEK om en aktiv beskæftigelsesindsats § 1,
https://elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1). The kontanthjælp
reform (lov 1655 af 30/12/2024) abolished uddannelseshjælp, SHO-ydelse and overgangsydelse from
2025-07-01; how § 6 nr. 4-5 read after that date has not been confirmed against the consolidated
text, so those mappings are marked unverified.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from indsats.domain.validity import Gyldighed
from indsats.domain.ydelser import Ydelse

LAB_2020 = date(2020, 1, 1)
KONTANTHJAELPSREFORM = date(2025, 7, 1)
_BEFORE_REFORM = date(2025, 6, 30)
_SOURCE_LAB6 = (
    "LAB § 6; https://elov.dk/bekendtgorelse-om-en-aktiv-beskaeftigelsesindsats/paragraf/1"
)


class Maalgruppe(StrEnum):
    DAGPENGE = "dagpenge"  # § 6 nr. 1
    JOBPARAT_KONTANTHJAELP = "jobparat_kontanthjaelp"  # nr. 2
    AKTIVITETSPARAT_KONTANTHJAELP = "aktivitetsparat_kontanthjaelp"  # nr. 3
    UDDANNELSESPARAT = "uddannelsesparat"  # nr. 4
    AKTIVITETSPARAT_UNDER_30 = "aktivitetsparat_under_30"  # nr. 5
    SYGEDAGPENGE = "sygedagpenge"  # nr. 6
    JOBAFKLARINGSFORLOEB = "jobafklaringsforloeb"  # nr. 7
    RESSOURCEFORLOEB = "ressourceforloeb"  # nr. 8
    FLEKSJOB_LEDIGHEDSYDELSE = "fleksjob_ledighedsydelse"  # nr. 9
    REVALIDERING = "revalidering"  # nr. 10
    FOERTIDSPENSION = "foertidspension"  # nr. 11


class Visitation(StrEnum):
    JOBPARAT = "jobparat"
    AKTIVITETSPARAT = "aktivitetsparat"
    UDDANNELSESPARAT = "uddannelsesparat"
    AABENLYST_UDDANNELSESPARAT = "aabenlyst_uddannelsesparat"


class SygedagpengeKategori(StrEnum):
    """SDL § 12 visitation categories; category 3 was removed from 2025-01-01."""

    KATEGORI_1 = "1"
    KATEGORI_2 = "2"
    KATEGORI_3 = "3"


@dataclass(frozen=True, slots=True)
class MaalgruppeInfo:
    maalgruppe: Maalgruppe
    lab6_nr: int
    navn: str
    gyldighed: Gyldighed
    kilde: str = _SOURCE_LAB6
    verified: bool = True


MAALGRUPPER: dict[Maalgruppe, MaalgruppeInfo] = {
    m.maalgruppe: m
    for m in (
        MaalgruppeInfo(Maalgruppe.DAGPENGE, 1, "Dagpengemodtagere", Gyldighed(LAB_2020)),
        MaalgruppeInfo(
            Maalgruppe.JOBPARAT_KONTANTHJAELP,
            2,
            "Jobparate kontanthjælpsmodtagere",
            Gyldighed(LAB_2020),
        ),
        MaalgruppeInfo(
            Maalgruppe.AKTIVITETSPARAT_KONTANTHJAELP,
            3,
            "Aktivitetsparate kontanthjælpsmodtagere",
            Gyldighed(LAB_2020),
        ),
        MaalgruppeInfo(
            Maalgruppe.UDDANNELSESPARAT, 4, "Uddannelsesparate under 30 år", Gyldighed(LAB_2020)
        ),
        MaalgruppeInfo(
            Maalgruppe.AKTIVITETSPARAT_UNDER_30,
            5,
            "Aktivitetsparate under 30 år",
            Gyldighed(LAB_2020),
        ),
        MaalgruppeInfo(Maalgruppe.SYGEDAGPENGE, 6, "Sygedagpengemodtagere", Gyldighed(LAB_2020)),
        MaalgruppeInfo(
            Maalgruppe.JOBAFKLARINGSFORLOEB,
            7,
            "Personer i jobafklaringsforløb",
            Gyldighed(LAB_2020),
        ),
        MaalgruppeInfo(
            Maalgruppe.RESSOURCEFORLOEB, 8, "Personer i ressourceforløb", Gyldighed(LAB_2020)
        ),
        MaalgruppeInfo(
            Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE,
            9,
            "Personer visiteret til fleksjob (ledighedsydelse)",
            Gyldighed(LAB_2020),
        ),
        MaalgruppeInfo(Maalgruppe.REVALIDERING, 10, "Revalidender", Gyldighed(LAB_2020)),
        MaalgruppeInfo(Maalgruppe.FOERTIDSPENSION, 11, "Førtidspensionister", Gyldighed(LAB_2020)),
    )
}


@dataclass(frozen=True, slots=True)
class YdelseMaalgruppe:
    """A benefit leads to a target group in a period, possibly only for one visitation."""

    ydelse: Ydelse
    maalgruppe: Maalgruppe
    gyldighed: Gyldighed
    visitation: frozenset[Visitation] | None = None  # None: any visitation
    under_30_uden_uddannelse: bool | None = None  # None: does not depend on age/education
    verified: bool = True
    kilde: str = _SOURCE_LAB6


_JOB = frozenset({Visitation.JOBPARAT})
_AKT = frozenset({Visitation.AKTIVITETSPARAT})
_UDD = frozenset({Visitation.UDDANNELSESPARAT, Visitation.AABENLYST_UDDANNELSESPARAT})
_UNTIL_REFORM = Gyldighed(LAB_2020, _BEFORE_REFORM)
_AFTER_REFORM = Gyldighed(KONTANTHJAELPSREFORM)
_REFORM_NOTE = "lov 1655 af 30/12/2024 (L13 2024-25); § 6 nr. 4-5 efter 1/7/2025 ikke efterprøvet"

YDELSE_MAALGRUPPER: tuple[YdelseMaalgruppe, ...] = (
    YdelseMaalgruppe(Ydelse.DAGPENGE, Maalgruppe.DAGPENGE, Gyldighed(LAB_2020)),
    # Kontanthjælp: 30+ or with a vocational education -> groups 2-3 throughout.
    YdelseMaalgruppe(
        Ydelse.KONTANTHJAELP,
        Maalgruppe.JOBPARAT_KONTANTHJAELP,
        Gyldighed(LAB_2020),
        _JOB,
        under_30_uden_uddannelse=False,
    ),
    YdelseMaalgruppe(
        Ydelse.KONTANTHJAELP,
        Maalgruppe.AKTIVITETSPARAT_KONTANTHJAELP,
        Gyldighed(LAB_2020),
        _AKT,
        under_30_uden_uddannelse=False,
    ),
    # Under 30 without education were on uddannelseshjælp until the reform, then on kontanthjælp.
    YdelseMaalgruppe(Ydelse.UDDANNELSESHJAELP, Maalgruppe.UDDANNELSESPARAT, _UNTIL_REFORM, _UDD),
    YdelseMaalgruppe(
        Ydelse.UDDANNELSESHJAELP, Maalgruppe.AKTIVITETSPARAT_UNDER_30, _UNTIL_REFORM, _AKT
    ),
    YdelseMaalgruppe(
        Ydelse.KONTANTHJAELP,
        Maalgruppe.UDDANNELSESPARAT,
        _AFTER_REFORM,
        _UDD,
        under_30_uden_uddannelse=True,
        verified=False,
        kilde=_REFORM_NOTE,
    ),
    YdelseMaalgruppe(
        Ydelse.KONTANTHJAELP,
        Maalgruppe.AKTIVITETSPARAT_UNDER_30,
        _AFTER_REFORM,
        _AKT,
        under_30_uden_uddannelse=True,
        verified=False,
        kilde=_REFORM_NOTE,
    ),
    # Integration benefits follow the kontanthjælp/uddannelseshjælp split (§ 6 nr. 2-5).
    *(
        YdelseMaalgruppe(y, m, _UNTIL_REFORM, vis, under_30_uden_uddannelse=u30)
        for y in (Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE, Ydelse.OVERGANGSYDELSE)
        for m, vis, u30 in (
            (Maalgruppe.JOBPARAT_KONTANTHJAELP, _JOB, False),
            (Maalgruppe.AKTIVITETSPARAT_KONTANTHJAELP, _AKT, False),
            (Maalgruppe.UDDANNELSESPARAT, _UDD, True),
            (Maalgruppe.AKTIVITETSPARAT_UNDER_30, _AKT, True),
        )
    ),
    YdelseMaalgruppe(Ydelse.SYGEDAGPENGE, Maalgruppe.SYGEDAGPENGE, Gyldighed(LAB_2020)),
    YdelseMaalgruppe(
        Ydelse.JOBAFKLARINGSFORLOEB, Maalgruppe.JOBAFKLARINGSFORLOEB, Gyldighed(LAB_2020)
    ),
    YdelseMaalgruppe(Ydelse.RESSOURCEFORLOEB, Maalgruppe.RESSOURCEFORLOEB, Gyldighed(LAB_2020)),
    YdelseMaalgruppe(
        Ydelse.LEDIGHEDSYDELSE, Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE, Gyldighed(LAB_2020)
    ),
    YdelseMaalgruppe(Ydelse.FLEKSJOB, Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE, Gyldighed(LAB_2020)),
    YdelseMaalgruppe(Ydelse.REVALIDERING, Maalgruppe.REVALIDERING, Gyldighed(LAB_2020)),
    YdelseMaalgruppe(Ydelse.FOERTIDSPENSION, Maalgruppe.FOERTIDSPENSION, Gyldighed(LAB_2020)),
)


class NoMaalgruppe(LookupError):
    pass


def maalgrupper_for(ydelse: Ydelse, day: date) -> list[YdelseMaalgruppe]:
    """Every target group a benefit can lead to on a day."""
    return [m for m in YDELSE_MAALGRUPPER if m.ydelse == ydelse and m.gyldighed.covers(day)]


def maalgruppe_for(
    ydelse: Ydelse,
    day: date,
    *,
    visitation: Visitation | None = None,
    under_30_uden_uddannelse: bool = False,
) -> YdelseMaalgruppe:
    """The one target group of a benefit on a day, given visitation and age/education."""
    candidates = [
        m
        for m in maalgrupper_for(ydelse, day)
        if (m.visitation is None or visitation in m.visitation)
        and (m.under_30_uden_uddannelse in (None, under_30_uden_uddannelse))
    ]
    if len(candidates) != 1:
        raise NoMaalgruppe(
            f"no single målgruppe for ydelse={ydelse.value} on {day.isoformat()} "
            f"(visitation={visitation}, under_30_uden_uddannelse={under_30_uden_uddannelse}): "
            f"{len(candidates)} match"
        )
    return candidates[0]
