"""Small-cell suppression: any figure built on fewer than 5 persons is shown as "<5".

One rule for the report and for the committee role (`udvalg`) in the web app. It applies to
counts and to every figure derived from them (shares, gaps, forecasts): the caller passes the
smallest person count the figure rests on (for a share: min of numerator and denominator persons).
A person count that is unknown (None) is suppressed too: when we cannot show that a figure rests
on at least 5 persons, we do not show it.
"""

from __future__ import annotations

from collections.abc import Iterable

GRAENSE = 5
SKJULT = "<5"


def is_suppressed(personer: int | float | None, *, graense: int = GRAENSE) -> bool:
    """True when a figure built on `personer` persons must not be shown."""
    return personer is None or personer < graense


def min_personer(*counts: int | float | None | Iterable[int | float | None]) -> int | None:
    """The smallest of several person counts (None if any is unknown)."""
    flat: list = []
    for c in counts:
        if isinstance(c, list | tuple | set):
            flat.extend(c)
        else:
            flat.append(c)
    if not flat or any(c is None for c in flat):
        return None
    return int(min(flat))


def suppress(value, personer: int | float | None, *, fmt=str, graense: int = GRAENSE) -> str:
    """`fmt(value)`, or "<5" when the figure rests on fewer than `graense` persons.

    >>> suppress(12, 12)
    '12'
    >>> suppress(0.25, 3, fmt=lambda v: f"{v:.0%}")
    '<5'
    """
    if is_suppressed(personer, graense=graense):
        return SKJULT
    return fmt(value)
