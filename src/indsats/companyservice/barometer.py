"""The job barometer: which trades need people.

For a period, each demand signal is counted per industry (the DB07 10-group of the company) and
weighted:

    score = 1 x positions in vacancies received
          + 2 x placements that became ordinary jobs (ended in the period)
          + 1 x hotline requests received

An industry's level compares its score with the mean score over all ten groups:

    high   if score >= 1.5 x mean  (and score > 0)
    low    if score <  0.5 x mean  (or score == 0)
    medium otherwise

All inputs are plain rows; the web app and the monthly report feed the same function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from indsats.companyservice.db07 import gruppe10_for, grupper10

WEIGHT_STILLING = 1
WEIGHT_PLACERING_JOB = 2
WEIGHT_HOTLINE = 1
HIGH_FACTOR = 1.5
LOW_FACTOR = 0.5


class Behov(StrEnum):
    HOEJ = "hoej"
    MIDDEL = "middel"
    LAV = "lav"


BEHOV_LABELS = {Behov.HOEJ: "Stort behov", Behov.MIDDEL: "Middel behov", Behov.LAV: "Lille behov"}


@dataclass(frozen=True, slots=True)
class Signal:
    """One demand signal: kind is 'jobordre' (weight x antal), 'placering_job' or 'hotline'."""

    kind: str
    db07: str
    dato: date
    antal: int = 1


@dataclass(slots=True)
class BarometerRaekke:
    gruppe_nr: int
    gruppe_navn: str
    stillinger: int = 0
    placeringer_job: int = 0
    hotline: int = 0
    score: int = 0
    behov: Behov = Behov.LAV
    hovedgrupper: dict[str, int] = field(default_factory=dict)

    @property
    def behov_label(self) -> str:
        return BEHOV_LABELS[self.behov]


def barometer_compute(*, signals: Iterable[Signal], fra: date, til: date) -> list[BarometerRaekke]:
    """One row per 10-group, sorted by score (highest first), then group number.

    Signals outside [fra, til] are ignored; signals with an unknown DB07 code are dropped
    (they cannot be placed in a trade)."""
    if til < fra:
        raise ValueError("til must not be before fra")
    rows = {g.nr: BarometerRaekke(g.nr, g.navn) for g in grupper10()}
    for s in signals:
        if not (fra <= s.dato <= til):
            continue
        g = gruppe10_for(s.db07)
        if g is None:
            continue
        row = rows[g.nr]
        if s.kind == "jobordre":
            row.stillinger += s.antal
            points = WEIGHT_STILLING * s.antal
        elif s.kind == "placering_job":
            row.placeringer_job += s.antal
            points = WEIGHT_PLACERING_JOB * s.antal
        elif s.kind == "hotline":
            row.hotline += s.antal
            points = WEIGHT_HOTLINE * s.antal
        else:
            raise ValueError(f"unknown signal kind {s.kind!r}")
        row.score += points
        two = s.db07[:2]
        row.hovedgrupper[two] = row.hovedgrupper.get(two, 0) + points
    mean = sum(r.score for r in rows.values()) / len(rows)
    for r in rows.values():
        if r.score > 0 and r.score >= HIGH_FACTOR * mean:
            r.behov = Behov.HOEJ
        elif r.score == 0 or r.score < LOW_FACTOR * mean:
            r.behov = Behov.LAV
        else:
            r.behov = Behov.MIDDEL
    return sorted(rows.values(), key=lambda r: (-r.score, r.gruppe_nr))


def barometer_level_for(rows: Iterable[BarometerRaekke], db07: str) -> BarometerRaekke | None:
    """The barometer row of the group a DB07 code belongs to (for ABC job targets)."""
    g = gruppe10_for(db07)
    if g is None:
        return None
    return next((r for r in rows if r.gruppe_nr == g.nr), None)
