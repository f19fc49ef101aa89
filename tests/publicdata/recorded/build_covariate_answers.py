"""Build the recorded Statbank answers for FOLK1E and AFSTB4 from the shipped snapshots.

Run from the repository root: `.venv/bin/python tests/publicdata/recorded/build_covariate_answers.py`.
The answers have the shape of the recorded AUK01 answer (DST's CSV: byte-order mark, variable
codes as header, Danish labels, ';', CRLF); README.md next to this file says which cells are
real and which are derived. Nothing here was captured from the live API.
"""

from __future__ import annotations

from pathlib import Path

from indsats.domain.kommuner import all_kommuner
from indsats.publicdata.rammevilkaar import covariate_values

HERE = Path(__file__).parent
YEARS = (2019, 2022)


def _write(name: str, header: list[str], rows: list[list[str]]) -> None:
    text = "\r\n".join(";".join(r) for r in [header, *rows]) + "\r\n"
    (HERE / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def folk1e() -> None:
    """'I alt' is the real FOLK1A population of the first quarter (domain/data); 'Personer med
    dansk oprindelse' is derived from it and the shipped share, so that the source's formula
    gives the shipped share back. 'Hele landet' and 'Region Syddanmark' are sums of the rows."""
    rows: list[list[str]] = []
    sums: dict[tuple[str, int], list[int]] = {}
    for year in YEARS:
        share = covariate_values("indvandrere_efterkommere_pct", year)
        for k in all_kommuner():
            total = int(k.population[f"{year}-01-01"])
            danish = round(total * (1 - share[k.kode] / 100))
            assert round((total - danish) / total * 100, 2) == share[k.kode], k.navn
            for area in ("Hele landet", k.region_navn):
                acc = sums.setdefault((area, year), [0, 0])
                acc[0] += total
                acc[1] += danish
            rows.append([k.navn, "I alt", "Alder i alt", "I alt", f"{year}K1", str(total)])
            rows.append(
                [
                    k.navn,
                    "I alt",
                    "Alder i alt",
                    "Personer med dansk oprindelse",
                    f"{year}K1",
                    str(danish),
                ]
            )
    extra = []
    for (area, year), (total, danish) in sums.items():
        if area in ("Hele landet", "Region Syddanmark"):
            extra.append([area, "I alt", "Alder i alt", "I alt", f"{year}K1", str(total)])
            extra.append(
                [
                    area,
                    "I alt",
                    "Alder i alt",
                    "Personer med dansk oprindelse",
                    f"{year}K1",
                    str(danish),
                ]
            )
    _write(
        "statbank_folk1e_data.csv",
        ["OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID", "INDHOLD"],
        extra + rows,
    )


def afstb4() -> None:
    """The shipped km per municipality and year, with DST's Danish decimal comma."""
    rows = [
        [
            k.navn,
            "Beskæftigede i alt",
            "I alt",
            str(year),
            f"{covariate_values('pendlingsafstand_km', year)[k.kode]:.1f}".replace(".", ","),
        ]
        for year in YEARS
        for k in all_kommuner()
    ]
    _write("statbank_afstb4_data.csv", ["BOPOMR", "SOCIO", "KØN", "TID", "INDHOLD"], rows)


if __name__ == "__main__":
    folk1e()
    afstb4()
