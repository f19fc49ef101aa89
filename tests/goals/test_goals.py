"""Goals: trajectories, status, forecast, loader and suppression, with hand-computed values."""

import pytest

from indsats.goals.forecast import year_end_forecast
from indsats.goals.loader import (
    bundled_goals,
    demo_goals,
    goal_from_dict,
    load_goals,
    ministermaal,
    ministermaal_goals,
)
from indsats.goals.model import Forloeb, Goal, GoalError, Punkt, Retning, Status, month_add
from indsats.goals.status import Obs, classify, goal_status, status_text_suppressed
from indsats.goals.suppression import SKJULT, is_suppressed, min_personer, suppress
from indsats.goals.trajectory import expected_value


def _goal(**kw) -> Goal:
    base = dict(
        id="g",
        titel="Test",
        ejer="",
        indikator="fuldtidspersoner",
        measure="fuldtidspersoner",
        forloeb=Forloeb.LINEAER,
        retning=Retning.LAVERE,
        baseline=Punkt(0.25, "2016"),
        target=Punkt(0.20, "2025"),
        enhed="andel",
    )
    base.update(kw)
    return Goal(**base)


# --- trajectories ------------------------------------------------------------------------------


def test_linear_trajectory_from_mid_year_to_mid_year():
    g = _goal()
    # 2016 sits at mid-2016, 2025 at mid-2025: 108 months for -5 points.
    assert expected_value(g, "2016-06", {}) == 0.25  # June lies before mid-year
    assert expected_value(g, "2016-07", {}) == pytest.approx(0.25 - 0.05 * 0.5 / 108)
    assert expected_value(g, "2020-12", {}) == pytest.approx(0.25 - 0.05 * 53.5 / 108)
    assert expected_value(g, "2010-01", {}) == 0.25  # before the baseline
    assert expected_value(g, "2030-01", {}) == 0.20  # after the target


def test_linear_trajectory_between_months():
    g = _goal(baseline=Punkt(100, "2024-01"), target=Punkt(89, "2024-12"), enhed="personer")
    assert expected_value(g, "2024-01", {}) == 100
    assert expected_value(g, "2024-06", {}) == pytest.approx(95)  # -1 a month
    assert expected_value(g, "2024-12", {}) == 89


def test_stepwise_trajectory_by_year():
    g = _goal(
        forloeb=Forloeb.TRINVIS_AAR,
        baseline=Punkt(640, "2019"),
        target=Punkt(590, "2023"),
        trin=((2020, 605), (2021, 585), (2022, 590)),
        enhed="personer",
    )
    assert expected_value(g, "2019-06", {}) == 640
    assert expected_value(g, "2020-01", {}) == 605
    assert expected_value(g, "2021-12", {}) == 585
    assert expected_value(g, "2024-06", {}) == 590  # the last step holds


def test_month_against_same_month_last_year():
    g = _goal(forloeb=Forloeb.MAANED_MOD_SIDSTE_AAR, baseline=Punkt(0.279, "2018"), target=None)
    assert expected_value(g, "2024-06", {"2023-06": 0.30}) == 0.30
    assert expected_value(g, "2024-06", {}) == 0.279  # no last year: the baseline


# --- forecast ----------------------------------------------------------------------------------


def test_seasonal_naive_forecast_scales_last_year_by_the_ytd_ratio():
    last = {f"2023-{m:02d}": 100.0 + m for m in range(1, 13)}  # 101..112
    this = {"2024-01": 90.9, "2024-02": 91.8, "2024-03": 92.7}  # 0.9 x last year
    fc = year_end_forecast({**last, **this}, "2024-03")
    assert fc.method == "saesonnaiv"
    r = (90.9 + 91.8 + 92.7) / (101 + 102 + 103)
    assert fc.ratio == pytest.approx(r)
    assert fc.periods["2024-12"] == pytest.approx(112 * r)
    expected_mean = (90.9 + 91.8 + 92.7 + sum((100 + m) * r for m in range(4, 13))) / 12
    assert fc.year_mean == pytest.approx(expected_mean)


