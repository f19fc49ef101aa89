from datetime import date

import pytest

from indsats.domain.cpr import Cpr, InvalidCpr


@pytest.mark.parametrize(
    ("text", "born"),
    [
        ("010190-1234", date(1990, 1, 1)),  # digit 7 = 1 -> 1900s
        ("0101901234", date(1990, 1, 1)),  # without hyphen
        ("311299-3999", date(1999, 12, 31)),  # digit 7 = 3 -> 1900s
        ("010136-4000", date(2036, 1, 1)),  # digit 7 = 4, yy <= 36 -> 2000s
        ("010137-4000", date(1937, 1, 1)),  # digit 7 = 4, yy >= 37 -> 1900s
        ("010157-5000", date(2057, 1, 1)),  # digit 7 = 5-8, yy <= 57 -> 2000s
        ("010158-8000", date(1858, 1, 1)),  # digit 7 = 5-8, yy >= 58 -> 1800s
        ("290200-4111", date(2000, 2, 29)),  # leap day in 2000
        ("010199-9000", date(1999, 1, 1)),  # digit 7 = 9, yy >= 37 -> 1900s
        ("010120-9000", date(2020, 1, 1)),  # digit 7 = 9, yy <= 36 -> 2000s
    ],
)
def test_parse_reads_birth_date_from_date_and_century_digit(text, born):
    assert Cpr.parse(text).birth_date == born


def test_modulus_11_is_not_required():
    # 010190-1235 fails modulus 11 but is a valid number since 2007.
    assert Cpr.parse("010190-1235").digits == "0101901235"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "010190-123",
        "01019012345",
        "320190-1234",
        "011390-1234",
        "290201-1234",
        "290200-1234",
    ],  # 29.02.1900 does not exist (century digit 1 -> 1900)
)
def test_invalid_cpr_is_rejected_without_echoing_the_number(text):
    with pytest.raises(InvalidCpr) as info:
        Cpr.parse(text)
    if text:
        assert text not in str(info.value)
        assert text.replace("-", "") not in str(info.value)


def test_cpr_masks_itself_in_str_and_repr():
    cpr = Cpr.parse("010190-1234")
    assert str(cpr) == "010190-xxxx"
    assert "1234" not in repr(cpr)
    assert cpr.masked == "010190-xxxx"
    assert cpr.formatted == "010190-1234"


def test_age_and_sex():
    cpr = Cpr.parse("150590-1234")
    assert cpr.age_on(date(2024, 5, 14)) == 33
    assert cpr.age_on(date(2024, 5, 15)) == 34
    assert cpr.is_female  # last digit even
    assert not Cpr.parse("150590-1233").is_female
