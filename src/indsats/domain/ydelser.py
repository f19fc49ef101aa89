"""Benefits (ydelser) paid to citizens in the employment effort, with the dates they exist.

Dates and sources are the acts and official pages named in `kilde`; where no official source
confirms a date, `verified=False` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from indsats.domain.validity import Gyldighed


class Ydelse(StrEnum):
    DAGPENGE = "dagpenge"
    KONTANTHJAELP = "kontanthjaelp"
    UDDANNELSESHJAELP = "uddannelseshjaelp"
    INTEGRATIONSYDELSE = "integrationsydelse"
    SELVFORSOERGELSES_OG_HJEMREJSEYDELSE = "sho_ydelse"
    OVERGANGSYDELSE = "overgangsydelse"
    SYGEDAGPENGE = "sygedagpenge"
    JOBAFKLARINGSFORLOEB = "jobafklaringsforloeb"
    RESSOURCEFORLOEB = "ressourceforloeb"
    LEDIGHEDSYDELSE = "ledighedsydelse"
    FLEKSJOB = "fleksjob"
    REVALIDERING = "revalidering"
    FOERTIDSPENSION = "foertidspension"


@dataclass(frozen=True, slots=True)
class YdelseInfo:
    ydelse: Ydelse
    navn: str  # Danish name for the user interface
    gyldighed: Gyldighed
    kilde: str  # legal basis and source
    verified: bool = True
    # Paid by an a-kasse or Udbetaling Danmark (the municipality pays medfinansiering) rather than
    # by the municipality itself (the municipality receives refusion). Finansieringsloven § 5.
    medfinansiering: bool = False


_LAB = "LAB (lov 548/2019)"

YDELSER: dict[Ydelse, YdelseInfo] = {
    info.ydelse: info
    for info in (
        YdelseInfo(
            Ydelse.DAGPENGE,
            "Arbejdsløshedsdagpenge",
            Gyldighed(date(1970, 1, 1)),
            "Lov om arbejdsløshedsforsikring m.v.",
            medfinansiering=True,
        ),
        YdelseInfo(
            Ydelse.KONTANTHJAELP,
            "Kontanthjælp",
            Gyldighed(date(1970, 1, 1)),
            "Lov om aktiv socialpolitik §§ 16-20",
        ),
        YdelseInfo(
            Ydelse.UDDANNELSESHJAELP,
            "Uddannelseshjælp",
            Gyldighed(date(2014, 1, 1), date(2025, 6, 30)),
            "Lov 894 og 895 af 4/7/2013; ophævet ved lov 1655 af 30/12/2024 (L13 2024-25)",
        ),
        YdelseInfo(
            Ydelse.INTEGRATIONSYDELSE,
            "Integrationsydelse",
            Gyldighed(date(2015, 9, 1), date(2019, 12, 31)),
            "Lov om aktiv socialpolitik § 22; omdøbt til selvforsørgelses- og hjemrejseydelse",
            verified=False,
        ),
        YdelseInfo(
            Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE,
            "Selvforsørgelses- og hjemrejseydelse",
            Gyldighed(date(2020, 1, 1), date(2025, 6, 30)),
            "uim.dk; lagt sammen med kontanthjælp ved lov 1655 af 30/12/2024",
        ),
        YdelseInfo(
            Ydelse.OVERGANGSYDELSE,
            "Overgangsydelse",
            Gyldighed(date(2020, 1, 1), date(2025, 6, 30)),
            "uim.dk; lagt sammen med kontanthjælp ved lov 1655 af 30/12/2024",
        ),
        YdelseInfo(
            Ydelse.SYGEDAGPENGE, "Sygedagpenge", Gyldighed(date(1970, 1, 1)), "Sygedagpengeloven"
        ),
        YdelseInfo(
            Ydelse.JOBAFKLARINGSFORLOEB,
            "Ressourceforløbsydelse under jobafklaringsforløb",
            Gyldighed(date(2014, 7, 1)),
            "Sygedagpengeloven § 24 a; LAB kap. 18",
        ),
        YdelseInfo(
            Ydelse.RESSOURCEFORLOEB,
            "Ressourceforløbsydelse under ressourceforløb",
            Gyldighed(date(2013, 1, 1)),
            "Lov om aktiv socialpolitik kap. 6 a; lukket for nye sager ved lov 1750/2025",
            verified=False,
        ),
        YdelseInfo(
            Ydelse.LEDIGHEDSYDELSE,
            "Ledighedsydelse",
            Gyldighed(date(1970, 1, 1)),
            "Lov om aktiv socialpolitik kap. 7",
        ),
        YdelseInfo(
            Ydelse.FLEKSJOB,
            "Fleksløntilskud (fleksjob)",
            Gyldighed(date(2013, 1, 1)),
            f"{_LAB} kap. 19",
            verified=False,
        ),
        YdelseInfo(
            Ydelse.REVALIDERING,
            "Revalideringsydelse",
            Gyldighed(date(1970, 1, 1)),
            "Lov om aktiv socialpolitik kap. 6; lukket for nye sager ved lov 1750/2025",
            verified=False,
        ),
        YdelseInfo(
            Ydelse.FOERTIDSPENSION,
            "Førtidspension",
            Gyldighed(date(1970, 1, 1)),
            "Lov om social pension",
            medfinansiering=True,
        ),
    )
}


# The benefits "of the kontanthjælp type": kontanthjælp and the benefits that were merged into it
# on 2025-07-01 (lov 1655 af 30/12/2024) or renamed before that. Repatriation guidance counts the
# months a citizen had any of them (lov 1190 af 8/6/2021: 18 of the last 36 months).
KONTANTHJAELP_TYPE: frozenset[Ydelse] = frozenset(
    {
        Ydelse.KONTANTHJAELP,
        Ydelse.UDDANNELSESHJAELP,
        Ydelse.SELVFORSOERGELSES_OG_HJEMREJSEYDELSE,
        Ydelse.OVERGANGSYDELSE,
        Ydelse.INTEGRATIONSYDELSE,
    }
)


def ydelse_info(ydelse: Ydelse | str) -> YdelseInfo:
    return YDELSER[parse_ydelse(ydelse)]


def parse_ydelse(value: Ydelse | str) -> Ydelse:
    """Parse a benefit code; unknown codes are an error that lists the known ones."""
    try:
        return Ydelse(value)
    except ValueError:
        known = ", ".join(y.value for y in Ydelse)
        raise ValueError(f"unknown ydelse {value!r}; known: {known}") from None


def ydelser_on(day: date) -> list[Ydelse]:
    return [y for y, info in YDELSER.items() if info.gyldighed.covers(day)]
