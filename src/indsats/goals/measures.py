"""Which measure of which indicator a goal may follow, and the person counts behind it.

Every figure shown is suppressed when it is built on 1-4 persons (`indsats.goals.suppression`),
so each measure names the column(s) that count the persons it rests on. For a count, the persons
counted; for a share, the group it is computed from (the denominator: the population 16-66, the
persons on the benefit, the spells): a share of a larger group is shown even when few of the
group are in the numerator.

Two kinds of indicator:
- the register's (`indsats.analytics.INDICATORS`), computed from the weekly benefit register,
  by month;
- `offentlige_tal` (OFFENTLIGE_TAL): published aggregate figures (Statistics Denmark AUK01,
  Jobindsats) as `indsats register import aggregate` and `indsats data fetch` keep them, by
  quarter (or month, where the publisher gives months). The benefit group is the goal's
  `ydelse` filter, an aggregate group code (`indsats.register.aggregate.AGGREGATE_GROUPS`). The
  persons behind a figure are not published; the full-time count rounded up is a lower bound
  (a person counts at most one full-time person), used for the <5 rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    indikator: str
    column: str  # the column of the indicator's output
    personer: tuple[str, ...]  # columns counting the persons the figure is built on
    enhed: str  # "andel", "personer" or "antal"
    sum_over_rows: bool  # several matching rows (filters) are added up
    label_da: str
    needs_case_data: bool = False
    offentlige_tal: bool = False  # read from published aggregate figures, not the register


OFFENTLIGE_TAL = "offentlige_tal"  # the indicator name of goals on published aggregate figures


_MEASURES = [
    Measure(
        "fuldtidspersoner",
        "fuldtidspersoner",
        ("personer",),
        "personer",
        True,
        "fuldtidspersoner (helårspersoner)",
    ),
    Measure("fuldtidspersoner", "personer", ("personer",), "personer", True, "personer"),
    Measure(
        "andel_offentlig_forsoergelse",
        "andel",
        ("befolkning_16_66",),
        "andel",
        False,
        "andel af de 16-66-årige på offentlig forsørgelse",
    ),
    Measure(
        "andel_offentlig_forsoergelse",
        "fuldtidspersoner",
        ("personer",),
        "personer",
        False,
        "fuldtidspersoner på offentlig forsørgelse",
    ),
    Measure("tilgang", "tilgang", ("personer",), "antal", True, "tilgang (forløb)"),
    Measure("afgang", "afgang", ("personer",), "antal", True, "afgang (forløb)"),
    Measure(
        "afgang",
        "afgang_til_selvforsoergelse",
        ("personer",),
        "antal",
        True,
        "afgang til selvforsørgelse",
    ),
    Measure("zappere", "zappere", ("zappere",), "personer", False, "zappere"),
    Measure(
        "virksomhedsrettet_inden_13_uger",
        "andel",
        ("forloeb",),
        "andel",
        False,
        "andel i virksomhedsrettet aktivitet inden 13 uger",
        needs_case_data=True,
    ),
]
for _name, _label in (
    ("sygedagpenge_over_26_uger", "andel af sygedagpengesager over 26 uger"),
    ("jobafklaring_over_52_uger", "andel af jobafklaringsforløb over 52 uger"),
    ("kontanthjaelp_over_2_aar", "andel af kontanthjælpsforløb over 2 år"),
    ("kontanthjaelp_over_5_aar", "andel af kontanthjælpsforløb over 5 år"),
):
    _MEASURES.append(Measure(_name, "andel_over", ("personer",), "andel", False, _label))
    _MEASURES.append(
        Measure(
            _name,
            "fuldtidspersoner_over",
            ("personer_over",),
            "personer",
            False,
            _label.replace("andel af", "fuldtidspersoner i"),
        )
    )

_MEASURES += [
    Measure(
        OFFENTLIGE_TAL,
        "fuldtidspersoner",
        ("personer",),
        "personer",
        True,
        "fuldtidsmodtagere (offentlige tal)",
        offentlige_tal=True,
    ),
    Measure(
        OFFENTLIGE_TAL,
        "andel",
        ("personer",),
        "andel",
        True,
        "fuldtidsmodtagere i pct. af befolkningen (offentlige tal)",
        offentlige_tal=True,
    ),
]

MEASURES: dict[tuple[str, str], Measure] = {(m.indikator, m.column): m for m in _MEASURES}


def is_public(indikator: str) -> bool:
    """True for an indicator read from published aggregate figures (not the register)."""
    return indikator == OFFENTLIGE_TAL


def default_measure(indikator: str) -> str | None:
    for ind, column in MEASURES:
        if ind == indikator:
            return column
    return None


def measure(indikator: str, column: str) -> Measure:
    try:
        return MEASURES[(indikator, column)]
    except KeyError:
        known = ", ".join(m for (i, m) in MEASURES if i == indikator) or "ingen"
        raise KeyError(
            f"indikatoren {indikator!r} har ikke opgørelsen {column!r} (kendte: {known})"
        ) from None