def test_naive_forecast_without_last_year():
    fc = year_end_forecast({"2024-01": 10.0, "2024-02": 12.0}, "2024-02")
    assert fc.method == "naiv"
    assert fc.periods["2024-12"] == 12.0
    assert fc.year_mean == pytest.approx((10 + 12 + 12 * 10) / 12)


# --- status ------------------------------------------------------------------------------------


def test_status_rules():
    g = _goal(enhed="personer", tolerance=0.05)
    assert classify(g, None, 100) is Status.INGEN_DATA
    assert classify(g, 95, 100) is Status.PAA_SPORET
    assert classify(g, 104, 100) is Status.I_RISIKO  # 4 % behind
    assert classify(g, 106, 100) is Status.BAGUD  # 6 % behind
    # on track now, but the year-end forecast misses the year's expected level by > 5 %
    assert classify(g, 95, 100, forecast=110, expected_year=100) is Status.I_RISIKO
    up = _goal(retning=Retning.HOEJERE, enhed="personer")
    assert classify(up, 105, 100) is Status.PAA_SPORET
    assert classify(up, 90, 100) is Status.BAGUD


def test_goal_status_end_to_end_with_hand_values():
    g = _goal(
        forloeb=Forloeb.TRINVIS_AAR,
        baseline=Punkt(640, "2019"),
        target=None,
        trin=((2024, 100),),
        enhed="personer",
        titel="Helårspersoner",
    )
    serie = {f"2023-{m:02d}": Obs(100.0, 100) for m in range(1, 13)}
    serie |= {"2024-01": Obs(110.0, 110), "2024-02": Obs(120.0, 120)}
    st = goal_status(g, "2024-02", serie)
    assert st.actual == 120 and st.expected == 100 and st.gap == 20
    assert st.status is Status.BAGUD
    assert st.forecast == pytest.approx((110 + 120 + 10 * 115) / 12)  # ratio 230/200
    assert st.pil == "↑" and st.pil_god is False
    assert "120" in st.text_da and "februar 2024" in st.text_da and st.text_da.endswith(".")


def test_suppressed_status_text_hides_small_figures():
    g = _goal(forloeb=Forloeb.TRINVIS_AAR, trin=((2024, 2),), enhed="personer", target=None)
    st = goal_status(g, "2024-01", {"2024-01": Obs(3.0, 3)})
    assert st.suppressed
    assert SKJULT in status_text_suppressed(st)
    assert " 3 " not in status_text_suppressed(st)


# --- suppression -------------------------------------------------------------------------------


def test_suppression_counts_and_derived_shares():
    assert suppress(4, 4) == "<5"
    assert suppress(5, 5) == "5"
    # a true zero discloses no one (issue 15): shown as 0
    assert suppress(0, 0) == "0"
    assert suppress(0.5, None) == "<5"
    # a share of 3 of a group of 40 persons: "<5" is for counts of persons, not for shares of
    # larger groups, so it is shown (issue 15) ...
    assert suppress(3 / 40, 40, fmt=lambda v: f"{v:.1%}", enhed="andel") == "7.5%"
    # ... and a share of a group of 4 is hidden as "skjult", never "<5" (which reads "under 5 %")
    assert suppress(1 / 4, 4, fmt=lambda v: f"{v:.1%}", enhed="andel") == "skjult"
    assert is_suppressed(min_personer([7, None]))


# --- loader ------------------------------------------------------------------------------------


def test_bundled_goal_files_load():
    varde = demo_goals(573)
    assert {g.id for g in varde} >= {"sdp-helaarspersoner", "sdp-over-26-uger"}
    assert all("[000]" in g.kilde or "Beskæftigelsesplan 2020-2023" in g.kilde for g in varde)
    assert bundled_goals("vordingborg.yaml")[0].target == Punkt(0.20, "2025")


def test_ministermaal_per_year_mapped_or_explained():
    for year in range(2018, 2025):
        mm = ministermaal(year)
        assert mm
        for m in mm:
            assert m.goal is not None or m.uden_indikator, (year, m.nr)
    assert [g.indikator for g in ministermaal_goals(2018)][0] == "andel_offentlig_forsoergelse"
    assert ministermaal(2030)[0].aar == 2024  # carried forward


