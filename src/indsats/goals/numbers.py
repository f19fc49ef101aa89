"""A goal's figures in its unit: shares as '23,4 %' and their gaps in points, counts as numbers.

The Danish formatting itself is `indsats.domain.numbers`.
"""

from __future__ import annotations

from indsats.domain.numbers import format_number, format_points, format_share


def format_value(value: float | None, enhed: str, *, sign: bool = False) -> str:
    """A figure in the goal's unit: a share with one decimal, a small fraction with one, else
    a whole number."""
    if enhed == "andel":
        return format_share(value, sign=sign)
    if value is not None and abs(value) < 100 and value != int(value):
        return format_number(value, decimals=1, sign=sign)
    return format_number(value, sign=sign)


def format_gap(value: float | None, enhed: str) -> str:
    """The gap between actual and expected: points for a share, else a signed figure."""
    if enhed == "andel":
        return format_points(value)
    return format_value(value, enhed, sign=True)
