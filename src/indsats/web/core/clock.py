"""The day the web app lives on: today, or the day a demo was built for.

`indsats demo --today 2025-03-15` builds the demo for another day (for tests and screenshots) and
serves it as if it were that day: `clock_shift` moves Django's clock (`django.utils.timezone.now`,
which `timezone.localdate()` and every default of the form "now" read) by whole days, keeping the
time of day. Only the demo command and tests shift the clock; `indsats serve` never does.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

_REAL_NOW = timezone.now


def _shifted(offset: timedelta):
    def now() -> datetime:
        return _REAL_NOW() + offset

    return now


def clock_shift(day: date | None, at: time | None = None) -> None:
    """Make `day` today for this process (and the processes it forks), at the same local time
    of day as now, or at the local time `at` (tests that need a samtale already begun); None:
    the real clock again. The clock runs on from there."""
    if day is None:
        timezone.now = _REAL_NOW
        return
    real = _REAL_NOW()
    local = timezone.localtime(real)
    clock = at or local.time().replace(tzinfo=None)
    target = timezone.make_aware(datetime.combine(day, clock))
    timezone.now = _shifted(target - real)
