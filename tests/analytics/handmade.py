"""A small hand-made register whose indicator values are computed by hand in test_handmade.py.

Coverage (`DAEKNING`): 2015-W01 .. 2021-W52. Kommune 573 unless stated. Weeks go by ISO week;
2015 and 2020 have 53 weeks.

P1  kontanthjaelp        2019W40-2020W26   (a spell crossing a year boundary)
P2  sygedagpenge         2020W01-2020W30   then dagpenge 2020W31-W35, sygedagpenge W36-W40,
    dagpenge             2020W41-2020W53   (the zapper: 3 switches in 2020)
P3  dagpenge             2019W01-2019W10   and 2020W11-2020W20 (52 self-supporting weeks between:
                                            2019W11-2020W10, so refusion anciennitet restarts)
P4  jobafklaringsforloeb 2019W20-2020W30
P5  kontanthjaelp        2020W01-2020W53   in kommune 390
P6  uddannelseshjaelp    2020W50-2021W05   (crosses the 53-week year boundary)
P7  kontanthjaelp        2015W01-2020W20   (over 5 years by 2020)
P8  kontanthjaelp        2018W01-2020W10   (over 2 years by 2020, not 5)
P9  dagpenge             2020W01-2020W05   then sygedagpenge 2020W06-W10 (one switch only)
"""

from __future__ import annotations

import pyarrow as pa

from indsats.register.store import to_canonical
from indsats.register.weeks import week_index as wi

DAEKNING = (wi(2015, 1), wi(2021, 52))


def span(a: tuple[int, int], b: tuple[int, int]) -> range:
    return range(wi(*a), wi(*b) + 1)


SPELLS = [
    # person, kommune, ydelse, from, to (inclusive)
    (1, 573, "kontanthjaelp", (2019, 40), (2020, 26)),
    (2, 573, "sygedagpenge", (2020, 1), (2020, 30)),
    (2, 573, "dagpenge", (2020, 31), (2020, 35)),
    (2, 573, "sygedagpenge", (2020, 36), (2020, 40)),
    (2, 573, "dagpenge", (2020, 41), (2020, 53)),
    (3, 573, "dagpenge", (2019, 1), (2019, 10)),
    (3, 573, "dagpenge", (2020, 11), (2020, 20)),
    (4, 573, "jobafklaringsforloeb", (2019, 20), (2020, 30)),
    (5, 390, "kontanthjaelp", (2020, 1), (2020, 53)),
    (6, 573, "uddannelseshjaelp", (2020, 50), (2021, 5)),
    (7, 573, "kontanthjaelp", (2015, 1), (2020, 20)),
    (8, 573, "kontanthjaelp", (2018, 1), (2020, 10)),
    (9, 573, "dagpenge", (2020, 1), (2020, 5)),
    (9, 573, "sygedagpenge", (2020, 6), (2020, 10)),
]


def handmade_register() -> pa.Table:
    pid, week, yd, kom = [], [], [], []
    for p, k, y, a, b in SPELLS:
        for w in span(a, b):
            pid.append(p)
            week.append(w)
            yd.append(y)
            kom.append(k)
    return to_canonical(
        person_id=pid,
        week_index=week,
        ydelse=yd,
        kommune=kom,
        birth_year=[1980] * len(pid),
        sex=["K"] * len(pid),
        origin=["dansk"] * len(pid),
    )


def befolkning() -> pa.Table:
    """Population 16-66 for the test: 1060 in 573 and 530 in 390, every year."""
    return pa.table(
        {
            "kommune": pa.array([573, 390] * 7, pa.int32()),
            "aar": pa.array([y for y in range(2015, 2022) for _ in (0, 1)], pa.int32()),
            "befolkning_16_66": pa.array([1060.0, 530.0] * 7),
        }
    )
