"""The Danish formats the plan texts and documents use (`indsats.domain.numbers` and a goal's unit
from `indsats.goals.numbers`); this module only gathers them for the plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from indsats.domain.numbers import format_kr, format_number
from indsats.goals.model import MAANEDER_DA
from indsats.goals.numbers import format_gap, format_value


def tal(value: float | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (None: '–')."""
    return format_number(value, decimals=decimals)


def vaerdi(value: float | None, enhed: str) -> str:
    """A goal's figure in its unit: '27,9 %' for a share, else a number."""
    return format_value(value, enhed)


def forskel(value: float | None, enhed: str) -> str:
    """A gap: '+1,2 point' for a share, '+17' for a count."""
    return format_gap(value, enhed)


def kr(value: Decimal | int | None) -> str:
    return format_kr(value)


def dato(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "–"


def maaned_tekst(month: str) -> str:
    """'2021-06' -> 'juni 2021'."""
    return f"{MAANEDER_DA[int(month[5:7]) - 1]} {month[:4]}"
