"""CVR and P-numbers.

CVR-nummer (Det Centrale Virksomhedsregister): 8 digits, the last a modulus-11 check digit. The
weighted sum of the digits with weights 2, 7, 6, 5, 4, 3, 2, 1 must be divisible by 11
(Erhvervsstyrelsen, "Modulus 11-kontrol",
https://web.archive.org/web/20120917151518/http://www.erhvervsstyrelsen.dk/modulus_11; the same
rule is the FHIR invariant `CVR-modulus-11` of HL7 Denmark's dk-core profile `CVRIdentifier`).

P-nummer (produktionsenhedsnummer): 10 digits. No public check-digit rule has been found, so
only the format is checked (10 digits). An optional "DK" prefix, spaces and
hyphens are accepted on input and removed.
"""

from __future__ import annotations

import re

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_STRIP = re.compile(r"[\s\-.]")


class InvalidCvr(ValueError):
    pass


class InvalidPnummer(ValueError):
    pass


def _clean(value: str | int) -> str:
    text = _STRIP.sub("", str(value)).upper()
    return text[2:] if text.startswith("DK") else text


def cvr_checksum(digits: str) -> int:
    """The weighted sum modulo 11 (0 for a valid CVR)."""
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11


def cvr_parse(value: str | int) -> str:
    """The 8 digits of a valid CVR, or `InvalidCvr` with a Danish message."""
    digits = _clean(value)
    if not digits.isdigit() or len(digits) != 8:
        raise InvalidCvr("Et CVR-nummer består af 8 cifre.")
    if cvr_checksum(digits) != 0:
        raise InvalidCvr("CVR-nummeret er ugyldigt (kontrolcifferet passer ikke).")
    return digits


def cvr_is_valid(value: str | int) -> bool:
    try:
        cvr_parse(value)
    except InvalidCvr:
        return False
    return True


def cvr_complete(serial: str | int) -> str | None:
    """Append the check digit to a 7-digit serial; None when no digit fits (remainder 10)."""
    serial = str(serial)
    if not serial.isdigit() or len(serial) != 7:
        raise InvalidCvr("Et løbenummer består af 7 cifre.")
    partial = sum(int(d) * w for d, w in zip(serial, CVR_WEIGHTS[:7], strict=True)) % 11
    check = (11 - partial) % 11
    return None if check == 10 else serial + str(check)


def pnummer_parse(value: str | int) -> str:
    """The 10 digits of a P-number (format only: no public check-digit rule)."""
    digits = _clean(value)
    if not digits.isdigit() or len(digits) != 10:
        raise InvalidPnummer("Et P-nummer består af 10 cifre.")
    return digits
