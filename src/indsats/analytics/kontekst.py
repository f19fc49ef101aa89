"""What an indicator needs besides the register: the period, the breakdown and optional inputs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import ibis
import pyarrow as pa

from indsats.register import weeks
from indsats.register.weeks import Periode

YEARS_MIN, YEARS_MAX = 2000, 2040


def kalender_table(periode: Periode, niveau: str) -> pa.Table:
    """One row per week of the period: week_index, periode label, aar, uger_i_periode.

    `uger_i_periode` counts the weeks carrying the same label *inside the requested period*: a
    full year has 52 or 53, a quarter 13 or 14, a month 4 or 5 (weeks go by their Thursday).
    """
    idx = list(periode.weeks)
    labels = [weeks.period_label(i, niveau) for i in idx]
    years = [weeks.thursday(i).year for i in idx]
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    return pa.table(
        {
            "week_index": pa.array(idx, pa.int32()),
            "periode": pa.array(labels, pa.string()),
            "aar": pa.array(years, pa.int32()),
            "uger_i_periode": pa.array([counts[lab] for lab in labels], pa.int64()),
        }
    )


def befolkning_table(kommuner: list[int] | None = None) -> pa.Table:
    """Population 16-66 by municipality and year (assumed share of the total; docs/register.md)."""
    from indsats.domain.kommuner import all_kommuner
    from indsats.register.calibration import befolkning_16_66

    codes = kommuner or [k.kode for k in all_kommuner()]
    rows = [(k, y, befolkning_16_66(k, y)) for k in codes for y in range(YEARS_MIN, YEARS_MAX + 1)]
    return pa.table(
        {
            "kommune": pa.array([r[0] for r in rows], pa.int32()),
            "aar": pa.array([r[1] for r in rows], pa.int32()),
            "befolkning_16_66": pa.array([float(r[2]) for r in rows], pa.float64()),
        }
    )


@dataclass
class Kontekst:
    """Parameters shared by the indicator suite.

    periode: the weeks reported on (results are restricted to them; history before the period is
      still used for spells, durations, zappere and refusion anciennitet).
    niveau: breakdown of the period: "aar", "kvartal", "maaned" or "uge".
    daekning: (first, last) week index the register covers; flows and outcomes are censored
      outside it. `run_indicators` fills it from the data when it is None.
    befolkning: Arrow table kommune/aar/befolkning_16_66 (default: `befolkning_table()`).
    haendelser: events for `status_efter_k_uger`: person_id, week_index, optional gruppe
      (default: every exit from a benefit in the period, grouped by the benefit left).
    aktiviteter: weeks with company-directed activity (person_id, week_index), from case data;
      `virksomhedsrettet_inden_13_uger` is skipped when it is None.
    enhedspriser: cost per person-week by ydelse (Arrow table ydelse/kr_pr_uge) for the
      refusion expenditure split; None gives weeks and rates without kroner.
    """

    periode: Periode
    niveau: str = "aar"
    daekning: tuple[int, int] | None = None
    befolkning: pa.Table | None = None
    haendelser: pa.Table | None = None
    aktiviteter: pa.Table | None = None
    enhedspriser: pa.Table | None = None
    k_uger: int = 26
    zapper_graense: int = 2
    zapper_vindue_uger: int = 52
    zapper_max_gab: int = 0
    forloeb_max_gab: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    # Weekly increments (`indsats.analytics.increment`): what a register slice cannot see of the
    # persons' history. forloeb: spells running in the slice's first week (person_id, ydelse,
    # week_index, forloeb_start); skift: dagpenge/sygedagpenge switches in the 51 weeks up to it
    # (person_id, week_index, kommune).
    carry: dict[str, pa.Table] | None = None
    # Intermediates shared between indicators of one suite run (e.g. the transitions), cached
    # on the backend; None: every indicator computes its own. Set by `run_indicators`.
    shared: dict[tuple[str, int], Any] | None = field(default=None, repr=False)
    _tables: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.niveau not in weeks.GRANULARITIES:
            raise ValueError(f"unknown niveau {self.niveau!r}; known: {weeks.GRANULARITIES}")

    @property
    def first(self) -> int:
        return self._daekning[0]

    @property
    def last(self) -> int:
        return self._daekning[1]

    @property
    def _daekning(self) -> tuple[int, int]:
        if self.daekning is None:
            raise ValueError("Kontekst.daekning (weeks the register covers) is not set")
        return self.daekning

    @cached_property
    def kalender_arrow(self) -> pa.Table:
        return kalender_table(self.periode, self.niveau)

    def _small_table(self, kind: str, data: pa.Table, like: ibis.Table | None) -> ibis.Table:
        """A small lookup table as a real table on the backend of `like` (created once per
        backend). A real table, not an Arrow-backed memtable, gives the engine the statistics
        it needs to put the small side of a join on the build side; without a backend (pure
        memtable expressions) it falls back to a memtable."""
        con = None
        if like is not None:
            try:
                con = like._find_backend(use_default=False)
            except Exception:
                con = None
        if con is None:
            return ibis.memtable(data)
        key = (kind, id(con))
        if key not in self._tables:
            from indsats.analytics.backend import table_from_arrow

            name = f"indsats_{kind}_{uuid.uuid4().hex[:12]}"
            self._tables[key] = table_from_arrow(con, name, data)
        return self._tables[key]

    def carry_table(self, kind: str, like: ibis.Table | None = None) -> ibis.Table | None:
        """The carried history of `kind` on the backend of `like`, or None (a full register)."""
        if self.carry is None or kind not in self.carry:
            return None
        return self._small_table(f"carry_{kind}", self.carry[kind], like)

    def kalender(self, like: ibis.Table | None = None) -> ibis.Table:
        """The period's calendar, on the backend of `like` when given."""
        return self._small_table("kalender", self.kalender_arrow, like)

    def befolkning_memtable(self, like: ibis.Table | None = None) -> ibis.Table:
        data = self.befolkning if self.befolkning is not None else befolkning_table()
        return self._small_table("befolkning", data, like)
