"""Every indicator on the hand-made register (tests/analytics/handmade.py), computed by hand.

Runs on DuckDB and (marked `spark`) on PySpark: the same literal answers must come out of both.
Weeks: 2020 has 53 ISO weeks, so a full year's fuldtidspersoner divide by 53.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from indsats.analytics import INDICATORS, Kontekst, run_indicators
from indsats.analytics.backend import table_from_arrow
from indsats.register.weeks import parse_periode
from indsats.register.weeks import week_index as wi
from tests.analytics.handmade import DAEKNING, befolkning, handmade_register

NON_REFUSION = [n for n in INDICATORS if n != "refusion_fordeling"]


@pytest.fixture(scope="module")
def reg(con):
    return table_from_arrow(con, "handmade", handmade_register())


def aktiviteter() -> pa.Table:
    # P2 in company-directed activity in 2020W05 (within 13 weeks of its sick spell starting
    # 2020W01); P9 in 2020W20 (its spell started 2020W06: W06..W18 is the window, so too late).
    return pa.table(
        {
            "person_id": pa.array([2, 9], pa.int64()),
            "week_index": pa.array([wi(2020, 5), wi(2020, 20)], pa.int32()),
        }
    )


def run(reg, periode="2020", names=None, **kw):
    ctx = Kontekst(parse_periode(periode), daekning=DAEKNING, befolkning=befolkning(), **kw)
    return {k: v.to_pylist() for k, v in run_indicators(reg, ctx, names or NON_REFUSION).items()}


def rows(result, *keys):
    if len(keys) == 1:
        return {r[keys[0]]: r for r in result}
    return {tuple(r[k] for k in keys): r for r in result}


@pytest.fixture(scope="module")
def y2020(reg):
    return run(reg, aktiviteter=aktiviteter())


def test_fuldtidspersoner_year_with_53_weeks(y2020):
    r = rows(y2020["fuldtidspersoner"], "kommune", "ydelse")
    # kontanthjaelp 573: P1 2020W01-W26 = 26, P7 W01-W20 = 20, P8 W01-W10 = 10 -> 56 weeks / 53
    assert (r[573, "kontanthjaelp"]["uger"], r[573, "kontanthjaelp"]["personer"]) == (56, 3)
    assert r[573, "kontanthjaelp"]["fuldtidspersoner"] == pytest.approx(56 / 53)
    assert r[573, "kontanthjaelp"]["maalgruppe"] == "kontanthjaelp_2_3"
    # sygedagpenge: P2 W01-W30 (30) + W36-W40 (5), P9 W06-W10 (5) -> 40 / 53
    assert r[573, "sygedagpenge"]["uger"] == 40
    assert r[573, "sygedagpenge"]["fuldtidspersoner"] == pytest.approx(40 / 53)
    # dagpenge: P2 W31-W35 (5) + W41-W53 (13), P3 W11-W20 (10), P9 W01-W05 (5) -> 33 / 53
    assert (r[573, "dagpenge"]["uger"], r[573, "dagpenge"]["personer"]) == (33, 3)
    # jobafklaring: P4 W01-W30 -> 30 / 53 (its 2019 weeks are outside the period)
    assert r[573, "jobafklaringsforloeb"]["fuldtidspersoner"] == pytest.approx(30 / 53)
    # uddannelseshjaelp: P6 W50-W53 -> 4 / 53 (partial period)
    assert r[573, "uddannelseshjaelp"]["fuldtidspersoner"] == pytest.approx(4 / 53)
    # P5 the whole year in 390 -> exactly 1 fuldtidsperson
    assert r[390, "kontanthjaelp"]["fuldtidspersoner"] == pytest.approx(1.0)
    assert {row["uger_i_periode"] for row in y2020["fuldtidspersoner"]} == {53}
    assert len(r) == 6


def test_fuldtidspersoner_quarters_and_months(reg):
    q = rows(
        run(reg, niveau="kvartal", names=["fuldtidspersoner"])["fuldtidspersoner"],
        "kommune",
        "periode",
        "ydelse",
    )
    # 2020Q4 = weeks whose Thursday is in Oct-Dec 2020 = W40 (Thu 1 Oct) .. W53 (Thu 31 Dec): 14.
    # dagpenge in Q4: P2 W41-W53 = 13 weeks -> 13 / 14
    assert q[573, "2020Q4", "dagpenge"]["uger_i_periode"] == 14
    assert q[573, "2020Q4", "dagpenge"]["fuldtidspersoner"] == pytest.approx(13 / 14)
    # 2020Q2 = W14 (Thu 2 Apr) .. W26 (Thu 25 Jun): 13 weeks; P1 on kontanthjaelp all of them,
    # P7 W14-W20 = 7 -> (13 + 7) / 13
    assert q[573, "2020Q2", "kontanthjaelp"]["fuldtidspersoner"] == pytest.approx(20 / 13)
    m = rows(
        run(reg, niveau="maaned", names=["fuldtidspersoner"])["fuldtidspersoner"],
        "kommune",
        "periode",
        "ydelse",
    )
    # January 2020 = W01 (Thu 2 Jan) .. W05 (Thu 30 Jan): 5 weeks. sygedagpenge: P2 all 5 -> 1.0
    assert m[573, "2020-01", "sygedagpenge"]["uger_i_periode"] == 5
    assert m[573, "2020-01", "sygedagpenge"]["fuldtidspersoner"] == pytest.approx(1.0)
    # dagpenge in January: P9 W01-W05 -> 5 / 5
    assert m[573, "2020-01", "dagpenge"]["fuldtidspersoner"] == pytest.approx(1.0)


def test_spell_crossing_the_53_week_year_boundary(reg):
    r = run(reg, "2021", names=["fuldtidspersoner", "afgang"])
    f = rows(r["fuldtidspersoner"], "kommune", "ydelse")
    # P6 uddannelseshjaelp 2021W01-W05 -> 5 / 52 (2021 has 52 weeks)
    assert f[573, "uddannelseshjaelp"]["fuldtidspersoner"] == pytest.approx(5 / 52)
    a = rows(r["afgang"], "kommune", "ydelse")
    # P2's dagpenge ends 2020W53, so the exit (first week off) is 2021W01; P5 leaves 390 in
    # 2021W01; P6 leaves uddannelseshjaelp in 2021W06.
    assert a[573, "dagpenge"]["afgang"] == 1
    assert a[390, "kontanthjaelp"]["afgang_til_selvforsoergelse"] == 1
    assert a[573, "uddannelseshjaelp"]["afgang"] == 1


def test_andel_offentlig_forsoergelse(y2020):
    r = rows(y2020["andel_offentlig_forsoergelse"], "kommune")
    # 573: 56 + 40 + 33 + 30 + 4 = 163 weeks / 53 = 3.0755 fuldtidspersoner / 1060 inhabitants
    assert r[573]["uger"] == 163 and r[573]["personer"] == 8
    assert r[573]["andel"] == pytest.approx(163 / 53 / 1060)
    # 390: 53 / 53 = 1 / 530
    assert r[390]["andel"] == pytest.approx(1 / 530)


def test_tilgang(y2020):
    r = rows(y2020["tilgang"], "kommune", "ydelse")
    # dagpenge: P2 W31 and W41 (from sygedagpenge), P3 W11 and P9 W01 (from self-support)
    assert (
        r[573, "dagpenge"]["tilgang"],
        r[573, "dagpenge"]["tilgang_fra_selvforsoergelse"],
        r[573, "dagpenge"]["personer"],
    ) == (4, 2, 3)
    # sygedagpenge: P2 W01 (from self), P2 W36 and P9 W06 (from dagpenge)
    assert (
        r[573, "sygedagpenge"]["tilgang"],
        r[573, "sygedagpenge"]["tilgang_fra_selvforsoergelse"],
    ) == (3, 1)
    assert r[573, "uddannelseshjaelp"]["tilgang"] == 1  # P6 W50
    assert r[390, "kontanthjaelp"]["tilgang"] == 1  # P5 W01
    assert len(r) == 4  # P1, P4, P7, P8 entered before 2020


def test_afgang(y2020):
    r = rows(y2020["afgang"], "kommune", "ydelse")
    # kontanthjaelp: P8 off from W11, P7 from W21, P1 from W27, all to self-support
    assert (
        r[573, "kontanthjaelp"]["afgang"],
        r[573, "kontanthjaelp"]["afgang_til_selvforsoergelse"],
    ) == (3, 3)
    # sygedagpenge: P2 W31 and W41 (to dagpenge), P9 W11 (to self)
    assert (
        r[573, "sygedagpenge"]["afgang"],
        r[573, "sygedagpenge"]["afgang_til_selvforsoergelse"],
    ) == (3, 1)
    # dagpenge: P2 W36 and P9 W06 (to sygedagpenge), P3 W21 (to self); P2's last exit is 2021
    assert (r[573, "dagpenge"]["afgang"], r[573, "dagpenge"]["afgang_til_selvforsoergelse"]) == (
        3,
        1,
    )
    assert r[573, "jobafklaringsforloeb"]["afgang"] == 1  # P4 W31
    assert (390, "kontanthjaelp") not in r  # P5 leaves in 2021W01


def test_overgangsmatrix(y2020):
    got = {(r["kommune"], r["fra"], r["til"]): r["antal"] for r in y2020["overgangsmatrix"]}
    s = "selvforsoergelse"
    assert got == {
        (390, s, "kontanthjaelp"): 1,  # P5
        (573, "dagpenge", s): 1,  # P3
        (573, "dagpenge", "sygedagpenge"): 2,  # P2 W36, P9 W06
        (573, "jobafklaringsforloeb", s): 1,  # P4
        (573, "kontanthjaelp", s): 3,  # P1, P7, P8
        (573, s, "dagpenge"): 2,  # P3, P9
        (573, s, "sygedagpenge"): 1,  # P2
        (573, s, "uddannelseshjaelp"): 1,  # P6
        (573, "sygedagpenge", "dagpenge"): 2,  # P2 W31, W41
        (573, "sygedagpenge", s): 1,  # P9
    }


def test_durations(y2020):
    (sdp,) = y2020["sygedagpenge_over_26_uger"]
    # P2's spell W01-W30 passes 26 weeks in W27-W30 (4 weeks); its W36-W40 spell and P9's
    # 5 weeks never do: 4 of 40 sygedagpenge weeks.
    assert (sdp["uger"], sdp["uger_over"], sdp["personer_over"]) == (40, 4, 1)
    assert sdp["andel_over"] == pytest.approx(4 / 40)
    (ja,) = y2020["jobafklaring_over_52_uger"]
    # P4 started 2019W20: 2019W20-W52 = 33 weeks, so 2020Wk is week 33+k of the spell, over 52
    # from k = 20: W20-W30 = 11 of 30 weeks.
    assert (ja["uger"], ja["uger_over"]) == (30, 11)
    assert ja["fuldtidspersoner_over"] == pytest.approx(11 / 53)
    kh2 = rows(y2020["kontanthjaelp_over_2_aar"], "kommune")[573]
    # P7 (since 2015W01: week 262+ in 2020) 20 weeks, P8 (since 2018W01: 2018+2019 = 104
    # weeks, so week 105+ in 2020) 10 weeks, P1 (since 2019W40) none: 30 of 56
    assert (kh2["uger"], kh2["uger_over"], kh2["personer_over"]) == (56, 30, 2)
    kh5 = rows(y2020["kontanthjaelp_over_5_aar"], "kommune")[573]
    # over 260 weeks: only P7 (2015 has 53 weeks: 53 + 4*52 = 261 weeks before 2020): 20 of 56
    assert (kh5["uger_over"], kh5["personer_over"]) == (20, 1)
    assert kh5["andel_over"] == pytest.approx(20 / 56)


def test_virksomhedsrettet_inden_13_uger(y2020):
    (r,) = y2020["virksomhedsrettet_inden_13_uger"]
    # sick spells starting in 2020: P2 W01 (activity W05: yes), P2 W36 (no), P9 W06 (W20: no)
    assert (r["forloeb"], r["forloeb_med_aktivitet"]) == (3, 1)
    assert r["andel"] == pytest.approx(1 / 3)


def test_zappere(y2020):
    (r,) = y2020["zappere"]
    # P2 switches in W31 (sdp->dp), W36 (dp->sdp), W41 (sdp->dp): 1, 2, 3 switches in the 52
    # weeks ending there; the threshold 2 is reached -> zapper. P9 switches once (W06).
    assert (r["skift"], r["personer_med_skift"], r["zappere"]) == (4, 2, 1)


def test_zapper_threshold_is_a_parameter(reg):
    (r,) = run(reg, names=["zappere"], zapper_graense=4)["zappere"]
    assert r["zappere"] == 0  # P2 never has 4 switches within 52 weeks


def test_status_after_exit_by_default(y2020):
    r = rows(y2020["status_efter_k_uger"], "gruppe", "status")
    # every exit in 2020, 26 weeks later: nobody is back on a benefit
    assert {k: v["antal"] for k, v in r.items()} == {
        ("dagpenge", "selvforsoergelse"): 3,
        ("jobafklaringsforloeb", "selvforsoergelse"): 1,
        ("kontanthjaelp", "selvforsoergelse"): 3,
        ("sygedagpenge", "selvforsoergelse"): 3,
    }


def test_status_after_given_events(reg):
    events = pa.table(
        {
            "person_id": pa.array([2, 1, 6, 4], pa.int64()),
            "week_index": pa.array(
                [wi(2020, 10), wi(2020, 1), wi(2020, 30), wi(2021, 40)], pa.int32()
            ),
            "gruppe": ["A", "A", "A", "B"],
        }
    )
    r = rows(
        run(reg, names=["status_efter_k_uger"], haendelser=events)["status_efter_k_uger"],
        "gruppe",
        "status",
    )
    # P2 2020W10+26 = W36: sygedagpenge; P1 W01+26 = W27: self (ended W26);
    # P6 W30+26 = 2021W03: uddannelseshjaelp; P4 2021W40+26 is after 2021W52: not observed.
    assert r["A", "sygedagpenge"]["andel"] == pytest.approx(1 / 3)
    assert r["A", "selvforsoergelse"]["antal"] == 1
    assert r["A", "uddannelseshjaelp"]["antal"] == 1
    assert r["B", "ikke_observeret"]["andel"] == pytest.approx(1.0)
    assert len(r) == 4


def test_kommune_filter(reg):
    ctx = Kontekst(parse_periode("2020"), daekning=DAEKNING, befolkning=befolkning())
    res = run_indicators(reg, ctx, ["fuldtidspersoner"], kommune=390)
    assert res["fuldtidspersoner"].column("kommune").to_pylist() == [390]


def test_refusion_restart_and_tiers(con, reg):
    from indsats.analytics.refusion import refusion_uger

    ctx = Kontekst(parse_periode("2020"), daekning=DAEKNING)
    t = refusion_uger(reg, ctx).to_pyarrow().to_pylist()
    p3 = [
        (r["week_index"], r["anciennitet"], r["trin"], r["reset"]) for r in t if r["person_id"] == 3
    ]
    # P3: 2019W01-W10 anciennitet 1..10; 52 self-supported weeks (2019W11-2020W10) reset the
    # count, so 2020W11 is anciennitet 1 again (reset=True): W11-W14 tier 1, W15-W20 tier 2.
    assert p3[9] == (wi(2019, 10), 10, 2, False)
    assert p3[10] == (wi(2020, 11), 1, 1, True)
    assert [x[2] for x in p3[10:]] == [1] * 4 + [2] * 6
    # P2: weeks are summed across ydelser: sygedagpenge 2020W01-W30 is 1..30, dagpenge W31-W35
    # 31..35, sygedagpenge W36-W40 36..40, dagpenge W41-W53 41..53 (tier 4 from week 53).
    p2 = [(r["anciennitet"], r["trin"]) for r in t if r["person_id"] == 2]
    assert p2[0] == (1, 1) and p2[-2] == (52, 3) and p2[-1] == (53, 4)


def test_refusion_fordeling_with_unit_costs(reg):
    prices = pa.table({"ydelse": ["dagpenge", "sygedagpenge"], "kr_pr_uge": [5000.0, 4000.0]})
    res = run(reg, names=["refusion_fordeling"], enhedspriser=prices)["refusion_fordeling"]
    r = rows(res, "kommune", "ydelse", "trin")
    # dagpenge (medfinansiering 20/60/70/80 %), 573, 2020:
    #   tier 1: P3 W11-W14 (4) + P9 W01-W04 (4) = 8 weeks -> 8 * 5000 * 0.20 = 8,000 kr
    #   tier 2: P3 W15-W20 (6) + P9 W05 (1)     = 7 weeks -> 7 * 5000 * 0.60 = 21,000 kr
    #   tier 3: P2 W31-W35 (5) + W41-W52 (12)   = 17      -> 17 * 5000 * 0.70 = 59,500 kr
    #   tier 4: P2 W53 (anciennitet 53)          = 1       -> 1 * 5000 * 0.80 = 4,000 kr
    dp = {
        t: (r[573, "dagpenge", t]["uger"], r[573, "dagpenge", t]["sats_pct"]) for t in (1, 2, 3, 4)
    }
    assert dp == {1: (8, 20), 2: (7, 60), 3: (17, 70), 4: (1, 80)}
    kr = [r[573, "dagpenge", t]["kommunal_udgift_kr"] for t in (1, 2, 3, 4)]
    assert kr == pytest.approx([8000.0, 21000.0, 59500.0, 4000.0])
    assert r[573, "dagpenge", 1]["art"] == "medfinansiering"
    # sygedagpenge (refusion 80/40/30 %): P2 W01-W04 tier 1 (4); P2 W05-W26 (22) + P9 W06-W10
    # (anciennitet 6..10, 5) tier 2 = 27; P2 W27-W30 (4) + W36-W40 (5) tier 3 = 9.
    sdp = {
        t: (r[573, "sygedagpenge", t]["uger"], r[573, "sygedagpenge", t]["sats_pct"])
        for t in (1, 2, 3)
    }
    assert sdp == {1: (4, 80), 2: (27, 40), 3: (9, 30)}
    s1 = r[573, "sygedagpenge", 1]
    # 4 weeks * 4000 kr = 16,000 kr; the state refunds 80 % = 12,800, the kommune pays 3,200
    assert (s1["udgift_kr"], s1["statsrefusion_kr"], s1["kommunal_udgift_kr"]) == pytest.approx(
        (16000.0, 12800.0, 3200.0)
    )
    # no unit cost for kontanthjaelp: weeks and rates, kroner NULL
    kh = [x for x in res if x["ydelse"] == "kontanthjaelp" and x["kommune"] == 573]
    assert sum(x["uger"] for x in kh) == 56 and all(x["udgift_kr"] is None for x in kh)


def test_refusion_engine_equals_the_rules_arrays(reg):
    """The engine path (windows on the backend) against `indsats.rules.refusion_tiers_arrays` on
    the driver, person-week by person-week, and the split by tier (whole and in chunks)."""
    from indsats.analytics.refusion import per_week, per_week_by_rules, refusion_uger_by_rules

    ctx = Kontekst(parse_periode("2015:2021"), daekning=DAEKNING)
    cols = ["person_id", "week_index", "ydelse", "anciennitet", "trin", "reset", "art", "sats_pct"]
    from indsats.analytics.refusion import refusion_uger

    engine = refusion_uger(reg, ctx).to_pyarrow().select(cols).to_pylist()
    rules = refusion_uger_by_rules(reg, ctx).select(cols).to_pylist()
    assert engine == rules
    assert any(r["reset"] for r in engine)
    key = ["kommune", "week_index", "ydelse", "art", "trin", "sats_pct"]
    order = [(k, "ascending") for k in key]
    e = per_week(reg, ctx).sort_by(order).to_pylist()
    assert per_week_by_rules(reg, ctx).sort_by(order).to_pylist() == e
    assert per_week_by_rules(reg, ctx, rows_per_chunk=100).sort_by(order).to_pylist() == e
