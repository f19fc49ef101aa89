"""Danish number formatting for goals: 1.234,5 and 23,4 %."""

from __future__ import annotations


def fmt_number(value: float | None, decimals: int = 0, *, sign: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{abs(value):,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if value < 0 and float(text.replace(".", "").replace(",", ".")) != 0:
        return "−" + text
    if sign and value > 0:
        return "+" + text
    return text


def fmt_share(value: float | None, decimals: int = 1, *, sign: bool = False) -> str:
    """0.234 -> '23,4 %'."""
    if value is None:
        return "–"
    return fmt_number(value * 100, decimals, sign=sign) + " %"


def fmt_points(value: float | None, decimals: int = 1) -> str:
    """A difference of two shares in percentage points: 0.012 -> '+1,2 point'."""
    if value is None:
        return "–"
    return fmt_number(value * 100, decimals, sign=True) + " point"


def fmt_value(value: float | None, enhed: str, *, sign: bool = False) -> str:
    if enhed == "andel":
        return fmt_share(value, sign=sign)
    if value is not None and abs(value) < 100 and value != int(value):
        return fmt_number(value, 1, sign=sign)
    return fmt_number(value, 0, sign=sign)


def fmt_gap(value: float | None, enhed: str) -> str:
    if enhed == "andel":
        return fmt_points(value)
    return fmt_value(value, enhed, sign=True)
