"""Money and numbers: parsing hand-typed Danish figures and rounding.

Formatting for display is `indsats.domain.numbers` (one formatter for the whole project).

Input accepts both the Danish way of writing a number and the plain one:

- ``1.234,5`` and ``1234,5`` (Danish: ``.`` groups thousands, ``,`` is the decimal mark),
- ``1234.5`` (plain: ``.`` is the decimal mark, no grouping),
- ``1.234`` and ``1.234.567`` are read as thousands (Danish grouping: a ``.`` followed by exactly
  three digits, with no ``,`` in the number), so ``1.234`` is one thousand two hundred and
  thirty-four, never one point two three four. Write ``1,234`` for the decimal number.
- a leading ``-`` or ``−`` (minus sign), spaces (also non-breaking) and a trailing ``kr.``/``kr``
  are allowed; ``%`` is not (shares are written as decimals or with ``--`` options).

Every parse error names where the value came from (``file line N, column C``) and the text.

Inside a CSV file the separator decides (`NumberStyle`): in a ``,``-separated file numbers are
plain (``-0.001`` is minus one thousandth), in a ``;``- or tab-separated file (Danish Excel) they
are Danish (``-0,001``; ``1.500`` is fifteen hundred). A number that does not fit its file's
style is an error rather than a guess. Amounts have at most 15 digits before the decimal mark.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

ORE = Decimal("0.01")
KR = Decimal("1")

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.234 or 1.234.567 (no decimals)
_DANISH = re.compile(r"^\d{1,3}(\.\d{3})*,\d+$|^\d+,\d+$")  # 1.234,5 or 1234,5
_PLAIN = re.compile(r"^\d+(\.\d+)?$")  # 1234 or 1234.5
_INTEGER = re.compile(r"^\d+$")
MAX_DIGITS = 15  # before the decimal mark: a thousand billion kroner is far beyond any budget


class NumberStyle(Enum):
    """How the numbers of one file are written."""

    ANY = "any"  # hand-typed values outside a file: Danish or plain (see the module text)
    PLAIN = "plain"  # 1234.5, no grouping: a ","-separated file
    DANISH = "danish"  # 1.234,5 or 1234,5: a ";"- or tab-separated file

    @classmethod
    def for_delimiter(cls, delimiter: str) -> NumberStyle:
        return cls.PLAIN if delimiter == "," else cls.DANISH

    @property
    def example(self) -> str:
        return {"plain": "1234.5", "danish": "1.234,5"}.get(self.value, "1.234,5 or 1234.5")


class EconomicsInputError(ValueError):
    """Bad input to an economics calculation. The message says where and what is wrong."""


def parse_amount(
    text: str | int | Decimal, *, where: str = "value", style: NumberStyle = NumberStyle.ANY
) -> Decimal:
    """Parse a hand-typed number into a Decimal: Danish or plain (`style` ANY), or only the
    style of the file it comes from.

    >>> parse_amount("1.234,5")
    Decimal('1234.5')
    >>> parse_amount("-2.260")
    Decimal('-2260')
    >>> parse_amount("1234.5")
    Decimal('1234.5')
    """
    if isinstance(text, Decimal):
        return text
    if isinstance(text, bool):
        raise EconomicsInputError(f"{where}: {text!r} is not a number")
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        raise EconomicsInputError(f"{where}: floats are not accepted for money; give text")
    raw = str(text)
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS:
        return Decimal(raw)  # the common case in big files, without the patterns below
    s = raw.strip().replace("\u00a0", "").replace(" ", "")
    s = re.sub(r"(?i)kr\.?$", "", s)
    negative = False
    if s[:1] in ("-", "\u2212"):
        negative, s = True, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if not s:
        raise EconomicsInputError(f"{where}: {raw!r} is not a number")
    danish = bool(_GROUPED.match(s) or _DANISH.match(s))
    plain = bool(_PLAIN.match(s))
    if _INTEGER.match(s):
        digits = s
    elif danish and style is not NumberStyle.PLAIN:
        digits = s.replace(".", "").replace(",", ".")
    elif plain and style is not NumberStyle.DANISH:
        digits = s
    elif danish or plain:
        separated = "," if style is NumberStyle.PLAIN else ";"
        raise EconomicsInputError(
            f"{where}: {raw!r} is ambiguous: in a {separated!r}-separated file numbers are "
            f"written like {style.example}"
        )
    else:
        raise EconomicsInputError(f"{where}: {raw!r} is not a number")
    if len(digits.partition(".")[0].lstrip("0")) > MAX_DIGITS:
        raise EconomicsInputError(
            f"{where}: {raw[:20]!r}… has more than {MAX_DIGITS} digits; not an amount"
        )
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise EconomicsInputError(f"{where}: {raw!r} is not a number") from None
    return -value if negative else value


def parse_optional(
    text: str | None, *, where: str = "value", style: NumberStyle = NumberStyle.ANY
) -> Decimal | None:
    """Like `parse_amount`, but an empty cell is None."""
    if text is None or str(text).strip() in ("", "-", "–"):
        return None
    return parse_amount(text, where=where, style=style)


def round_kr(value: Decimal, places: Decimal = ORE) -> Decimal:
    """Round half up (as a committee paper would) to øre by default."""
    return value.quantize(places, rounding=ROUND_HALF_UP)
