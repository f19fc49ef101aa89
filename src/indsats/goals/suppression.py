"""Small-cell suppression: a figure built on 1-4 persons is not shown.

One rule for the report and for the committee role (`udvalg`) in the web app:

- A **count of persons** on 1-4 persons is shown as "<5". A true zero is shown as 0: it
  discloses no one.
- A **share** is suppressed only when the group it is computed from has 1-4 persons (the caller
  passes the group's size, `indsats.goals.measures`); a share of a larger group is shown, even
  when few of the group are in the numerator. A suppressed share, gap or forecast is shown as
  "skjult" — never "<5", which would read as "under 5 %".
- A person count that is unknown (None) is suppressed too: when we cannot show that a figure
  rests on at least 5 persons, we do not show it.

Whether a goal can be judged at all is a different question (`for_faa`): a goal resting on
fewer than 5 persons, zero included, is "Kan ikke vurderes".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

GRAENSE = 5
SKJULT = "<5"  # a count of persons under 5
SKJULT_TAL = "skjult"  # a share, gap or forecast built on too few persons
TAELLINGER = ("personer", "antal")  # units that are counts (goals.model.ENHEDER)


def is_suppressed(personer: int | float | None, *, graense: int = GRAENSE) -> bool:
    """True when a figure built on `personer` persons must not be shown: 1-4 persons, or an
    unknown count. Zero persons disclose no one and are shown."""
    return personer is None or 0 < personer < graense


def for_faa(personer: int | float | None, *, graense: int = GRAENSE) -> bool:
    """True when too few persons (zero included) stand behind a figure to judge a goal by it."""
    return personer is None or personer < graense


def skjult(enhed: str) -> str:
    """What a suppressed figure of `enhed` shows: "<5" for a count, "skjult" for a share."""
    return SKJULT if enhed in TAELLINGER else SKJULT_TAL


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
    enhed: str = "personer",
) -> str:
    """`fmt(value)`, or what a suppressed figure of `enhed` shows ("<5" for a count, "skjult"
    for a share) when it rests on 1-4 persons (for a share: its group has 1-4 persons).

    >>> suppress(12, 12)
    '12'
    >>> suppress(0, 0)
    '0'
    >>> suppress(0.25, 3, fmt=lambda v: f"{v:.0%}", enhed="andel")
    'skjult'
    """
    if is_suppressed(personer, graense=graense):
        return skjult(enhed)
    return fmt(value)
