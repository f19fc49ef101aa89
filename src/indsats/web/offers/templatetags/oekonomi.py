"""Danish number formatting for the economics pages (the same functions as the CLI and report)."""

from decimal import Decimal

from django import template

from indsats.domain.numbers import format_kr, format_number, format_share

register = template.Library()


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@register.filter
def kr(value, decimals: int = 0) -> str:
    """203880 -> '203.880 kr.'"""
    return format_kr(_dec(value), decimals=int(decimals))


@register.filter
def tal(value, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (with `decimals` digits)."""
    return format_number(_dec(value), decimals=int(decimals))


@register.filter
def fortegn(value, decimals: int = 0) -> str:
    """Signed: +6.280 / -5.850."""
    return format_number(_dec(value), decimals=int(decimals), sign=True)


@register.filter
def andel(value, decimals: int = 1) -> str:
    """0.279 -> '27,9 %'."""
    return format_share(_dec(value), decimals=int(decimals))
