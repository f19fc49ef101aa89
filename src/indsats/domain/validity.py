"""A period of validity for a piece of vocabulary (a benefit, a target group, an offer type)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Gyldighed:
    """Valid from `fra` (inclusive) to `til` (inclusive); `til=None` means still in force."""

    fra: date
    til: date | None = None

    def __post_init__(self) -> None:
        if self.til is not None and self.til < self.fra:
            raise ValueError(f"validity ends ({self.til}) before it starts ({self.fra})")

    def covers(self, day: date) -> bool:
        return self.fra <= day and (self.til is None or day <= self.til)

    def overlaps(self, start: date, end: date | None) -> bool:
        return (end is None or self.fra <= end) and (self.til is None or start <= self.til)
