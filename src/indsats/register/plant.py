"""Plant a known effect in a synthetic register, for testing and demonstrating effect evaluations.

A project (an indsats) takes participants from the people on one benefit, and it selects them on
their observed history: someone with many weeks on benefit in the past year joins more often,
as sick-listed people with long spells were sent to Projekt PLUS. For a share of the participants
(`effekt`) the project works: their benefit weeks from `virker_fra` to `virker_til` weeks after
the start are removed (they are self-supporting instead). Everyone else's history is untouched.

Because the register without the project is the generated one, the true effect on the
participants is known exactly: `PlantResultat.sand_andel_selvforsoergende(k)` is the share of
participants who are self-supporting in week k only because of the project, and
`sand_uger_paa_ydelse(a, b)` the change in their weeks on benefit. A planted effect of zero
changes nothing and still marks the participants, so an evaluation must find no effect.

The selection depends only on what the register shows before the start (the benefit in the start
week, weeks on any benefit in the 52 weeks before it, and optionally sex), which is the
assumption under which matching on the register can recover the effect (docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from indsats.register.schema import SCHEMA

PERSON_WEEK_SPAN = 10_000  # week_index < 10,000 until the year 2190: person rank * span + week

DELTAGER_SCHEMA = pa.schema(
    [
        pa.field("person_id", pa.int64(), nullable=False),
        pa.field("start_uge", pa.int32(), nullable=False),
    ]
)


class PlantError(ValueError):
    """The planting cannot be done as asked (e.g. too few people to choose from)."""


@dataclass(frozen=True, slots=True)
class Plantning:
    """A project to plant: who can join, how they are selected, and what it does.

    ydelse: the benefit participants receive in their start week.
    fra_uge, til_uge: the first and last possible start week (week indices).
    deltagere: the number of participants.
    effekt: the share of participants for whom the project works (0 = no effect).
    virker_fra, virker_til: the weeks after the start whose benefit weeks are removed for them.
    selektion: how strongly the weeks on benefit in the past 52 weeks drive joining: a person-week
        is chosen with weight exp(selektion * weeks / 26) (0 = at random).
    koen: "M" or "K" to take only men or only women (Projekt PLUS took men); None = both.
    kommune: the municipality (None = any in the register).
    """

    ydelse: str
    fra_uge: int
    til_uge: int
    deltagere: int
    effekt: float
    virker_fra: int = 4
    virker_til: int = 104
    selektion: float = 1.5
    koen: str | None = None
    kommune: int | None = None

    def __post_init__(self) -> None:
        if self.til_uge < self.fra_uge:
            raise PlantError("til_uge lies before fra_uge")
        if self.deltagere < 1:
            raise PlantError("deltagere must be at least 1")
        if not 0.0 <= self.effekt <= 1.0:
            raise PlantError(f"effekt is a share between 0 and 1 (got {self.effekt})")
        if not 0 < self.virker_fra <= self.virker_til:
            raise PlantError("the effect window must start after the start week (virker_fra > 0)")
        if self.koen not in (None, "M", "K"):
            raise PlantError(f"koen must be 'M', 'K' or None (got {self.koen!r})")


@dataclass(frozen=True)
class PlantResultat:
    """The register with the effect planted, the participants and the removed benefit weeks."""

    register: pa.Table
    deltagere: pa.Table  # person_id, start_uge (DELTAGER_SCHEMA)
    fjernet: pa.Table  # person_id, week_index, ydelse: the benefit weeks the project removed
    plantning: Plantning

    @property
    def antal(self) -> int:
        return int(self.deltagere.num_rows)

    def _removed_relative(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(participant row, week relative to that participant's start) of each removed week."""
        pid = np.asarray(self.deltagere.column("person_id"), dtype=np.int64)
        start = np.asarray(self.deltagere.column("start_uge"), dtype=np.int64)
        order = np.argsort(pid)
        fp = np.asarray(self.fjernet.column("person_id"), dtype=np.int64)
        fw = np.asarray(self.fjernet.column("week_index"), dtype=np.int64)
        row = order[np.searchsorted(pid[order], fp)]
        return row, fw - start[row]

    def sand_andel_selvforsoergende(self, k: int) -> float:
        """The true effect on the share self-supporting k weeks after the start (a share)."""
        _, rel = self._removed_relative()
        return float(np.count_nonzero(rel == k)) / self.antal

    def sand_uger_paa_ydelse(self, fra: int = 1, til: int = 52) -> float:
        """The true effect on weeks on benefit in weeks fra..til after the start, per
        participant (negative: fewer weeks)."""
        _, rel = self._removed_relative()
        return -float(np.count_nonzero((rel >= fra) & (rel <= til))) / self.antal


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by([("person_id", "ascending"), ("week_index", "ascending")])


