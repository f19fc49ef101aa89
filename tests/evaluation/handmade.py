"""A tiny hand-made register for the effect evaluation, with every expected value worked by hand
in test_handmade.py.

All persons: kommune 573, born 1980, men, origin dansk. S = 2020W10 is the participants' start
week; weeks below are relative to S (S-29 = 29 weeks before S). The register covers
2019W01-2021W52 (the first row is person 90's, the last person 91's).

person  role          spell (sygedagpenge unless stated)     at S: varighed, weeks in past year
1       participant   S-29 .. S+12                           30, 29
2       participant   S-19 .. S+30                           20, 19
11      candidate     S-27 .. S+40                           28, 27   (nearest to person 1)
12      candidate     S-21 .. S+20                           22, 21   (nearest to person 2)
13      candidate     S-4  .. S+60                            5,  4
14      candidate     S-9  .. S+8                            10,  9
20      other benefit kontanthjaelp S-40 .. S+40              (not in the participants' cell)
90, 91  coverage      dagpenge 2019W01, 2021W52
"""

from __future__ import annotations

import pyarrow as pa

from indsats.register.store import to_canonical
from indsats.register.weeks import parse_week

S = parse_week("2020W10")
SPELLS = [
    (1, "sygedagpenge", -29, 12),
    (2, "sygedagpenge", -19, 30),
    (11, "sygedagpenge", -27, 40),
    (12, "sygedagpenge", -21, 20),
    (13, "sygedagpenge", -4, 60),
    (14, "sygedagpenge", -9, 8),
    (20, "kontanthjaelp", -40, 40),
]
COVERAGE = (parse_week("2019W01"), parse_week("2021W52"))


def handmade_register(extra: list[tuple[int, str, int, int]] | None = None) -> pa.Table:
    pid, week, yd = [], [], []
    for p, y, a, b in [*SPELLS, *(extra or [])]:
        for w in range(S + a, S + b + 1):
            pid.append(p)
            week.append(w)
            yd.append(y)
    for p, w in ((90, COVERAGE[0]), (91, COVERAGE[1])):
        pid.append(p)
        week.append(w)
        yd.append("dagpenge")
    n = len(pid)
    return to_canonical(
        person_id=pid,
        week_index=week,
        ydelse=yd,
        kommune=[573] * n,
        birth_year=[1980] * n,
        sex=["M"] * n,
        origin=["dansk"] * n,
    )
