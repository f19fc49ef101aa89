"""A goal's status in a period: actual, expected, gap, status, Danish explanation, forecast.

A period is a month ('2024-06') for goals on the register, or a quarter ('2024Q2') for goals on
public figures, which Statistics Denmark publishes by quarter.

Status rules (docs/goals.md):
- ingen_data: no actual figure for the period (or no expected value).
- The gap is actual - expected. It is "good" when it points the goal's way (below the expected
  value for lower-is-better).
- paa_sporet: the gap is good or zero, and the year-end forecast also meets the year's expected
  average within the tolerance; if the forecast misses, the status is i_risiko so risk shows
  early.
- i_risiko: behind by at most `Goal.tolerance` of the expected value (default 5 %).
- bagud: behind by more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from indsats.goals.forecast import Forecast, year_end_forecast
from indsats.goals.model import (
    Forloeb,
    Goal,
    Retning,
    Status,
    period_add,
    period_da,
    periods_of_year,
    periods_per_year,
)
from indsats.goals.numbers import format_gap, format_value
from indsats.goals.suppression import for_faa, is_suppressed, min_personer, skjult
from indsats.goals.trajectory import expected_series, expected_value


@dataclass(frozen=True, slots=True)
class Obs:
    """One period of a goal's indicator: the value and the persons it is built on."""

    vaerdi: float | None
    personer: int | None


@dataclass(frozen=True, slots=True)
class GoalStatus:
    goal: Goal
    periode: str  # the month ('2024-06') or quarter ('2024Q2') the status is for
    actual: float | None
    expected: float | None
    gap: float | None  # actual - expected
    status: Status
    text_da: str
    forecast: float | None  # year-end (mean of the year's months or quarters)
    expected_year: float | None  # the trajectory's mean over the year
    personer: int | None  # persons the actual figure rests on
    forecast_personer: int | None  # smallest person count behind the forecast
    forecast_detail: Forecast | None  # how the forecast was made, and its periods
    serie: dict[str, Obs]  # every period with data
    # The trajectory per period (report year and last year).
    expected_by_period: dict[str, float | None]
    # Persons behind expected values that come from data (maaned_mod_sidste_aar: last year's
    # actual); periods absent here are plan figures and never suppressed.
    expected_personer_by_period: dict[str, int | None] = field(default_factory=dict)

    @property
    def expected_personer(self) -> int | None:
        return self.expected_personer_by_period.get(self.periode)

    @property
    def expected_from_data(self) -> bool:
        return self.periode in self.expected_personer_by_period

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.personer)

    @property
    def pil(self) -> str:
        """Arrow of the latest change against the period before: ↑, ↓ or →.

        No arrow when either period rests on fewer than 5 persons: the direction of a change
        next to a suppressed figure says something about the suppressed figure."""
        prev = self.serie.get(period_add(self.periode, -1))
        if self.actual is None or prev is None or prev.vaerdi is None:
            return "–"
        if is_suppressed(self.personer) or is_suppressed(prev.personer):
            return "–"
        d = self.actual - prev.vaerdi
        if abs(d) <= 1e-9 * max(1.0, abs(self.actual)):
            return "→"
        return "↑" if d > 0 else "↓"

    @property
    def pil_god(self) -> bool | None:
        """Whether the arrow points the goal's way."""
        if self.pil not in ("↑", "↓"):
            return None
        return (self.pil == "↓") == (self.goal.retning is Retning.LAVERE)


def classify(
    goal: Goal,
    actual: float | None,
    expected: float | None,
    forecast: float | None = None,
    expected_year: float | None = None,
) -> Status:
    if actual is None or expected is None:
        return Status.INGEN_DATA
    sign = 1 if goal.retning is Retning.LAVERE else -1
    shortfall = sign * (actual - expected)  # > 0: behind
    scale = abs(expected) if expected else 1.0
    if shortfall <= 0:
        if forecast is not None and expected_year is not None:
            fc_short = sign * (forecast - expected_year)
            if fc_short > goal.tolerance * (abs(expected_year) or 1.0):
                return Status.I_RISIKO
        return Status.PAA_SPORET
    if shortfall <= goal.tolerance * scale:
        return Status.I_RISIKO
    return Status.BAGUD


