"""Build the recorded Statbank answers for the covariate presets (FOLK1E, AFSTB4, FOLK1A-65,
HFUDD11) from the shipped snapshots, with real DST figures where the project has them.

Run from the repository root: `.venv/bin/python tests/publicdata/recorded/build_covariate_answers.py`.
The answers have the shape of the recorded AUK01 answer (DST's CSV: byte-order mark, variable
codes as header, Danish labels, ';', CRLF); README.md next to this file says which cells are
real and which are derived. Nothing here was captured from the live API.
"""

from __future__ import annotations

from pathlib import Path

from indsats.domain.kommuner import all_kommuner
from indsats.publicdata.rammevilkaar import covariate_values, kommune_code

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


# Real DST figures read from the source's raw pulls (DennisHedegreen/danish-politics-data,
# commit 3156d9b12f9957cd0f627bd99f634dbd3fcfccc8, denmark/socioeconomic/): they check that
# indsats's definition of the covariate gives the shipped snapshot back.
# fmt: off
# FOLK1A, all Denmark, persons by age 65, 66, ... on 1 January 2019 and 2022
# (folk1a_65plus.csv, "All Denmark"; ages from 111 on are 0).
DENMARK_BY_AGE_65 = {
    2019: [
        66404, 64405, 62766, 63940, 62744, 65273, 68244, 69167, 65221, 60360, 54278, 49698, 42819,
        40197, 36801, 34621, 31702, 28321, 24980, 22464, 19696, 17415, 15166, 13259, 11379, 9939,
        8117, 6882, 5446, 4277, 3159, 2165, 1708, 1195, 752, 458, 257, 184, 91, 51, 30, 21, 2, 5,
        2, 2
    ],
    2022: [
        67399, 65700, 63765, 63954, 61874, 59996, 60925, 59626, 61729, 64250, 64618, 60392, 55334,
        49296, 44870, 38186, 35206, 31758, 29384, 26305, 22686, 19348, 16870, 14232, 12048, 10048,
        8352, 6699, 5573, 4123, 3303, 2432, 1792, 1203, 720, 528, 330, 167, 106, 37, 31, 13, 5, 1,
        1, 0, 1
    ],
}
# FOLK1A by age 65, 66, ... for two municipalities (folk1a_65plus.csv, "Copenhagen" and
# "Frederiksberg"; ages from 107 on are 0)
KOBENHAVN_BY_AGE_65 = {
    2019: [
        4420, 4115, 4108, 4124, 3755, 3929, 4089, 3942, 3693, 3338, 3055, 2695, 2138, 2037, 1853,
        1730, 1418, 1270, 1153, 988, 899, 858, 756, 639, 591, 523, 439, 373, 309, 237, 188, 133,
        134, 93, 53, 36, 25, 9, 10, 5, 1, 4
    ],
    2022: [
        4533, 4347, 4074, 4130, 3852, 3779, 3782, 3438, 3627, 3720, 3524, 3282, 2956, 2687, 2341,
        1818, 1756, 1533, 1426, 1138, 981, 852, 690, 646, 575, 491, 378, 341, 294, 230, 181, 146,
        111, 72, 49, 53, 29, 14, 8, 1, 3, 3
    ],
}
FREDERIKSBERG_BY_AGE_65 = {
    2019: [
        896, 897, 896, 855, 961, 1013, 1061, 1104, 1031, 989, 954, 807, 664, 600, 586, 517, 528,
        437, 381, 373, 300, 265, 261, 230, 189, 190, 136, 127, 118, 94, 85, 49, 43, 34, 16, 15, 6,
        10, 6, 4, 1, 0
    ],
    2022: [
        932, 807, 912, 864, 846, 852, 833, 912, 959, 1005, 1028, 968, 915, 890, 742, 606, 524, 505,
        434, 451, 367, 306, 285, 217, 196, 175, 136, 109, 112, 83, 65, 55, 27, 32, 15, 13, 14, 4,
        4, 1, 1, 1
    ],
}
REAL_BY_AGE_65 = {101: KOBENHAVN_BY_AGE_65, 147: FREDERIKSBERG_BY_AGE_65}
# HFUDD11, persons aged 15-69 (hfudd11_tot.csv, hfudd11_h40.csv ... hfudd11_h80.csv):
# municipality -> year -> (all, H40, H50, H60, H70, H80)
HFUDD11_REAL = {
    "Copenhagen": {
        2019: (492180, 23605, 78312, 32195, 111797, 9688),
        2022: (509615, 22953, 82555, 35342, 123010, 11313),
    },
    "Frederiksberg": {
        2019: (75686, 3595, 12245, 4760, 20513, 1832),
        2022: (75929, 3270, 11993, 5116, 21243, 1939),
    },
    "Dragør": {2019: (9114, 598, 1422, 176, 1261, 94), 2022: (9020, 581, 1469, 187, 1413, 113)},
    "Tårnby": {
        2019: (29124, 1516, 3641, 374, 2247, 169),
        2022: (29141, 1619, 3861, 468, 2689, 203),
    },
    "Gentofte": {
        2019: (49830, 2524, 8015, 1743, 13809, 1574),
        2022: (49372, 2414, 7745, 1796, 14497, 1700),
    },
    "Gladsaxe": {
        2019: (48074, 2448, 7947, 1219, 7614, 1055),
        2022: (48284, 2489, 8145, 1308, 8325, 1233),
    },
    "Ishøj": {2019: (15959, 775, 1900, 201, 982, 76), 2022: (16419, 872, 2135, 251, 1097, 91)},
    "Bornholm": {
        2019: (25974, 949, 3644, 243, 1123, 79),
        2022: (25500, 1020, 3897, 270, 1347, 107),
    },
    "Greve": {
        2019: (33354, 2058, 4430, 405, 2608, 192),
        2022: (33723, 2108, 4813, 488, 3023, 218),
    },
    "Roskilde": {
        2019: (59960, 3502, 9837, 1176, 7366, 846),
        2022: (61910, 3731, 10473, 1402, 8280, 954),
    },
}
# HFUDD11, all Denmark, H40 ... H80 (the same files, "All Denmark")
DENMARK_HIGHER_EDUCATION = {
    2019: (205673, 615267, 96150, 419094, 37792),
    2022: (212741, 651500, 106454, 470853, 45081),
}
# fmt: on
HFUDD_LABELS = (
    "H40 Korte videregående uddannelser, KVU",
    "H50 Mellemlange videregående uddannelser, MVU",
    "H60 Bacheloruddannelser, BACH",
    "H70 Lange videregående uddannelser, LVU",
    "H80 Ph.d. og forskeruddannelser",
)


