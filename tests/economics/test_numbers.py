from decimal import Decimal

import pytest

from indsats.economics.numbers import (
    EconomicsInputError,
    parse_amount,
    parse_optional,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", Decimal("1234.5")),  # Danish
        ("1234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),  # plain
        ("1.234", Decimal("1234")),  # a dot before exactly three digits groups thousands
        ("1.234.567", Decimal("1234567")),
        ("-2.260", Decimal("-2260")),
        ("\u22125.840", Decimal("-5840")),  # a typeset minus sign
        ("16.990 kr.", Decimal("16990")),
        (" 203 880 ", Decimal("203880")),
        ("-0,001", Decimal("-0.001")),
        (7, Decimal(7)),
    ],
)
def test_parse_amount_accepts_danish_and_plain(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,234.5", "12.34.5", "", "1..2", "--3", "5 %"])
def test_parse_amount_rejects_with_the_place_and_the_text(text):
    with pytest.raises(EconomicsInputError) as exc:
        parse_amount(text, where="TABLE.csv line 7, column 2023")
    assert str(exc.value) == f"TABLE.csv line 7, column 2023: {text!r} is not a number"


def test_floats_are_refused_for_money():
    with pytest.raises(EconomicsInputError):
        parse_amount(0.1)


def test_empty_cells_are_none():
    assert parse_optional("") is None and parse_optional("  ") is None
    assert parse_optional("-") is None