def explain_da(
    goal: Goal,
    status: Status,
    period: str,
    actual: float | None,
    expected: float | None,
    forecast: float | None,
    expected_year: float | None,
    *,
    suppressed: bool = False,
) -> str:
    """One Danish sentence explaining the status."""
    mdr = period_da(period)
    if status is Status.INGEN_DATA:
        from indsats.goals.measures import measure

        if actual is None and measure(goal.indikator, goal.measure).needs_case_data:
            return (
                f"Målet kræver sagsdata om virksomhedsrettede aktiviteter, som ikke er "
                f"indlæst, så der er ingen tal for {mdr}."
            )
        if actual is None:
            return f"Der er ingen tal for {mdr} endnu, så status kan ikke vurderes."
        return f"Målet har ingen forventet værdi for {mdr}, så status kan ikke vurderes."
    if actual is None or expected is None:  # only INGEN_DATA lacks them (`classify`)
        raise ValueError(f"status {status.value} without an actual and an expected value")
    e = goal.enhed
    hidden = skjult(e)
    a_txt = hidden if suppressed else format_value(actual, e)
    x_txt = (
        hidden
        if suppressed and goal.forloeb.value == "maaned_mod_sidste_aar"
        else format_value(expected, e)
    )
    g_txt = hidden if suppressed else format_gap(abs(actual - expected), e).lstrip("+")
    side = "over" if actual > expected else "under"
    fc_txt = hidden if suppressed else format_value(forecast, e)
    if status is Status.PAA_SPORET:
        return (
            f"Med {a_txt} i {mdr} mod forventet {x_txt} er målet på sporet, "
            f"og prognosen for året er {fc_txt}."
        )
    if status is Status.I_RISIKO:
        if (1 if goal.retning is Retning.LAVERE else -1) * (actual - expected) <= 0:
            return (
                f"Med {a_txt} i {mdr} er målet på sporet nu, men prognosen for året "
                f"({fc_txt}) rammer ikke det forventede "
                f"({hidden if suppressed else format_value(expected_year, e)})."
            )
        return (
            f"Med {a_txt} i {mdr} mod forventet {x_txt} ligger målet {g_txt} {side} "
            f"forløbet – inden for tolerancen, men i risiko."
        )
    return (
        f"Med {a_txt} i {mdr} mod forventet {x_txt} ligger målet {g_txt} {side} "
        f"forløbet og er bagud; prognosen for året er {fc_txt}."
    )


def goal_status(goal: Goal, period: str, serie: Mapping[str, Obs]) -> GoalStatus:
    """The status of `goal` in `period` (a month, or a quarter) from the series of its
    indicator by period of the same kind."""
    actuals = {p: o.vaerdi for p, o in serie.items()}
    obs = serie.get(period)
    actual = obs.vaerdi if obs else None
    personer = obs.personer if obs else None
    expected = expected_value(goal, period, actuals)
    year = int(period[:4])
    lag = periods_per_year(period)
    periods = periods_of_year(year, like=period)
    expected_by_period = expected_series(
        goal, periods_of_year(year - 1, like=period) + periods, actuals
    )
    exp_year_vals = [v for p in periods if (v := expected_by_period[p]) is not None]
    expected_year = sum(exp_year_vals) / len(exp_year_vals) if exp_year_vals else None
    forecast_detail = year_end_forecast(actuals, period) if actual is not None else None
    forecast = forecast_detail.year_mean if forecast_detail else None
    # The forecast rests on this year's periods so far and, if seasonal, last year's.
    used = [p for p in periods if p <= period]
    if forecast_detail and forecast_detail.method == "saesonnaiv":
        used += [period_add(p, -lag) for p in periods]
    forecast_personer = (
        min_personer([serie[p].personer if p in serie else None for p in used])
        if forecast is not None
        else None
    )
    expected_personer_by_period: dict[str, int | None] = {}
    if goal.forloeb is Forloeb.MAANED_MOD_SIDSTE_AAR:
        for p in expected_by_period:
            prev = serie.get(period_add(p, -lag))
            if prev is not None and prev.vaerdi is not None:
                expected_personer_by_period[p] = prev.personer
    status = classify(goal, actual, expected, forecast, expected_year)
    gap = actual - expected if actual is not None and expected is not None else None
    text = explain_da(goal, status, period, actual, expected, forecast, expected_year)
    return GoalStatus(
        goal=goal,
        periode=period,
        actual=actual,
        expected=expected,
        gap=gap,
        status=status,
        text_da=text,
        forecast=forecast,
        expected_year=expected_year,
        personer=personer,
        forecast_personer=forecast_personer,
        forecast_detail=forecast_detail,
        serie=dict(serie),
        expected_by_period=expected_by_period,
        expected_personer_by_period=expected_personer_by_period,
    )


