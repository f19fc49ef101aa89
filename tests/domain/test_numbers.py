from decimal import Decimal

import pytest

from indsats.domain.numbers import (
    MINUS,
    format_kr,
    format_number,
    format_points,
    format_share,
)


def test_danish_formatting_of_decimals():
    assert format_number(Decimal("1234.5"), decimals=1) == "1.234,5"
    assert format_kr(Decimal("203880")) == "203.880 kr."
    assert format_kr(Decimal("-5850")) == "\u22125.850 kr."
    assert format_number(Decimal("6280"), sign=True) == "+6.280"
    assert format_number(Decimal("0.5")) == "1"  # half up
    assert format_share(Decimal("0.279")) == "27,9 %"
    assert format_kr(None) == "–"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234567.0, 0, "1.234.567"),
        (0.15, 1, "0,2"),  # half up on the written value, not the binary one
        (2.5, 0, "3"),
        (-2.5, 0, MINUS + "3"),
        (-0.04, 1, "0,0"),  # rounds to zero: never "−0,0"
        (float("nan"), 1, "–"),
        (None, 0, "–"),
        (7, 0, "7"),
    ],
)
def test_floats_and_ints_round_half_up(value, decimals, text):
    assert format_number(value, decimals=decimals) == text


def test_negative_numbers_take_the_minus_sign_not_the_hyphen():
    for text in (format_number(-5), format_share(-0.012), format_points(-0.012), format_kr(-1)):
        assert text.startswith(MINUS) and "-" not in text


def test_shares_and_points():
    assert format_share(0.234) == "23,4 %"
    assert format_share(0.012, sign=True) == "+1,2 %"
    assert format_points(0.012) == "+1,2 point"
    assert format_points(-0.012) == MINUS + "1,2 point"
    assert format_points(None) == "–"
