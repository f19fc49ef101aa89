"""The parameter loader validates files and refuses to answer before a rule's first date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indsats.rules.parameters import (
    AREAS,
    ParameterError,
    ParameterNotInForce,
    all_parameters,
    load_directory,
    parse_file,
    value_at,
)

GOOD = """
area: demo
parameters:
  frist:
    values:
      - from: 2020-01-01
        to: 2023-12-31
        value: 6
        reference: LAB § 102
        source: https://example.org/102
        status: verified
      - from: 2024-01-01
        value: 7
        reference: LAB § 102
        source: https://example.org/102
        status: unverified
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "demo.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_and_lookup(tmp_path: Path) -> None:
    params = parse_file(write(tmp_path, GOOD))
    p = params["demo.frist"]
    assert p.at(date(2023, 12, 31)).value == 6
    assert p.at(date(2024, 1, 1)).value == 7
    assert p.at(date(2024, 1, 1)).status == "unverified"


def test_before_first_date_is_an_error_not_zero(tmp_path: Path) -> None:
    p = parse_file(write(tmp_path, GOOD))["demo.frist"]
    with pytest.raises(ParameterNotInForce, match="before 2020-01-01"):
        p.at(date(2019, 12, 31))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        reference: LAB § 102\n        source: https://example.org/102\n        status: verified",
            "        source: https://example.org/102\n        status: verified",
            "missing 'reference'",
        ),
        ("        status: verified", "        status: maybe", "status must be one of"),
        (
            "        source: https://example.org/102\n        status: verified",
            "        source: elov\n        status: verified",
            "source must be a URL",
        ),
        (
            "        to: 2023-12-31",
            "        to: 2023-11-30",
            "gap between 2023-11-30 and 2024-01-01",
        ),
        ("        to: 2023-12-31", "        to: 2024-02-01", "overlaps"),
        ("        to: 2023-12-31", "", "overlaps"),
        ("      - from: 2024-01-01", "      - from: 2019-01-01", "not ordered"),
        ("        to: 2023-12-31", "        to: 2019-12-31", "before 'from'"),
        ("      - from: 2020-01-01", "      - from: 2020-13-01", "YYYY-MM-DD"),
        ("      - from: 2020-01-01", "      - from: soon", "is not a date"),
        ("        value: 6", "        value: 0.5", "floats are not allowed"),
        ("        value: 6", "        value: 6\n        extra: 1", "unknown keys"),
    ],
)
def test_bad_files_name_file_and_parameter(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ParameterError) as exc:
        parse_file(path)
    text = str(exc.value)
    assert "demo.yaml" in text
    assert message in text
    if "parameter" in text:
        assert "frist" in text


def test_gaps_allowed_flag(tmp_path: Path) -> None:
    text = GOOD.replace("        to: 2023-12-31", "        to: 2023-11-30").replace(
        "  frist:\n", "  frist:\n    gaps_allowed: true\n"
    )
    p = parse_file(write(tmp_path, text))["demo.frist"]
    with pytest.raises(ParameterNotInForce):
        p.at(date(2023, 12, 15))


def test_not_yaml_and_missing_area(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="not valid YAML"):
        parse_file(write(tmp_path, "area: [unclosed"))
    with pytest.raises(ParameterError, match="missing 'area'"):
        parse_file(write(tmp_path, "parameters: {x: {values: []}}"))


def test_directory_needs_every_area(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="kontaktforloeb"):
        load_directory(tmp_path)


def test_packaged_parameters_load_and_cover_2020_onwards() -> None:
    params = all_parameters()
    assert {k.split(".")[0] for k in params} == set(AREAS)
    for key, p in params.items():
        assert p.values, key
        for v in p.values:
            assert (
                v.reference and v.source and v.status in ("verified", "secondary", "unverified")
            ), key
    for key in (
        "kontaktforloeb.samtaler.dagpenge",
        "ret_og_pligt.frist",
        "cv_og_booking.cv_frist_dage",
        "sygedagpenge.opfoelgning",
        "refusion.trin",
    ):
        for day in (
            date(2020, 1, 1),
            date(2023, 12, 31),
            date(2024, 1, 1),
            date(2026, 7, 1),
            date(2030, 1, 1),
        ):
            value_at(key, day)


def test_unsourced_facts_are_unverified() -> None:
    assert (
        value_at("kontaktforloeb.samtaleform", date(2023, 6, 1)).status == "secondary"
    )  # lov 295/2023's date in force rests on a legal publisher's summary
    assert (
        value_at("sygedagpenge.kategorier", date(2025, 1, 1)).status == "secondary"
    )  # the bill is read; the date in force rests on a practitioner page
    assert value_at("refusion.ydelse.uddannelseshjaelp", date(2020, 1, 1)).status == "unverified"
    assert value_at("refusion.trin", date(2020, 1, 1)).status == "verified"


def test_import_is_light() -> None:
    """`import indsats.rules` must not import Django, NumPy or pandas (checked, not timed)."""
    import subprocess
    import sys

    code = (
        "import sys, indsats.rules; bad = [m for m in ('django', 'numpy', 'pandas', 'duckdb', 'yaml', 'holidays') "
        "if m in sys.modules]; print(','.join(bad))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == ""
