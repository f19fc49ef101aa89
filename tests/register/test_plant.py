"""Planting a known effect in the synthetic register (indsats.register.plant)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from indsats.register import generator, weeks
from indsats.register.plant import PlantError, Plantning, plant_effect, weeks_on_benefit_before

FIRST, LAST = weeks.parse_week("2019W01"), weeks.parse_week("2021W52")
START, END = weeks.parse_week("2020W01"), weeks.parse_week("2020W52")


@pytest.fixture(scope="module")
def register() -> pa.Table:
    return pa.concat_tables(generator.generate([573], FIRST, LAST, seed=5))


def _rows(t: pa.Table) -> set[tuple[int, int]]:
    return set(
        zip(t.column("person_id").to_pylist(), t.column("week_index").to_pylist(), strict=True)
    )


def test_participants_are_on_the_benefit_in_their_start_week_once_each(register):
    r = plant_effect(register, Plantning("sygedagpenge", START, END, 80, 0.5, koen="M"), seed=1)
    d = r.deltagere
    assert d.num_rows == 80
    assert len(set(d.column("person_id").to_pylist())) == 80
    starts = np.asarray(d.column("start_uge"))
    assert starts.min() >= START and starts.max() <= END
    at_start = register.join(
        d.rename_columns(["person_id", "week_index"]),
        ["person_id", "week_index"],
        join_type="inner",
    )
    assert at_start.num_rows == 80
    assert set(at_start.column("ydelse").to_pylist()) == {"sygedagpenge"}
    assert set(at_start.column("sex").to_pylist()) == {"M"}


def test_selection_favours_long_histories(register):
    t = register.sort_by([("person_id", "ascending"), ("week_index", "ascending")])
    pid = np.asarray(t.column("person_id"))
    wk = np.asarray(t.column("week_index")).astype(np.int64)
    _, rank = np.unique(pid, return_inverse=True)
    prior = weeks_on_benefit_before(rank.astype(np.int64), wk)
    pool = (np.asarray(pc.equal(t.column("ydelse"), "sygedagpenge"))) & (wk >= START) & (wk <= END)
    r = plant_effect(register, Plantning("sygedagpenge", START, END, 100, 0.0), seed=2)
    key = pid * 10_000 + wk
    chosen = np.isin(
        key,
        np.asarray(r.deltagere.column("person_id")) * 10_000
        + np.asarray(r.deltagere.column("start_uge")),
    )
    assert prior[chosen].mean() > prior[pool].mean() + 10


def test_zero_effect_changes_nothing_and_full_effect_removes_the_window(register):
    p0 = plant_effect(register, Plantning("sygedagpenge", START, END, 60, 0.0), seed=3)
    assert p0.register.num_rows == register.num_rows
    assert p0.fjernet.num_rows == 0
    assert p0.sand_andel_selvforsoergende(26) == 0.0
    assert p0.sand_uger_paa_ydelse() == 0.0

    p1 = plant_effect(
        register,
        Plantning("sygedagpenge", START, END, 60, 1.0, virker_fra=4, virker_til=30),
        seed=3,
    )
    # Same participants (the selection does not depend on the effect).
    assert p1.deltagere.equals(p0.deltagere)
    removed, before, after = _rows(p1.fjernet), _rows(register), _rows(p1.register)
    assert removed == before - after
    starts = dict(
        zip(
            p1.deltagere.column("person_id").to_pylist(),
            p1.deltagere.column("start_uge").to_pylist(),
            strict=True,
        )
    )
    assert not any(p in starts and starts[p] + 4 <= w <= starts[p] + 30 for p, w in after)
    # The true effect is what was removed: participants on benefit in week 26 in the original.
    on_26 = sum((pid, s + 26) in before for pid, s in starts.items())
    assert p1.sand_andel_selvforsoergende(26) == pytest.approx(on_26 / 60)
    assert p1.sand_uger_paa_ydelse(1, 52) == pytest.approx(
        -sum(1 for _ in removed) / 60
    )  # every removed week lies in weeks 4-30 after start


def test_same_seed_same_plant_and_bad_requests_are_refused(register):
    p = Plantning("sygedagpenge", START, END, 40, 0.3)
    assert plant_effect(register, p, seed=9).register.equals(
        plant_effect(register, p, seed=9).register
    )
    with pytest.raises(PlantError, match="only .* persons on revalidering"):
        plant_effect(register, Plantning("revalidering", START, START + 1, 500, 0.3))
    with pytest.raises(PlantError, match="share between 0 and 1"):
        Plantning("sygedagpenge", START, END, 10, 1.5)
    with pytest.raises(PlantError, match="before fra_uge"):
        Plantning("sygedagpenge", END, START, 10, 0.1)