@pytest.mark.parametrize(
    "field,value,where",
    [
        ("retning", "op", "maal[0].retning"),
        ("indikator", "ukendt", "maal[0].indikator"),
        ("forloeb", "kurve", "maal[0].forloeb"),
        ("baseline", {"vaerdi": "x", "periode": "2020"}, "maal[0].baseline.vaerdi"),
        ("target", {"vaerdi": 1, "periode": "20-20"}, "maal[0].target.periode"),
    ],
)
def test_yaml_errors_name_file_and_field(tmp_path, field, value, where):
    import yaml

    goal = {
        "id": "a",
        "titel": "A",
        "indikator": "fuldtidspersoner",
        "forloeb": "lineaer",
        "retning": "lavere",
        "baseline": {"vaerdi": 1, "periode": "2020"},
        "target": {"vaerdi": 0, "periode": "2021"},
    }
    goal[field] = value
    path = tmp_path / "maal.yaml"
    path.write_text(yaml.safe_dump({"maal": [goal]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GoalError) as exc:
        load_goals(path)
    assert str(path) in str(exc.value)
    assert where in str(exc.value)


def test_goal_from_dict_validates_measure_and_filters():
    with pytest.raises(GoalError, match="measure"):
        goal_from_dict(
            {
                "id": "a",
                "titel": "A",
                "indikator": "zappere",
                "measure": "andel",
                "forloeb": "maaned_mod_sidste_aar",
                "retning": "lavere",
            }
        )
    with pytest.raises(GoalError, match="filtre"):
        goal_from_dict(
            {
                "id": "a",
                "titel": "A",
                "indikator": "andel_offentlig_forsoergelse",
                "filtre": {"ydelse": ["kontanthjaelp"]},
                "forloeb": "maaned_mod_sidste_aar",
                "retning": "lavere",
            }
        )


def test_month_add():
    assert month_add("2024-01", -1) == "2023-12"
    assert month_add("2024-12", 1) == "2025-01"


def test_no_arrow_next_to_a_suppressed_month():
    """The direction of a change next to a "<5" figure would hint at the hidden figure."""
    g = _goal(
        forloeb=Forloeb.TRINVIS_AAR,
        baseline=Punkt(640, "2019"),
        target=None,
        trin=((2024, 100),),
        enhed="personer",
        titel="Helårspersoner",
    )
    shown = {"2024-01": Obs(6.0, 6), "2024-02": Obs(7.0, 7)}
    assert goal_status(g, "2024-02", shown).pil == "↑"
    assert goal_status(g, "2024-02", shown | {"2024-01": Obs(3.0, 3)}).pil == "–"
    assert goal_status(g, "2024-02", shown | {"2024-02": Obs(4.0, 4)}).pil == "–"


def test_a_goal_file_with_the_old_name_for_the_measure_says_what_it_is_called_now():
    with pytest.raises(GoalError, match="hedder nu 'measure'") as exc:
        goal_from_dict(
            {
                "id": "a",
                "titel": "A",
                "indikator": "fuldtidspersoner",
                "maal": "personer",
                "forloeb": "maaned_mod_sidste_aar",
                "retning": "lavere",
            },
            source="mine.yaml",
            index=0,
        )
    assert exc.value.field == "maal[0].maal" and exc.value.source == "mine.yaml"


# --- quarters (goals on public figures) --------------------------------------------------------


def test_period_helpers_for_quarters():
    from indsats.goals.model import (
        last_complete_quarter,
        normalise_period,
        period_add,
        period_da,
        period_position,
    )

    assert period_add("2024Q1", -1) == "2023Q4" and period_add("2024Q4", 1) == "2025Q1"
    assert period_add("2024Q2", -4) == "2023Q2"
    assert normalise_period("2022k4") == "2022Q4"
    assert period_da("2024Q2") == "2. kvartal 2024"
    assert period_position("2022Q4") == 2022 * 12 + 10  # November, the middle month
    assert last_complete_quarter("2024-06") == "2024Q2"
    assert last_complete_quarter("2024-05") == "2024Q1"
    assert last_complete_quarter("2024-02") == "2023Q4"


def test_linear_trajectory_on_quarters():
    g = _goal(baseline=Punkt(100, "2022Q4"), target=Punkt(80, "2024Q4"), enhed="personer")
    # eight quarters from 2022Q4 to 2024Q4: 2.5 a quarter
    assert expected_value(g, "2023Q4", {}) == pytest.approx(90)
    assert expected_value(g, "2024Q2", {}) == pytest.approx(85)
    assert expected_value(g, "2022Q3", {}) == 100  # before the baseline
    # a yearly target sits mid-year: a quarter is read at its middle month
    y = _goal(baseline=Punkt(120, "2022"), target=Punkt(96, "2024"), enhed="personer")
    # mid-2022 to May 2023 (the middle of 2023Q2) is 10.5 months of 24: 1 a month
    assert expected_value(y, "2023Q2", {}) == pytest.approx(120 - 10.5)


def test_quarter_against_same_quarter_last_year_and_seasonal_forecast():
    g = _goal(forloeb=Forloeb.MAANED_MOD_SIDSTE_AAR, baseline=None, target=None, enhed="personer")
    serie = {f"2023Q{q}": Obs(float(v), v) for q, v in enumerate((100, 90, 80, 110), start=1)}
    serie |= {"2024Q1": Obs(95.0, 95), "2024Q2": Obs(81.0, 81)}
    st = goal_status(g, "2024Q2", serie)
    assert st.periode == "2024Q2" and st.expected == 90 and st.actual == 81
    assert st.status is Status.PAA_SPORET  # 81 < 90, and the forecast meets last year's mean
    r = (95 + 81) / (100 + 90)
    assert st.forecast_detail.method == "saesonnaiv"
    assert st.forecast_detail.periods == pytest.approx({"2024Q3": 80 * r, "2024Q4": 110 * r})
    assert st.forecast == pytest.approx((95 + 81 + 80 * r + 110 * r) / 4)
    assert st.expected_year == pytest.approx((100 + 90 + 80 + 110) / 4)
    assert st.pil == "↓" and st.pil_god is True  # against the quarter before
    assert "2. kvartal 2024" in st.text_da
    assert set(st.expected_by_period) == {f"{y}Q{q}" for y in (2023, 2024) for q in range(1, 5)}


def _public(**kw):
    raw = {
        "id": "offentlig",
        "titel": "Offentligt forsørgede",
        "indikator": "offentlige_tal",
        "filtre": {"ydelse": ["I alt"]},
        "forloeb": "lineaer",
        "retning": "lavere",
        "baseline": {"vaerdi": 3000, "periode": "2022K4"},
        "target": {"vaerdi": 2800, "periode": "2025Q4"},
    }
    raw.update(kw)
    return goal_from_dict(raw)


def test_goals_on_public_figures_validate_group_and_quarterly_periods():
    g = _public()
    assert g.indikator == "offentlige_tal" and g.measure == "fuldtidspersoner"
    assert g.filtre == (("ydelse", ("i_alt",)),)  # DST's label, stored as the group code
    assert g.baseline == Punkt(3000, "2022Q4") and g.target.periode == "2025Q4"
    assert _public(measure="andel").enhed == "andel"
    with pytest.raises(GoalError, match="ukendt gruppe") as exc:
        _public(filtre={"ydelse": ["kontanthjælp i alt"]})
    assert exc.value.field == "filtre"
    with pytest.raises(GoalError, match="alle ydelser"):
        _public(filtre={"ydelse": ["i_alt", "su"]})
    with pytest.raises(GoalError, match="kræver filtre"):
        _public(filtre=None)
    with pytest.raises(GoalError, match="kvartal") as exc:
        _public(baseline={"vaerdi": 1, "periode": "2022Q5"})
    assert exc.value.field == "baseline.periode"
    with pytest.raises(GoalError, match="efter udgangspunktets"):
        _public(target={"vaerdi": 1, "periode": "2022-10"})
