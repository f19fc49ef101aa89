"""Goals as data: what a goal promises, and where it stands in a month.

A goal names an indicator of `indsats.analytics` (by its name in `INDICATORS`), the measure
(the column of the indicator's output) to read, optional filters on the indicator's dimensions (e.g. ydelse), a baseline and a
target (each a value with its period), a trajectory and a direction. See docs/goals.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Forloeb(StrEnum):
    """How the expected value moves from the baseline to the target."""

    LINEAER = "lineaer"  # a straight line from baseline to target (by month)
    TRINVIS_AAR = "trinvis_aar"  # one value per calendar year (steps), e.g. budgeted levels
    MAANED_MOD_SIDSTE_AAR = "maaned_mod_sidste_aar"  # each month beats the same month last year


class Retning(StrEnum):
    LAVERE = "lavere"  # lower is better
    HOEJERE = "hoejere"  # higher is better


class Status(StrEnum):
    PAA_SPORET = "paa_sporet"
    I_RISIKO = "i_risiko"
    BAGUD = "bagud"
    INGEN_DATA = "ingen_data"
    IKKE_VURDERBAR = "ikke_vurderbar"  # too few persons, or data that cannot carry the goal


STATUS_LABELS: dict[Status, str] = {
    Status.PAA_SPORET: "På sporet",
    Status.I_RISIKO: "I risiko",
    Status.BAGUD: "Bagud",
    Status.INGEN_DATA: "Ingen data",
    Status.IKKE_VURDERBAR: "Kan ikke vurderes",
}

FORLOEB_LABELS: dict[Forloeb, str] = {
    Forloeb.LINEAER: "Lineært fra udgangspunkt til mål",
    Forloeb.TRINVIS_AAR: "Trinvist år for år",
    Forloeb.MAANED_MOD_SIDSTE_AAR: "Måned for måned mod samme måned sidste år",
}

RETNING_LABELS: dict[Retning, str] = {
    Retning.LAVERE: "Lavere er bedre",
    Retning.HOEJERE: "Højere er bedre",
}

ENHEDER = ("andel", "personer", "antal")

_PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})|[QK]([1-4]))?$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})[QK]([1-4])$")


class GoalError(ValueError):
    """A goal is invalid. `source` and `field` say where."""

    def __init__(self, message: str, *, source: str = "", field: str = ""):
        self.source, self.field, self.message = source, field, message
        where = ", ".join(p for p in (source, f"felt {field!r}" if field else "") if p)
        super().__init__(f"{where}: {message}" if where else message)


# ---------------------------------------------------------------------------------------------
# Months: "YYYY-MM" strings


def parse_month(text: str) -> tuple[int, int]:
    m = _MONTH_RE.match(str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"not a month: {text!r} (expected e.g. 2024-06)")
    return int(m.group(1)), int(m.group(2))


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_add(month: str, n: int) -> str:
    y, m = parse_month(month)
    k = y * 12 + (m - 1) + n
    return month_label(k // 12, k % 12 + 1)


def month_range(first: str, last: str) -> list[str]:
    out, cur = [], first
    while cur <= last:
        out.append(cur)
        cur = month_add(cur, 1)
    return out


def months_of_year(year: int) -> list[str]:
    return [month_label(year, m) for m in range(1, 13)]


MAANEDER_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def month_da(month: str) -> str:
    """'2024-06' -> 'juni 2024'."""
    y, m = parse_month(month)
    return f"{MAANEDER_DA[m - 1]} {y}"


def period_position(period: str, *, end: bool = False) -> float:
    """A period ('2018', '2018Q2' or '2018-06') as a point on a month axis (months since year 0).

    A month is its own point; a quarter is its middle month; a year is its middle (June/July
    boundary). With `end`, a year or a quarter is its last month. Used by linear trajectories:
    a yearly baseline '25 % in 2016' sits in mid-2016, '2022Q4' in November 2022.
    """
    m = _PERIOD_RE.match(str(period).strip().upper())
    if not m:
        raise ValueError(f"not a period: {period!r} (expected 2025, 2025Q2 or 2025-06)")
    y = int(m.group(1))
    if m.group(2):
        return y * 12 + int(m.group(2)) - 1
    if m.group(3):
        q = int(m.group(3))
        return y * 12 + 3 * (q - 1) + (2 if end else 1)
    return y * 12 + (11 if end else 5.5)


def month_position(month: str) -> float:
    y, m = parse_month(month)
    return y * 12 + m - 1


# ---------------------------------------------------------------------------------------------
# Quarters ("2024Q2") and periods (a month or a quarter): goals on public figures, which
# Statistics Denmark publishes by quarter, follow quarters; goals on the register follow months.


def parse_quarter(text: str) -> tuple[int, int]:
    """'2024Q2' or DST's '2024K2' -> (2024, 2)."""
    m = _QUARTER_RE.match(str(text).strip().upper())
    if not m:
        raise ValueError(f"not a quarter: {text!r} (expected e.g. 2024Q2 or 2024K2)")
    return int(m.group(1)), int(m.group(2))