def weeks_on_benefit_before(
    person_rank: npt.NDArray[np.int64], week: npt.NDArray[np.int64], span: int = 52
) -> npt.NDArray[np.int64]:
    """For rows sorted by (person, week): the person's rows in the `span` weeks before each row's
    week (not counting the week itself)."""
    key = person_rank * PERSON_WEEK_SPAN + week
    return np.arange(len(key)) - np.searchsorted(key, key - span)


def plant_effect(register: pa.Table, plantning: Plantning, *, seed: int = 0) -> PlantResultat:
    """Choose participants on observed history and remove benefit weeks where the project works.

    Deterministic by `seed`. Raises PlantError when fewer people than `deltagere` can join.
    """
    p = plantning
    rng = np.random.default_rng([int(seed), 7_2022])
    t = _sorted(register.select(SCHEMA.names).cast(SCHEMA))
    person = np.asarray(t.column("person_id"), dtype=np.int64)
    week = np.asarray(t.column("week_index"), dtype=np.int64)
    _, rank = np.unique(person, return_inverse=True)
    rank = rank.astype(np.int64)
    prior = weeks_on_benefit_before(rank, week)

    eligible = (
        np.asarray(pc.equal(t.column("ydelse"), p.ydelse).fill_null(False))
        & (week >= p.fra_uge)
        & (week <= p.til_uge)
    )
    if p.koen is not None:
        eligible &= np.asarray(pc.equal(t.column("sex"), p.koen).fill_null(False))
    if p.kommune is not None:
        eligible &= np.asarray(t.column("kommune"), dtype=np.int64) == p.kommune
    rows = np.nonzero(eligible)[0]
    if len(np.unique(person[rows])) < p.deltagere:
        raise PlantError(
            f"only {len(np.unique(person[rows]))} persons on {p.ydelse} can join in the start "
            f"weeks; {p.deltagere} participants were asked for"
        )
    # Weighted sampling without replacement (Gumbel top-k): order person-weeks by
    # log(weight) + Gumbel noise and take each person's first week in that order.
    score = p.selektion * prior[rows] / 26.0 + rng.gumbel(size=len(rows))
    ranked = rows[np.argsort(-score, kind="stable")]
    _, first = np.unique(person[ranked], return_index=True)
    chosen = ranked[np.sort(first)[: p.deltagere]]
    chosen = chosen[np.lexsort((week[chosen], person[chosen]))]
    d_person, d_start = person[chosen], week[chosen]

    works = rng.random(len(chosen)) < p.effekt
    remove = np.zeros(len(person), dtype=bool)
    for pid, s in zip(d_person[works], d_start[works], strict=True):
        lo = np.searchsorted(person, pid, side="left")
        hi = np.searchsorted(person, pid, side="right")
        w = week[lo:hi]
        remove[lo:hi] |= (w >= s + p.virker_fra) & (w <= s + p.virker_til)
    mask = pa.array(~remove)
    return PlantResultat(
        register=t.filter(mask),
        deltagere=pa.table(
            [pa.array(d_person, pa.int64()), pa.array(d_start, pa.int32())],
            schema=DELTAGER_SCHEMA,
        ),
        fjernet=t.filter(pa.array(remove)).select(["person_id", "week_index", "ydelse"]),
        plantning=p,
    )


def plant_effects(
    register: pa.Table, plantninger: Sequence[Plantning], *, seed: int = 0
) -> tuple[pa.Table, list[PlantResultat]]:
    """Plant several projects one after the other (each sees the register the previous left).
    Returns the final register and one result per project."""
    results: list[PlantResultat] = []
    for i, p in enumerate(plantninger):
        r = plant_effect(register, p, seed=seed * 1000 + i)
        register = r.register
        results.append(r)
    return register, results


def generate_register_with_effects(
    directory: Path | str,
    kommuner: list[int] | None,
    first: int,
    last: int,
    plantninger: Iterable[Plantning],
    *,
    seed: int = 0,
    scale: float = 1.0,
) -> list[PlantResultat]:
    """Generate a synthetic register, plant the projects and write it atomically (marked
    synthetic, with the planted projects named in its source note)."""
    from indsats.register import weeks
    from indsats.register.generator import generate
    from indsats.register.kilde import SYNTETISK, write_source
    from indsats.register.store import write_register

    table = pa.concat_tables(generate(kommuner, first, last, seed=seed, scale=scale))
    planted, results = plant_effects(table, list(plantninger), seed=seed)
    write_register(planted, directory)
    write_source(
        directory,
        SYNTETISK,
        generator="indsats.register.generator",
        seed=seed,
        uger=f"{weeks.label(first)}-{weeks.label(last)}",
        plantede_effekter=[
            {
                "ydelse": r.plantning.ydelse,
                "deltagere": r.antal,
                "effekt": r.plantning.effekt,
                "fra": weeks.label(r.plantning.fra_uge),
                "til": weeks.label(r.plantning.til_uge),
            }
            for r in results
        ],
    )
    return results
