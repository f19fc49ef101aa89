"""Distance between a citizen and a workplace, in kilometres, from postal-code centres.

The centres are the published points of the Danish postal codes in
`data/postnumre_dk.csv` (provenance in `data/PROVENANCE.md`: the countries-states-cities
database, ODbL 1.0, as shipped in the PyPI package countrystatecity-postal-codes 2.0.1). They are
the centres of the postal-code areas, and those areas reach into the sea along the coast: a point
outside Denmark's land extremes (`LAND`) is not used, and the distance for that postal code is
unknown (the candidate then gets the postal-code band, labelled as such). Points of other coastal
postal codes may still lie off the coast by some kilometres. The distance is in a straight line
(haversine), rounded to whole kilometres; it is not travel time.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Denmark's land extremes (Blåvandshuk 8.07 E, Christiansø 15.19 E, Gedser Odde 54.56 N,
# Grenen 57.75 N), with a little margin; a postal-code centre outside lies in the sea.
LAND = (54.55, 57.76, 8.06, 15.2)  # south, north, west, east
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)

# Points for the distance: (at most this many km, points); up to 100 km: 0; farther: -10 (a daily
# commute of more than 100 km each way is not a realistic match for most jobs).
AFSTAND_POINT = ((5, 15), (10, 12), (20, 9), (35, 5), (50, 2), (100, 0))
AFSTAND_LANGT = -10
# Without a usable centre for one of the two postal codes: the old band.
SAMME_POSTNUMMER = 15
ANDET_POSTNUMMER = 5


@dataclass(frozen=True, slots=True)
class Postnummer:
    postnummer: str
    navn: str
    breddegrad: float
    laengdegrad: float


@cache
def postnumre() -> dict[str, Postnummer]:
    """The usable postal-code centres (those on land, see `LAND`)."""
    text = files("indsats.companyservice").joinpath("data/postnumre_dk.csv").read_text("utf-8")
    out = {}
    south, north, west, east = LAND
    for r in csv.DictReader(text.splitlines()):
        lat, lon = float(r["breddegrad"]), float(r["laengdegrad"])
        if south <= lat <= north and west <= lon <= east:
            out[r["postnummer"]] = Postnummer(r["postnummer"], r["navn"], lat, lon)
    return out


def km(a: str, b: str) -> int | None:
    """Whole kilometres in a straight line between two postal codes' centres, or None."""
    pa, pb = postnumre().get(a), postnumre().get(b)
    if pa is None or pb is None:
        return None
    if a == b:
        return 0
    la, lb = math.radians(pa.breddegrad), math.radians(pb.breddegrad)
    dlat = lb - la
    dlon = math.radians(pb.laengdegrad - pa.laengdegrad)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h)))


def afstand_point(kandidat_postnummer: str, job_postnummer: str) -> tuple[int, str]:
    """Points and the reason for the distance between a citizen's and a job's postal code."""
    if not kandidat_postnummer or not job_postnummer:
        return 0, "afstand ukendt (postnummer mangler)"
    d = km(kandidat_postnummer, job_postnummer)
    if d is None:  # no usable centre: the band, said as such
        if kandidat_postnummer == job_postnummer:
            return SAMME_POSTNUMMER, f"bor i samme postnummer ({job_postnummer})"
        return (
            ANDET_POSTNUMMER,
            f"bor i {kandidat_postnummer}, job i {job_postnummer} (afstand ikke beregnet)",
        )
    points = next((p for limit, p in AFSTAND_POINT if d <= limit), AFSTAND_LANGT)
    if kandidat_postnummer == job_postnummer:
        return points, f"bor i samme postnummer ({job_postnummer})"
    return points, f"ca. {d} km i luftlinje ({kandidat_postnummer} til {job_postnummer})"
