"""Employment law as code: date-versioned parameters and small pure functions.

Plain Python, never imports Django. Heavy libraries (numpy, pandas, holidays, yaml) are imported
lazily, so ``import indsats.rules`` stays fast.

Public API:
    Sag, Obligation, InputError              (indsats.rules.model)
    obligations(sag, as_of)                  per-case obligations
    obligations_frame(cases, as_of, ...)     vectorised (indsats.rules.vectorised)
    refusion_weeks(history)                  per-person refusion tiers (indsats.rules.refusion)
    refusion_tiers_arrays(...)               vectorised refusion tiers (indsats.rules.refusion)
    value_at(key, day)                       a parameter value in force on a day
"""

from __future__ import annotations

from indsats.rules.model import InputError, Obligation, Sag
from indsats.rules.obligations import obligations
from indsats.rules.parameters import ParameterError, ParameterNotInForce, value_at

__all__ = [
    "InputError",
    "Obligation",
    "ParameterError",
    "ParameterNotInForce",
    "Sag",
    "obligations",
    "value_at",
]
