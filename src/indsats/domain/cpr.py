"""CPR numbers: parsing, validation and masking.

Validation checks the date and the century digit (CPR-loven; the CPR office's rules for the 7th
digit). Modulus 11 is not checked: numbers without it have been issued since 1 October 2007.

A `Cpr` never shows its full value in `str()` or `repr()`, so it cannot leak into a log line or a
traceback by accident; code that must store it reads `.digits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_PATTERN = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})-?(\d{4})\s*$")


class InvalidCpr(ValueError):
    """Raised for an invalid CPR. The message never contains the number itself."""


def _century(year2: int, digit7: int) -> int:
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if year2 <= 36 else 1900
    # 5-8
    return 2000 if year2 <= 57 else 1800


@dataclass(frozen=True, slots=True)
class Cpr:
    digits: str = field(repr=False)  # ten digits, no hyphen

    @classmethod
    def parse(cls, value: str) -> Cpr:
        match = _PATTERN.match(value or "")
        if not match:
            raise InvalidCpr("CPR-nummeret skal have formen ddmmåå-xxxx (10 cifre).")
        dd, mm, yy, serial = match.groups()
        year = _century(int(yy), int(serial[0])) + int(yy)
        try:
            date(year, int(mm), int(dd))
        except ValueError:
            raise InvalidCpr("CPR-nummerets første seks cifre er ikke en gyldig dato.") from None
        return cls(dd + mm + yy + serial)

    @property
    def birth_date(self) -> date:
        dd, mm, yy, d7 = (
            int(self.digits[0:2]),
            int(self.digits[2:4]),
            int(self.digits[4:6]),
            int(self.digits[6]),
        )
        return date(_century(yy, d7) + yy, mm, dd)

    @property
    def is_female(self) -> bool:
        return int(self.digits[9]) % 2 == 0

    @property
    def masked(self) -> str:
        """The form shown in lists: ddmmyy-xxxx."""
        return f"{self.digits[:6]}-xxxx"

    @property
    def formatted(self) -> str:
        """The full number with hyphen, for the one place that shows it: the citizen's page."""
        return f"{self.digits[:6]}-{self.digits[6:]}"

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Cpr({self.masked!r})"
