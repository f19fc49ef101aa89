"""`check_table` on tables without a type column (the arithmetic is found), numbers by separator,
the encodings offices produce, bounded memory, tables held in memory, and the CLI's exit codes."""

import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from indsats.cli.main import app
from indsats.economics.check import check_rows, check_table
from indsats.economics.numbers import EconomicsInputError

DATA = Path(__file__).parents[2] / "src" / "indsats" / "economics" / "data"
D = Decimal


def _write(tmp_path, text, name="TABLE.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def _untyped(path: Path, tmp_path: Path) -> Path:
    """The table without its comment lines and without its type column."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = [ln.split(";") for ln in lines]
    t = rows[0].index("type")
    return _write(tmp_path, "\n".join(";".join(r[:t] + r[t + 1 :]) for r in rows) + "\n")


def test_without_a_type_column_the_planted_product_error_is_found(tmp_path):
    # Varde's jobafklaring table as printed, without the row types: the difference row and the
    # product row (count × price × -0,001) are found, and 2025's 160 breaks the product.
    r = check_table(_untyped(DATA / "varde_2021_jobafklaring_investering.csv", tmp_path))
    assert not r.typed and r.relation_found
    assert [(x.linje, x.regel) for x in r.relationer] == [(4, "forskel"), (6, "produkt")]
    (a,) = r.afvigelser
    assert (a.linje, a.kolonne, a.oplyst, a.forventet) == (6, "2025", D(160), D(-1120))
    assert a.relation == "linje 6 = linje 3 × linje 5 × −0,001"
    assert r.kontrollerede_celler == 10


def test_without_a_type_column_the_correct_tables_pass(tmp_path):
    r = check_table(_untyped(DATA / "varde_2021_kontanthjaelp_jobparate.csv", tmp_path))
    assert r.ok and r.relation_found and r.kontrollerede_celler == 4
    r = check_table(DATA / "varde_2021_sygedagpenge_helaarspersoner.csv")  # untyped as typed
    assert r.ok and r.kontrollerede_celler == 4


def test_a_planted_sum_error_without_a_type_column_and_no_label(tmp_path):
    p = _write(
        tmp_path,
        "post;2021;2022;2023;2024\n"
        "a;10;20;30;40\n"
        "b;1;2;3;4\n"
        "c;5;5;5;5\n"
        "d;16;27;38;50\n",  # the sum of a, b and c, but 49 in 2024 (not labelled as a total)
    )
    r = check_table(p)
    (a,) = r.afvigelser
    assert (a.linje, a.kolonne, a.regel, a.forventet) == (5, "2024", "sum", D(49))


def test_no_relation_is_said_not_passed(tmp_path):
    p = _write(tmp_path, "post;2021;2022;2023\na;17;4;9\nb;3;11;2\nc;8;1;30\n")
    r = check_table(p)
    assert not r.relation_found and r.kontrollerede_celler == 0 and r.relationer == ()
    result = _cli("check", str(p))
    assert result.exit_code == 0
    assert "no relation between the rows was found, so nothing was checked" in result.output
    assert "add up" not in result.output


def test_numbers_follow_the_separator(tmp_path):
    # ","-separated: plain numbers, so -0.001 is minus one thousandth (not a Danish -1).
    p = _write(
        tmp_path,
        "post,type,2024\nn,antal,8\np,pris,140000\ns,produkt*-0.001,-1120\n",
    )
    assert check_table(p).ok
    # ";"-separated: Danish, so 140.000 is a hundred and forty thousand.
    p = _write(tmp_path, "post;type;2024\nn;antal;8\np;pris;140.000\ns;produkt*-0,001;-1.120\n")
    assert check_table(p).ok
    with pytest.raises(EconomicsInputError, match=r"line 2, column 2024: '1,5' is ambiguous"):
        check_table(_write(tmp_path, 'post,2024\na,"1,5"\nb,2\n'))
    with pytest.raises(EconomicsInputError, match=r"line 3, column 2024: '1.5' is ambiguous"):
        check_table(_write(tmp_path, "post;2024\na;1\nb;1.5\n"))


def test_a_negative_count_is_an_error(tmp_path):
    p = _write(tmp_path, "post;type;2024\nn;antal;-8\np;pris;100\ns;produkt;-800\n")
    with pytest.raises(
        EconomicsInputError, match="line 2, column 2024: a count cannot be negative"
    ):
        check_table(p)


def test_windows_1252_and_utf16_tables_are_checked_and_named(tmp_path):
    text = "post;2021;2022\nKøkken;1;2\nBørn;3;4\nI alt;4;7\n"
    for enc, name in (("cp1252", "Windows-1252"), ("utf-16", "UTF-16")):
        p = _write(tmp_path, text, name=f"{enc}.csv", encoding=enc)
        r = check_table(p)
        assert [(a.linje, a.kolonne) for a in r.afvigelser] == [(4, "2022")]
        result = _cli("check", str(p))
        assert result.exit_code == 1 and f"read as {name}" in result.output


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    p = _write(tmp_path, "post;type;2024\n\na;;1\n\n\nb;;2\nI alt;sum;4\n")
    (a,) = check_table(p).afvigelser
    assert a.linje == 7


def _peak_memory_of_check(path: Path, rows: int) -> int:
    with path.open("w", encoding="utf-8") as f:
        f.write("post;type;2021;2022;2023;2024;2025\n")
        for i in range(rows):
            f.write(f"r{i};;1.234,5;2;3;4;5\n")
        total = str(rows * D("1234.5")).replace(".", ",")
        f.write(f"I alt;total;{total};{2 * rows};{3 * rows};{4 * rows};0\n")
    tracemalloc.start()
    r = check_table(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [a.kolonne for a in r.afvigelser] == ["2025"]
    return peak


def test_a_large_typed_table_is_checked_in_bounded_memory(tmp_path):
    # Rows are checked as they are read and not kept: four times the rows, about the same peak.
    small = _peak_memory_of_check(tmp_path / "small.csv", 1_500)
    large = _peak_memory_of_check(tmp_path / "large.csv", 6_000)
    assert large < small * 1.5, (small, large)


def test_a_table_in_memory_is_checked_like_a_file():
    r = check_rows(
        "Økonomi",
        ["post", "2022", "2023", "2024", "2025"],
        [
            ["Uden investering", "160", "160", "160", "160"],
            ["Effekt", "4", "8", "8", "8"],
            ["Med investering", "156", "152", "152", "150"],
        ],
    )
    (a,) = r.afvigelser
    assert (a.linje, a.kolonne, a.forventet) == (4, "2025", D(152))


# The command line: 0 = adds up (or nothing found), 1 = findings, 2 = bad input -------------


def _cli(*args):
    return CliRunner().invoke(app, ["economics", *args], env={"COLUMNS": "200"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'post;2024\na;"10\nb;20\n', 'line 2: a quote (") opened on this line is never closed'),
        (b"post;2024\na;" + b"9" * 400 + b"\nI alt;9\n", "has more than 15 digits"),
        (b"post;2024\na;1\n\x00\x01\x02", "line 3: not a text file"),
        (b"", "needs a header line and at least one row"),
        (b"post;type;2024\na;gange;1\n", "unknown row type 'gange'"),
    ],
)
def test_bad_input_exits_2_with_file_and_line(tmp_path, data, message):
    p = tmp_path / "bad.csv"
    p.write_bytes(data)
    result = _cli("check", str(p))
    assert result.exit_code == 2, result.output
    assert "bad.csv" in result.output and message in result.output


def test_price_list_in_windows_1252_is_read(tmp_path):
    src = (DATA / "ringkobing_skjern_2022_tilbudspriser.csv").read_text(encoding="utf-8")
    p = tmp_path / "priser.csv"
    p.write_text(src, encoding="cp1252")
    result = _cli("price-list", str(p))
    assert result.exit_code == 0, result.output
    assert "Klar til start" in result.output


_cells = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["", "1.234,5", "-0,001", "1.5", "abc", '"', "I alt", "produkt*-0,001"]),
    st.text(max_size=8),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_cells, min_size=1, max_size=5), max_size=8),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]),
    blank_lines=st.booleans(),
    noise=st.binary(max_size=40),
    with_noise=st.booleans(),
)
def test_fuzz_check_never_tracebacks(tmp_path, rows, sep, encoding, blank_lines, noise, with_noise):
    text = ("\n\n" if blank_lines else "\n").join(sep.join(r) for r in [["post", "2024"], *rows])
    data = text.encode(encoding, errors="replace")
    if with_noise:
        data = data[: len(data) // 2] + noise + data[len(data) // 2 :]
    p = tmp_path / "fuzz.csv"
    p.write_bytes(data)
    result = _cli("check", str(p))
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 2:
        assert "fuzz.csv" in result.output
