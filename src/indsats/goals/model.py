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

_PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


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
    """A period ('2018' or '2018-06') as a point on a month axis (months since year 0).

    A month is its own point; a year is its middle (June/July boundary) unless `end` is set,
    then its December. Used by linear trajectories: a yearly baseline '25 % in 2016' sits in
    mid-2016.
    """
    m = _PERIOD_RE.match(str(period).strip())
    if not m:
        raise ValueError(f"not a period: {period!r} (expected 2025 or 2025-06)")
    y = int(m.group(1))
    if m.group(2):
        return y * 12 + int(m.group(2)) - 1
    return y * 12 + (11 if end else 5.5)


def month_position(month: str) -> float:
    y, m = parse_month(month)
    return y * 12 + m - 1


# ---------------------------------------------------------------------------------------------
# The goal


@dataclass(frozen=True, slots=True)
class Punkt:
    """A value in a period: '2018' (a year, read as the year's average) or '2018-06'."""

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
