"""The evaluation on the tiny hand-made register (tests/evaluation/handmade.py), by hand.

Matching (one comparison person each, no caliper, exact on benefit and sex, week S):
participant 1 (30 weeks in the spell at S) takes person 11 (28), participant 2 (20) takes
person 12 (22): the propensity score rises with the time on benefit, and each participant's
nearest candidate by duration is a different person, so the random order does not matter.

Outcomes (k = weeks after S; self-supporting = no row):
           k=13  k=26  k=52  weeks on benefit in 1..52  first self-supporting week
person 1     1     1     1     12                        13
person 11    0     0     1     40                        41
person 2     0     0     1     30                        31
person 12    0     1     1     20                        21
set diffs  (1,0) (1,-1) (0,0)  (-28, +10)                (-28, +10)

So the effect is 0,5 at 13 weeks (participants 50 %, comparison 0 %), 0 at 26 weeks (50 % and
50 %), 0 at 52, -9 weeks on benefit (21 against 30), -9 weeks to the first self-supporting week.
With two sets the bootstrap means are d1, (d1+d2)/2 or d2, so the 95 % interval runs from the
smaller to the larger set difference: weeks on benefit -28 to +10. Standard error: the sets'
standard deviation (ddof 1) over sqrt(2) = |d1 - d2| / 2 = 19.

Naive before/after at 26 weeks: 0 % of the participants self-supporting at S, 50 % after.

Balance, weeks on benefit in the past year: participants 29 and 19 (mean 24); all candidates in
the cell 27, 21, 4, 9 (mean 15,25); matched 27 and 21 (mean 24). Pooled SD before (population
variances 25 and 84,1875): sqrt(54,59375) = 7,38876, so SMD 8,75 / 7,38876 = 1,1842 before and
0 after.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from indsats.evaluation import Deltager, Design, evaluate
from indsats.evaluation import estimate as est
from tests.evaluation.conftest import on_backend
from tests.evaluation.handmade import COVERAGE, S, handmade_register

DESIGN = Design(
    naboer=1,
    caliper=None,
    eksakt=("ydelse", "koen"),
    opfoelgning=(13, 26, 52),
    efter_uger=52,
    min_deltagere=1,
    max_uden_match=0.0,
)


@pytest.fixture(scope="module")
def vurdering(con):
    reg = on_backend(con, handmade_register())
    return evaluate(reg, [Deltager(1, S), Deltager(2, S)], DESIGN, navn="Håndlavet")


def test_matching_by_hand(vurdering):
    v = vurdering
    s = v.stikproeve.tabel.to_pylist()
    pairs = {
        next(r["person_id"] for r in s if r["saet"] == i and r["rolle"] == "deltager"): [
            r["person_id"] for r in s if r["saet"] == i and r["rolle"] == "sammenligning"
        ]
        for i in range(2)
    }
    assert pairs == {1: [11], 2: [12]}
    assert v.deltagere_matchet == 2 and v.deltagere_uden_match == 0
    assert v.kandidater == 4  # persons 11-14; person 20 is on another benefit
    assert v.daekning == COVERAGE
    # the score rises with the time on benefit (what makes the matches above the nearest)
    k = v.matching.kandidater
    by_person = {int(p): float(lg) for p, lg in zip(k.person_id, v.matching.logit, strict=True)}
    assert by_person[13] < by_person[14] < by_person[2] < by_person[12] < by_person[11]


def test_estimates_by_hand(vurdering):
    v = vurdering
    e13, e26, e52 = (v.estimat(f"selvforsoergende_{k}") for k in (13, 26, 52))
    assert (e13.deltagere, e13.sammenligning, e13.effekt) == (0.5, 0.0, 0.5)
    assert (e26.deltagere, e26.sammenligning, e26.effekt) == (0.5, 0.5, 0.0)
    assert (e26.nedre, e26.oevre) == (-1.0, 1.0)
    assert e52.effekt == 0.0
    u = v.estimat("uger_paa_ydelse_52")
    assert (u.deltagere, u.sammenligning, u.effekt) == (21.0, 30.0, -9.0)
    assert (u.nedre, u.oevre) == (-28.0, 10.0)
    assert u.se == pytest.approx(19.0)
    assert v.estimat("uger_til_selvforsoergelse").effekt == -9.0
    assert v.estimat("afgang_selvforsoergelse_52").effekt == 0.0
    assert v.estimat("uger_paa_sygedagpenge_52").effekt == -9.0
    # naive before/after
    n = v.naiv
    assert (n.uge, n.ved_start, n.efter, n.stigning) == (26, 0.0, 0.5, 0.5)
    # helårspersoner: 9 weeks fewer for 2 participants = 18 / 52
    hp = v.helaarspersoner[-1]
    assert hp.faerre == pytest.approx(18 / 52)
    assert (hp.nedre, hp.oevre) == pytest.approx((-10 * 2 / 52, 28 * 2 / 52))
    # the curve: week 13 participants 50 %, comparison 0 %; fewer than 5 sets -> no points
    assert all(p.deltagere is None for p in v.kurve)


def test_balance_by_hand(vurdering):
    b = next(r for r in vurdering.matching.balance if "seneste år" in r.variabel)
    assert (b.deltagere, b.foer, b.efter) == (24.0, 15.25, 24.0)
    assert b.smd_foer == pytest.approx(8.75 / math.sqrt(54.59375))
    assert b.smd_efter == 0.0


def test_pre_period_check_and_bootstrap_by_hand():
    # Two sets, one comparison person each, weeks -52..+1. Set 0: the participant is
    # self-supporting in weeks -52..-40 and on benefit from -39; the comparison person on
    # benefit throughout. Set 1: both on benefit throughout. Difference-in-differences:
    # set 0 = (0 in -13..-1) - (1 in -52..-40) = -1; set 1 = 0.
    state_t = np.ones((2, 54), dtype=np.int8)
    state_t[0, :13] = 0
    state_c = np.ones((2, 54), dtype=np.int8)
    t = est.Forloeb(state_t, 52, 1, ("sygedagpenge",))
    c = est.Forloeb(state_c, 52, 1, ("sygedagpenge",))
    stats = est.SetStatistik(np.array([0, 1]), np.array([1.0, 1.0]), 2, 999, 0)
    check = est.pre_period_check(t, c, stats, min_sets=2)
    assert check.vurderet and check.forskel == -0.5
    assert (check.nedre, check.oevre) == (-1.0, 0.0)
    assert check.parallel  # the interval holds 0
    # with ten such sets the groups were clearly not parallel
    t10 = est.Forloeb(np.repeat(state_t[:1], 10, axis=0), 52, 1, ("sygedagpenge",))
    c10 = est.Forloeb(np.repeat(state_c[:1], 10, axis=0), 52, 1, ("sygedagpenge",))
    s10 = est.SetStatistik(np.arange(10), np.ones(10), 10, 999, 0)
    check10 = est.pre_period_check(t10, c10, s10)
    assert check10.forskel == -1.0 and not check10.parallel


def test_a_self_supporting_participant_is_compared_with_self_supporting_people(con):
    # Person 3 left sygedagpenge 5 weeks before S after 20 weeks; person 15 likewise (6 weeks
    # before, 18 weeks), person 16 left 30 weeks before after 3 weeks. Person 3 is matched with
    # person 15 among the self-supporting candidates of week S (persons 1, 2, 11-14 are on
    # benefit in S; 20 is on kontanthjælp).
    extra = [
        (3, "sygedagpenge", -25, -6),
        (3, "sygedagpenge", 30, 40),
        (15, "sygedagpenge", -24, -7),
        (16, "sygedagpenge", -33, -31),
    ]
    reg = on_backend(con, handmade_register(extra), "register_selv")
    design = Design(naboer=1, caliper=None, efter_uger=52, opfoelgning=(26,), min_deltagere=1)
    v = evaluate(reg, [Deltager(3, S)], design)
    s = v.stikproeve.tabel.to_pylist()
    assert [r["person_id"] for r in s if r["rolle"] == "sammenligning"] == [15]
    assert v.ydelse_ved_start == {"selvforsoergelse": 1}
    assert v.kandidater == 2  # persons 15 and 16
    assert v.estimat("uger_paa_ydelse_52").effekt == 11.0  # person 3: weeks 30-40; 15: none
