"""The real public tables shipped with indsats (what a new installation has offline)."""

from __future__ import annotations

from dataclasses import dataclass

from indsats.publicdata.rammevilkaar import COVARIATES, SNAPSHOTS, published_benchmark

DST_LICENS = "CC 4.0 BY (Danmarks Statistik)"


@dataclass(frozen=True, slots=True)
class ShippedTable:
    navn: str
    daekker: str
    perioder: str
    kilde: str
    licens: str


def shipped_tables() -> list[ShippedTable]:
    from indsats.publicdata.offentlige_tal import shipped_series
    from indsats.register.calibration import aup02

    serie = shipped_series()
    q = serie.quarters()
    years = sorted({y for per in aup02().values() for y in per})
    snaps = " og ".join(str(s) for s in SNAPSHOTS)
    published = sorted({p.offentliggjort for p in published_benchmark()})
    return [
        ShippedTable(
            "DST AUK01",
            f"{serie.label_da}, fuldtidsmodtagere, 98 kommuner (ikke alle ydelser)",
            f"{q[0]}-{q[-1]}",
            "register/data (PROVENANCE.md)",
            DST_LICENS,
        ),
        ShippedTable(
            "DST AUP02",
            "fuldtidsledige i pct. af arbejdsstyrken (årsgennemsnit af 12 måneder)",
            f"{years[0]}-{years[-1]}",
            "register/data (PROVENANCE.md)",
            DST_LICENS,
        ),
        ShippedTable(
            "DST FOLK1A/FOLK1AM",
            "befolkning 1. januar",
            "2019, 2022-2025",
            "domain/data (PROVENANCE.md)",
            DST_LICENS,
        ),
        *(
            ShippedTable(
                c.source_da, c.label_da, snaps, "publicdata/data (PROVENANCE.md)", DST_LICENS
            )
            for c in COVARIATES
        ),
        ShippedTable(
            "Beskæftigelsesministeriets benchmark",
            "offentliggjorte topplaceringer (uddrag)",
            ", ".join(published),
            "publicdata/data (PROVENANCE.md)",
            "offentlige fakta (bm.dk, presse)",
        ),
    ]