def is_quarter(period: str) -> bool:
    return _QUARTER_RE.match(str(period).strip().upper()) is not None


def normalise_period(text: str) -> str:
    """A year, quarter or month in the goals' notation: DST's '2022K4' becomes '2022Q4'."""
    t = str(text).strip().upper()
    if not _PERIOD_RE.match(t):
        raise ValueError(f"not a period: {text!r} (expected 2025, 2025Q2 or 2025-06)")
    return t.replace("K", "Q")


def quarter_label(year: int, quarter: int) -> str:
    return f"{year:04d}Q{quarter}"


def periods_per_year(period: str) -> int:
    """12 for a month, 4 for a quarter."""
    return 4 if is_quarter(period) else 12


def period_add(period: str, n: int) -> str:
    """The month or quarter `n` steps after `period` (before, for negative `n`)."""
    if is_quarter(period):
        y, q = parse_quarter(period)
        k = y * 4 + (q - 1) + n
        return quarter_label(k // 4, k % 4 + 1)
    return month_add(period, n)


def periods_of_year(year: int, *, like: str) -> list[str]:
    """The year's months, or its quarters when `like` is a quarter."""
    if is_quarter(like):
        return [quarter_label(year, q) for q in range(1, 5)]
    return months_of_year(year)


def point_position(period: str) -> float:
    """A month or a quarter on the month axis (a quarter at its middle month)."""
    if is_quarter(period):
        return period_position(normalise_period(period))
    return month_position(period)


def period_da(period: str) -> str:
    """'2024-06' -> 'juni 2024'; '2024Q2' -> '2. kvartal 2024'."""
    if is_quarter(period):
        y, q = parse_quarter(period)
        return f"{q}. kvartal {y}"
    return month_da(period)


def period_short_da(period: str) -> str:
    """'2024Q2' -> '2. kvt. 2024', a month as `period_da`."""
    if is_quarter(period):
        y, q = parse_quarter(period)
        return f"{q}. kvt. {y}"
    return month_da(period)


def quarter_of_month(month: str) -> str:
    """The quarter a month belongs to: '2024-05' -> '2024Q2'."""
    y, m = parse_month(month)
    return quarter_label(y, (m - 1) // 3 + 1)


def last_complete_quarter(month: str) -> str:
    """The latest quarter that has ended by the end of `month`: '2024-06' and '2024-07' ->
    '2024Q2'; '2024-05' -> '2024Q1'."""
    y, m = parse_month(month)
    q = quarter_of_month(month)
    return q if m % 3 == 0 else period_add(q, -1)


# ---------------------------------------------------------------------------------------------
# The goal


@dataclass(frozen=True, slots=True)
class Punkt:
    """A value in a period: '2018' (a year, read as the year's average), a quarter ('2018Q2',
    for goals on public figures) or a month ('2018-06')."""

    vaerdi: float
    periode: str

    @property
    def aar(self) -> int:
        return int(str(self.periode)[:4])


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    titel: str
    ejer: str
    indikator: str  # a name in indsats.analytics.indicators.INDICATORS
    measure: str  # the column of the indicator's output the goal follows (opgørelse)
    forloeb: Forloeb
    retning: Retning
    baseline: Punkt | None = None  # required for lineaer and trinvis_aar
    target: Punkt | None = None
    enhed: str = "personer"  # "andel" (shown as %), "personer" or "antal"
    filtre: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (column, allowed values)
    trin: tuple[tuple[int, float], ...] = ()  # trinvis_aar: (year, value)
    tolerance: float = 0.05  # relative shortfall still counted as "i risiko", not "bagud"
    kilde: str = ""  # where the goal comes from (plan, sentence, law)
    beskrivelse: str = ""
    kommune: int | None = None  # None: applies to any municipality (e.g. ministermål)
    ministermaal: str = ""  # e.g. "2024 mål 3" for the minister's goals
    tags: tuple[str, ...] = field(default_factory=tuple)

    def filter_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filtre)

    def step_value(self, year: int) -> float | None:
        steps = dict(self.trin)
        return steps.get(year)
