"""Real public figures the synthetic register is calibrated to, and the stated assumptions.

Sources (copied into `register/data/`, see its PROVENANCE.md):
- population: `indsats.domain.kommuner` (DST FOLK1A/FOLK1AM, 1 January 2019, 2022-2025);
- kontanthjælp: DST AUK01 nettoledige kontanthjælpsmodtagere (fuldtidsmodtagere), quarterly;
- unemployment: AUP02 fuldtidsledige in % of the labour force, annual means.

Everything else is an assumption stated here and in docs/register.md, section "Calibration".
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from indsats.domain.kommuner import all_kommuner, get_kommune

# Share of the population aged 16-66. ASSUMPTION: about 64 % nationally (DST FOLK1A 2023, read from
# memory, not in the data shipped with indsats); the same share is used for every municipality and year.
ANDEL_16_66 = 0.64
# Labour force as a share of the 16-66 population. ASSUMPTION (about 3.0 M of 3.8 M, unverified).
ARBEJDSSTYRKE_ANDEL = 0.79
# Nettoledige kontanthjælpsmodtagere (AUK01) as a share of all kontanthjælp fuldtidspersoner.
# Vordingborg had "about 900 on kontanthjælp" (Vordingborg Kommune, Beskæftigelsesplan 2019 (forslag), 6.2) while AUK01 shows 220 on
# average in 2018 for Vordingborg: 220 / 900 = 0.245. Applied to every municipality and year.
NETTOLEDIG_ANDEL_AF_KONTANTHJAELP = 0.245
# Dagpenge recipients (brutto, incl. activated) per fuldtidsledig dagpengemodtager. ASSUMPTION.
DAGPENGE_BRUTTO_FAKTOR = 1.15


def _data(name: str) -> io.StringIO:
    text = (resources.files("indsats.register") / "data" / name).read_text(encoding="utf-8")
    return io.StringIO(text, newline="")


@cache
def auk01() -> dict[int, dict[str, int]]:
    """AUK01 nettoledige kontanthjælp fuldtidsmodtagere: {kommune: {'2019Q1': value}}."""
    out: dict[int, dict[str, int]] = {}
    with _data("dst_auk01_nettoledige_kontanthjaelp_quarterly.csv") as f:
        for row in csv.DictReader(f):
            if row["kode"] and row["fuldtidsmodtagere"]:
                out.setdefault(int(row["kode"]), {})[row["tid"]] = int(row["fuldtidsmodtagere"])
    return out


@cache
def aup02() -> dict[int, dict[int, float]]:
    """AUP02 fuldtidsledige in % of the labour force (annual mean): {kommune: {year: pct}}."""
    out: dict[int, dict[int, float]] = {}
    with _data("dst_aup02_fuldtidsledige_pct_annual_mean.csv") as f:
        for row in csv.DictReader(f):
            value = row["fuldtidsledige_pct_af_arbejdsstyrken_annual_mean"]
            if row["kode"] and value:
                out.setdefault(int(row["kode"]), {})[int(row["year"])] = float(value)
    return out


def befolkning(kode: int, year: int) -> float:
    """Population on 1 January of `year`: linear between the known years, flat outside them."""
    pop = {int(k[:4]): v for k, v in get_kommune(kode).population.items()}
    years = sorted(pop)
    if year <= years[0]:
        return float(pop[years[0]])
    if year >= years[-1]:
        return float(pop[years[-1]])
    for a, b in zip(years, years[1:], strict=False):
        if a <= year <= b:
            return pop[a] + (pop[b] - pop[a]) * (year - a) / (b - a)
    raise AssertionError("unreachable")


def befolkning_16_66(kode: int, year: int) -> float:
    return befolkning(kode, year) * ANDEL_16_66


def auk01_level(kode: int, quarter: str) -> int | None:
    """The real AUK01 level of a quarter ('2023Q1'), or None when the cell is missing."""
    return auk01().get(int(kode), {}).get(quarter)


def aup02_pct(kode: int, year: int) -> float:
    """Unemployment % of a year; outside 2007-2024 the nearest year is used."""
    series = aup02()[int(kode)]
    y = min(max(year, min(series)), max(series))
    return series[y]


def national_population_16_66(year: int) -> float:
    return sum(befolkning_16_66(k.kode, year) for k in all_kommuner())
