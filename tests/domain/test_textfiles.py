"""Reading the text files people hand the product: encodings, binary files, line numbers, quotes."""

import codecs

import pytest

from indsats.domain.textfiles import (
    UTF8,
    UTF16,
    WINDOWS_1252,
    InputFileError,
    csv_records,
    detect_encoding,
)

TEXT = "post;beløb\nKøkken;1.200\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), UTF8),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), UTF8),
        (TEXT.encode("cp1252"), WINDOWS_1252),  # Danish Excel's "CSV (semikolonsepareret)"
        (TEXT.encode("utf-16"), UTF16),  # Excel's "Unicode text" (with a byte order mark)
    ],
)
def test_the_encodings_offices_produce_are_read_alike(tmp_path, data, encoding):
    p = tmp_path / "t.csv"
    p.write_bytes(data)
    assert detect_encoding(p) == encoding
    assert [(r.line, r.cells) for r in csv_records(p)] == [
        (1, ["post", "beløb"]),
        (2, ["Køkken", "1.200"]),
    ]


def test_a_binary_file_is_refused_with_its_line(tmp_path):
    p = tmp_path / "image.csv"
    p.write_bytes(b"post;2024\na;1\n\x89PNG\x00\x01")
    with pytest.raises(InputFileError) as exc:
        list(csv_records(p))
    assert exc.value.line == 3
    assert str(exc.value).startswith("image.csv line 3: not a text file")


def test_utf8_broken_late_in_a_big_file_is_read_as_windows_1252(tmp_path):
    p = tmp_path / "late.csv"
    p.write_bytes(b"a;b\n" + b"x;1\n" * 100_000 + "ø;2\n".encode("cp1252"))
    assert detect_encoding(p) == WINDOWS_1252
    assert list(csv_records(p))[-1].cells == ["ø", "2"]


def test_blank_and_comment_lines_keep_the_editors_line_numbers(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("# kilde\n\npost;2024\n\n  \na;1\n# note\nb;2\n", encoding="utf-8")
    assert [r.line for r in csv_records(p)] == [3, 6, 8]


def test_a_quoted_cell_over_two_lines_starts_on_its_first_line(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('post;note\na;"to\n\nlinjer"\nb;x\n', encoding="utf-8")
    assert [(r.line, r.cells) for r in csv_records(p)] == [
        (1, ["post", "note"]),
        (2, ["a", "to\n\nlinjer"]),
        (5, ["b", "x"]),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('post;2024\na;"10\nb;20\n', 2, "never closed"),
        ('post;2024\na;"10"x;20\n', 2, "text follows a closing quote"),
    ],
)
def test_quoting_errors_name_the_line(tmp_path, text, line, message):
    p = tmp_path / "q.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=message) as exc:
        list(csv_records(p))
    assert exc.value.line == line


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputFileError, match="nope.csv: no such file"):
        detect_encoding(tmp_path / "nope.csv")
    with pytest.raises(InputFileError, match="is a folder"):
        detect_encoding(tmp_path)


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused_with_their_line(tmp_path):
    p = tmp_path / "odd.csv"
    p.write_bytes("a;b\nø;1\n".encode("cp1252") + b"x;\x8d\n")  # 0x8d is undefined in cp1252
    with pytest.raises(InputFileError, match="not UTF-8 or Windows-1252 text") as exc:
        detect_encoding(p)
    assert exc.value.line == 3


def test_broken_utf16_is_refused(tmp_path):
    p = tmp_path / "u16.csv"
    p.write_bytes("a;b\n1;2\n".encode("utf-16") + b"\x00")  # an odd number of bytes
    with pytest.raises(InputFileError, match="not UTF-16 text"):
        detect_encoding(p)
