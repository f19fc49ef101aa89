"""Goals of the employment plan: model, trajectories, status, forecast, benchmark (no Django).

See docs/goals.md. Public names: `Goal`, `Punkt`, `Forloeb`, `Retning`, `Status`, `GoalStatus`,
`goal_status`, `expected_value`, `year_end_forecast`, `load_goals`, `ministermaal`,
`demo_goals`, `suppress`; the benchmark is `indsats.goals.benchmark`.
"""

from indsats.goals.forecast import year_end_forecast
from indsats.goals.loader import demo_goals, goal_from_dict, load_goals, ministermaal
from indsats.goals.model import Forloeb, Goal, GoalError, Punkt, Retning, Status
from indsats.goals.status import GoalStatus, Obs, goal_status
from indsats.goals.suppression import SKJULT, is_suppressed, suppress
from indsats.goals.trajectory import expected_value

__all__ = [
    "SKJULT",
    "Forloeb",
    "Goal",
    "GoalError",
    "GoalStatus",
    "Obs",
    "Punkt",
    "Retning",
    "Status",
    "demo_goals",
    "expected_value",
    "goal_from_dict",
    "goal_status",
    "is_suppressed",
    "load_goals",
    "ministermaal",
    "suppress",
    "year_end_forecast",
]
