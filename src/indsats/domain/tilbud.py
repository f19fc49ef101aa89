"""Offer types (tilbud) under LAB and the integration law.

Whether a type counts for ret og pligt on a given date is a rule, not vocabulary: see
`indsats.rules` (LAB § 102).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from indsats.domain.validity import Gyldighed


class TilbudType(StrEnum):
    VEJLEDNING_OG_OPKVALIFICERING = "vejledning_og_opkvalificering"  # ØVO, LAB kap. 10
    VIRKSOMHEDSPRAKTIK = "virksomhedspraktik"  # LAB kap. 11
    LOENTILSKUD_PRIVAT = "loentilskud_privat"  # LAB kap. 12
    LOENTILSKUD_OFFENTLIG = "loentilskud_offentlig"  # LAB kap. 12
    NYTTEINDSATS = "nytteindsats"  # LAB kap. 13
    SEKS_UGERS_JOBRETTET_UDDANNELSE = "seks_ugers_jobrettet_uddannelse"
    ORDINAER_UDDANNELSE = "ordinaer_uddannelse"
    LAESE_SKRIVE_REGNE_ORDBLINDE = "laese_skrive_regne_ordblinde"
    REALKOMPETENCEVURDERING = "realkompetencevurdering"
    MENTOR = "mentor"  # støtte, LAB kap. 15
    IGU = "igu"  # integrationsgrunduddannelse
    ARBEJDSPLIGT = "arbejdspligt"  # LAB kap. 16 a


@dataclass(frozen=True, slots=True)
class TilbudTypeInfo:
    type: TilbudType
    navn: str
    kilde: str
    gyldighed: Gyldighed = Gyldighed(date(2020, 1, 1))
    virksomhedsrettet: bool = False  # company-directed (praktik, løntilskud, IGU)
    verified: bool = True


TILBUDSTYPER: dict[TilbudType, TilbudTypeInfo] = {
    t.type: t
    for t in (
        TilbudTypeInfo(
            TilbudType.VEJLEDNING_OG_OPKVALIFICERING,
            "Øvrig vejledning og opkvalificering",
            "LAB kap. 10 (§ 91)",
        ),
        TilbudTypeInfo(
            TilbudType.VIRKSOMHEDSPRAKTIK,
            "Virksomhedspraktik",
            "LAB kap. 11",
            virksomhedsrettet=True,
        ),
        TilbudTypeInfo(
            TilbudType.LOENTILSKUD_PRIVAT,
            "Løntilskud, privat",
            "LAB kap. 12",
            virksomhedsrettet=True,
        ),
        TilbudTypeInfo(
            TilbudType.LOENTILSKUD_OFFENTLIG,
            "Løntilskud, offentlig",
            "LAB kap. 12",
            virksomhedsrettet=True,
        ),
        TilbudTypeInfo(TilbudType.NYTTEINDSATS, "Nytteindsats", "LAB kap. 13", verified=False),
        TilbudTypeInfo(
            TilbudType.SEKS_UGERS_JOBRETTET_UDDANNELSE,
            "6 ugers jobrettet uddannelse",
            "LAB kap. 10; BEU bilag 60 2016-17",
        ),
        TilbudTypeInfo(TilbudType.ORDINAER_UDDANNELSE, "Ordinær uddannelse", "LAB kap. 10"),
        TilbudTypeInfo(
            TilbudType.LAESE_SKRIVE_REGNE_ORDBLINDE,
            "Læse-, skrive-, regne- og ordblindekurser",
            "LAB § 102",
        ),
        TilbudTypeInfo(TilbudType.REALKOMPETENCEVURDERING, "Realkompetencevurdering", "LAB § 102"),
        TilbudTypeInfo(TilbudType.MENTOR, "Mentorstøtte", "LAB kap. 15"),
        TilbudTypeInfo(
            TilbudType.IGU,
            "Integrationsgrunduddannelse (IGU)",
            "Lov om integrationsgrunduddannelse",
            Gyldighed(date(2016, 7, 1)),
            virksomhedsrettet=True,
            verified=False,
        ),
        TilbudTypeInfo(
            TilbudType.ARBEJDSPLIGT, "Arbejdspligt", "LAB kap. 16 a", Gyldighed(date(2025, 1, 1))
        ),
    )
}


def parse_tilbudstype(value: TilbudType | str) -> TilbudType:
    try:
        return TilbudType(value)
    except ValueError:
        known = ", ".join(t.value for t in TilbudType)
        raise ValueError(f"unknown tilbudstype {value!r}; known: {known}") from None
