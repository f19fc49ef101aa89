"""Numbers written the Danish way, the one formatter for every figure a user reads.

``1.234,5`` (``.`` groups thousands, ``,`` is the decimal mark), ``27,9 %``, ``+1,2 point`` and
``1.234 kr.``. Negative numbers take the minus sign U+2212 (``−5.850``), as Danish typesetting
does, not the hyphen; a value that rounds to zero is never shown as ``−0``. Rounding is half up
(as a committee paper would round), also for floats. A missing value (``None``, or a float
that is not a number) is an en dash.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
MISSING = "–"


def _decimal(value: Decimal | float | int) -> Decimal:
    # repr() of a float is the shortest text that reads back as the same float, so 0.15 rounds
    # half up to 0.2 as a reader of the figure expects (the binary value is just below 0.15).
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def format_number(
    value: Decimal | float | int | None, *, decimals: int = 0, sign: bool = False
) -> str:
    """1234.5 -> '1.234,5' (with `decimals` digits after the comma). `sign` shows + too."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    v = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(v):,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if v < 0:
        return MINUS + text
    if sign and v > 0:
        return "+" + text
    return text


def format_share(value: Decimal | float | None, *, decimals: int = 1, sign: bool = False) -> str:
    """A share: 0.279 -> '27,9 %'."""
    if value is None:
        return MISSING
    return format_number(_decimal(value) * 100, decimals=decimals, sign=sign) + " %"


def format_points(value: Decimal | float | None, *, decimals: int = 1) -> str:
    """A difference of two shares in percentage points: 0.012 -> '+1,2 point'."""
    if value is None:
        return MISSING
    return format_number(_decimal(value) * 100, decimals=decimals, sign=True) + " point"


def format_kr(value: Decimal | float | int | None, *, decimals: int = 0, sign: bool = False) -> str:
    """An amount in kroner: 203880 -> '203.880 kr.'."""
    if value is None:
        return MISSING
    return f"{format_number(value, decimals=decimals, sign=sign)} kr."
