"""Small-cell suppression: any figure built on fewer than 5 persons is shown as "<5".

One rule for the report and for the committee role (`udvalg`) in the web app. It applies to
counts and to every figure derived from them (shares, gaps, forecasts): the caller passes the
smallest person count the figure rests on (for a share: min of numerator and denominator persons).
A person count that is unknown (None) is suppressed too: when we cannot show that a figure rests
on at least 5 persons, we do not show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

GRAENSE = 5
SKJULT = "<5"


def is_suppressed(personer: int | float | None, *, graense: int = GRAENSE) -> bool:
    """True when a figure built on `personer` persons must not be shown."""
    return personer is None or personer < graense


def min_personer(*counts: int | float | None | Iterable[int | float | None]) -> int | None:
    """The smallest of several person counts (None if any is unknown)."""
    flat: list[int | float | None] = []
    for c in counts:
        if isinstance(c, list | tuple | set):
            flat.extend(c)
        else:
            flat.append(cast(int | float | None, c))  # a single count (also a numpy number)
    known = [c for c in flat if c is not None]
    if not flat or len(known) < len(flat):
        return None
    return int(min(known))


def suppress(
    value: Any,
    personer: int | float | None,
    *,
    fmt: Callable[[Any], str] = str,
    graense: int = GRAENSE,
) -> str:
    """`fmt(value)`, or "<5" when the figure rests on fewer than `graense` persons.

    >>> suppress(12, 12)
    '12'
    >>> suppress(0.25, 3, fmt=lambda v: f"{v:.0%}")
    '<5'
    """
    if is_suppressed(personer, graense=graense):
        return SKJULT
    return fmt(value)
