"""`check_table` against the Varde plan's tables (seed 000) and hand-made ones."""

from decimal import Decimal
from pathlib import Path

import pytest

from indsats.economics.check import check_table
from indsats.economics.numbers import EconomicsInputError

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"
D = Decimal


def test_varde_total_that_does_not_add_up_is_found():
    # 2021: -3.450 - 600 - 1.200 - 300 - 300 = -5.850; the plan prints -5.840.
    r = check_table(DATA / "varde_2021_samlet_besparelse.csv")
    assert r.kontrollerede_celler == 4
    (a,) = r.afvigelser
    assert (a.linje, a.kolonne, a.regel) == (11, "2021", "sum")
    assert (a.oplyst, a.forventet, a.forskel) == (D(-5840), D(-5850), D(10))


def test_varde_product_that_does_not_add_up_is_found():
    # 2025: 8 × 140.000 × -0,001 = -1.120; the plan prints 160.
    # The sums 160 - 4 = 156 and 160 - 8 = 152 add up.
    r = check_table(DATA / "varde_2021_jobafklaring_investering.csv")
    assert r.kontrollerede_celler == 10  # 5 sums + 5 products
    (a,) = r.afvigelser
    assert (a.kolonne, a.regel, a.oplyst, a.forventet) == ("2025", "produkt", D(160), D(-1120))
    assert a.forskel == D(1280)


@pytest.mark.parametrize(
    "name",
    ["varde_2021_kontanthjaelp_jobparate.csv", "varde_2021_sygedagpenge_helaarspersoner.csv"],
)
def test_varde_tables_that_add_up(name):
    # 20 × 113.000 × -0,001 = -2.260; 30 × 113.000 × -0,001 = -3.390; 610 - 5 = 605; 590 - 5 = 585
    r = check_table(DATA / name)
    assert r.ok and r.kontrollerede_celler == 4


def _write(tmp_path, text, name="TABLE.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_subtotals_and_grand_total(tmp_path):
    p = _write(
        tmp_path,
        "\n".join(
            [
                "post;type;2024",
                "a;;10",
                "b;;20",
                "Sum a+b;sum;30",  # 10 + 20
                "c;;5",
                "Sum c;sum;6",  # wrong: 5
                "Total;total;35",  # 10 + 20 + 5 (sums are not counted twice)
            ]
        ),
    )
    r = check_table(p)
    assert [(a.linje, a.forventet) for a in r.afvigelser] == [(6, D(5))]


def test_tolerance_allows_rounding(tmp_path):
    p = _write(tmp_path, "post,2024\na,1.4\nb,1.4\nI alt,3\n")  # ,-separated: plain numbers
    assert check_table(p).afvigelser[0].forventet == D("2.8")
    assert check_table(p, tolerance=D("0.5")).ok


def test_text_in_a_number_cell_is_a_clear_error(tmp_path):
    p = _write(tmp_path, "post;2022;2023\na;1;2\nb;3;4\nc;5;abc\nI alt;9;6\n")
    with pytest.raises(EconomicsInputError) as exc:
        check_table(p)
    assert str(exc.value) == "TABLE.csv line 4, column 2023: 'abc' is not a number"


def test_missing_price_is_a_clear_error(tmp_path):
    p = _write(tmp_path, "post;type;2022;2023\nn;antal;2;3\npris;pris;100;\nx;produkt;200;300\n")
    with pytest.raises(
        EconomicsInputError, match=r"TABLE.csv line 4, column 2023: missing price \(line 3"
    ):
        check_table(p)


def test_unknown_row_type_and_missing_file(tmp_path):
    p = _write(tmp_path, "post;type;2022\na;gange;1\n")
    with pytest.raises(EconomicsInputError, match="line 2, column type: unknown row type 'gange'"):
        check_table(p)
    with pytest.raises(EconomicsInputError, match="no such file"):
        check_table(tmp_path / "nope.csv")