def _spread(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, largest remainder, so the parts sum to it."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _count_for_share(total: int, share: float) -> int:
    count = round(total * share / 100)
    assert round(count / total * 100, 1) == share, (total, share)
    return count


def folk1a_65() -> None:
    """'Alder i alt' is the real population on 1 January (domain/data). København's and
    Frederiksberg's ages are DST's; elsewhere the number aged 65+ is derived from the shipped
    share and spread over the ages as in all Denmark, so the definition gives the share back."""
    rows: list[list[str]] = []
    for year in YEARS:
        share = covariate_values("andel_65plus_pct", year)
        for k in all_kommuner():
            total = int(k.population[f"{year}-01-01"])
            if k.kode in REAL_BY_AGE_65:
                ages = REAL_BY_AGE_65[k.kode][year]
            else:
                ages = _spread(_count_for_share(total, share[k.kode]), DENMARK_BY_AGE_65[year])
            ages = ages + [0] * (61 - len(ages))  # 65 ... 125
            rows.append([k.navn, "I alt", "Alder i alt", "I alt", f"{year}K1", str(total)])
            rows += [
                [k.navn, "I alt", f"{65 + i} år", "I alt", f"{year}K1", str(n)]
                for i, n in enumerate(ages)
            ]
    _write(
        "statbank_folk1a_data.csv",
        ["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"],
        rows,
    )


def hfudd11() -> None:
    """Real DST counts for the ten municipalities in HFUDD11_REAL; elsewhere 'I alt' is two
    thirds of the real population (a stand-in for DST's count of 15-69 year olds, which the
    project does not hold) and the higher-education count is derived from the shipped share and
    spread over H40-H80 as in all Denmark."""
    rows: list[list[str]] = []
    real = {kommune_code(name): by_year for name, by_year in HFUDD11_REAL.items()}
    for year in YEARS:
        share = covariate_values("videregaaende_uddannelse_pct", year)
        for k in all_kommuner():
            if k.kode in real:
                total, *levels = real[k.kode][year]
            else:
                total = round(k.population[f"{year}-01-01"] * 2 / 3)
                levels = _spread(
                    _count_for_share(total, share[k.kode]), list(DENMARK_HIGHER_EDUCATION[year])
                )
            base = [k.navn, "I alt"]
            tail = ["Alder i alt", "I alt", str(year)]
            rows.append([*base, "I alt", *tail, str(total)])
            rows += [
                [*base, label, *tail, str(n)] for label, n in zip(HFUDD_LABELS, levels, strict=True)
            ]
    _write(
        "statbank_hfudd11_data.csv",
        ["BOPOMR", "HERKOMST", "HFUDD", "ALDER", "KØN", "TID", "INDHOLD"],
        rows,
    )


if __name__ == "__main__":
    folk1e()
    afstb4()
    folk1a_65()
    hfudd11()
