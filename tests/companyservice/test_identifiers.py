import pytest

from indsats.companyservice.identifiers import (
    InvalidCvr,
    InvalidPnummer,
    cvr_checksum,
    cvr_complete,
    cvr_is_valid,
    cvr_parse,
    pnummer_parse,
)

# Published examples of valid CVR numbers: 24256790 (hexdocs.pm/cvr), 13585628 (CPAN
# Algorithm::CheckDigits M11_008), 27355021 (CPAN Business::DK::CVR).
VALID = ["24256790", "13585628", "27355021"]


@pytest.mark.parametrize("cvr", VALID)
def test_known_valid_cvr_numbers_pass(cvr):
    assert cvr_is_valid(cvr)
    assert cvr_parse(cvr) == cvr


def test_the_weighted_sum_by_hand():
    # 2*2 + 4*7 + 2*6 + 5*5 + 6*4 + 7*3 + 9*2 + 0*1 = 132 = 12 * 11
    assert cvr_checksum("24256790") == 0
    # Changing the check digit by one leaves remainder 1.
    assert cvr_checksum("24256791") == 1


@pytest.mark.parametrize("bad", ["24256791", "27355020", "1234567", "123456789", "2425679X", ""])
def test_invalid_cvr_numbers_are_refused(bad):
    assert not cvr_is_valid(bad)
    with pytest.raises(InvalidCvr):
        cvr_parse(bad)


def test_separators_and_dk_prefix_are_accepted():
    assert cvr_parse("DK 24 25 67 90") == "24256790"
    assert cvr_parse("24-25-67-90") == "24256790"


def test_messages_are_danish_and_do_not_repeat_the_input():
    with pytest.raises(InvalidCvr) as exc:
        cvr_parse("24256791")
    assert "kontrolcifferet" in str(exc.value)
    assert "24256791" not in str(exc.value)


def test_complete_appends_the_check_digit():
    assert cvr_complete("2425679") == "24256790"
    assert cvr_complete("1358562") == "13585628"
    generated = [cvr_complete(f"{n:07d}") for n in range(1000000, 1000050)]
    assert all(c is None or cvr_is_valid(c) for c in generated)
    assert None in generated  # remainder 10: no check digit fits, serial unused


def test_p_number_is_ten_digits():
    assert pnummer_parse("1003388394") == "1003388394"
    assert pnummer_parse("10 0338 8394") == "1003388394"
    for bad in ["100338839", "10033883944", "10033883a4", ""]:
        with pytest.raises(InvalidPnummer):
            pnummer_parse(bad)
