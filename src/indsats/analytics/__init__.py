"""Indicators over the weekly benefit register as Ibis expressions (DuckDB default, PySpark at scale).

Plain Python (never imports Django). `INDICATORS` maps a name to a function
`(register: ibis.Table, ctx: Kontekst) -> ibis.Table`; `run_indicators` executes the suite.
"""

from indsats.analytics.indicators import INDICATORS
from indsats.analytics.kontekst import Kontekst
from indsats.analytics.suite import build_indicators, run_indicators, to_long

__all__ = ["INDICATORS", "Kontekst", "build_indicators", "run_indicators", "to_long"]