def status_text_suppressed(gs: GoalStatus) -> str:
    """The explanation with every figure built on < 5 persons shown as "<5"."""
    if gs.status is Status.IKKE_VURDERBAR:  # the reason names no figure
        return gs.text_da
    hidden_expected = gs.expected_from_data and is_suppressed(gs.expected_personer)
    if not (gs.suppressed or is_suppressed(gs.forecast_personer) or hidden_expected):
        return gs.text_da
    return explain_da(
        gs.goal,
        gs.status,
        gs.periode,
        gs.actual,
        gs.expected,
        gs.forecast,
        gs.expected_year,
        suppressed=True,
    )


# The benefits that make up "offentlig forsørgelse" in a register (a register without one of
# them cannot give the share on public support).
ANDEL_YDELSER = (
    "dagpenge",
    "kontanthjaelp",
    "sygedagpenge",
    "jobafklaringsforloeb",
    "ressourceforloeb",
    "fleksjob",
    "foertidspension",
)


def unjudgeable_reason(gs: GoalStatus, register_ydelser: list[str] | None = None) -> str:
    """Why a goal cannot be judged (then it is flagged, never called on track), or ''.

    - the goal needs case data the register does not hold (company-directed activities);
    - the period's figure rests on fewer than 5 persons (0 included);
    - a share on public support from a register that lacks some of the benefits it counts."""
    from indsats.domain.ydelser import ydelse_info

    if gs.status is Status.INGEN_DATA:
        from indsats.goals.measures import measure

        if gs.actual is None and measure(gs.goal.indikator, gs.goal.measure).needs_case_data:
            # Not a gap in the data: the register cannot measure this goal at all.
            return (
                "Målet kræver sagsdata om virksomhedsrettede aktiviteter, som ikke er indlæst, "
                "så det kan ikke vurderes."
            )
        return ""
    if gs.personer is not None and for_faa(gs.personer):
        return (
            f"Tallet for {period_da(gs.periode)} bygger på færre end 5 personer, så målet kan "
            "ikke vurderes."
        )
    if gs.goal.indikator == "andel_offentlig_forsoergelse" and register_ydelser is not None:
        missing = [y for y in ANDEL_YDELSER if y not in register_ydelser]
        if missing:
            names = ", ".join(ydelse_info(y).navn.lower() for y in missing)
            return (
                f"Ydelsesregistret mangler {names}; andelen på offentlig forsørgelse kræver "
                "alle ydelser, så målet kan ikke vurderes."
            )
    return ""


def flag_unjudgeable(gs: GoalStatus, register_ydelser: list[str] | None = None) -> GoalStatus:
    """The status with `ikke_vurderbar` and the reason when the goal cannot be judged."""
    from dataclasses import replace

    reason = unjudgeable_reason(gs, register_ydelser)
    if not reason:
        return gs
    return replace(gs, status=Status.IKKE_VURDERBAR, text_da=reason)
