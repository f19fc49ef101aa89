"""Reading an import's input file as a table of strings, with each row's line.

CSV files are read through `indsats.domain.textfiles` (UTF-8, UTF-16 and Windows-1252; binary
files and broken bytes refused with their line; quoting errors with the line the record starts
on), so every register importer answers a bad file as the economics readers do. Lines are the
ones an editor shows: the header is the first line that is not blank, blank lines are skipped
but counted, and a quoted cell over two lines belongs to the line its record starts on. In
Parquet files "line" is the 1-based row number.

A file that cannot be read at all raises `RegisterImportError` with one error naming the file
(and the line, where there is one); rows with too many or too few cells are errors naming their
line, and the import goes on checking the rest so the report lists every bad line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from indsats.domain.textfiles import (
    UTF8,
    WINDOWS_1252,
    CsvRecord,
    InputFileError,
    csv_records,
    detect_encoding,
    sniff_delimiter,
)
from indsats.register.schema import RegisterImportError, ValidationReport

MAX_WIDTH_PROBLEMS = 1000
_CHUNK_ROWS = 100_000  # rows held as Python strings at a time; the rest is in Arrow arrays


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() == ".parquet"


def read_strings(path: Path, report: ValidationReport, name: str) -> tuple[pa.Table, np.ndarray]:
    """Every column as (non-null) strings and the line of each row (see the module doc).

    Raises RegisterImportError (with the report) for a file that cannot be read as a table."""
    try:
        if is_parquet(path):
            return _read_parquet(path)
        return _read_csv(path, report, name)
    except InputFileError as exc:
        report.error(name, exc.line, None, exc.message)
    except (OSError, pa.ArrowException, UnicodeError) as exc:  # a damaged Parquet file
        what = "Parquet file" if is_parquet(path) else "file"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        report.error(name, None, None, f"not a readable {what} ({first[:200]})")
    raise RegisterImportError(report)


def _read_parquet(path: Path) -> tuple[pa.Table, np.ndarray]:
    t = pq.read_table(path)
    table = pa.table({c: pc.cast(t.column(c), pa.string()).fill_null("") for c in t.column_names})
    # Parquet readers do not check that strings are UTF-8: a damaged file would fail later, in a
    # compute function, without its name. A full validation raises ArrowInvalid here instead.
    table.validate(full=True)
    return table, np.arange(t.num_rows, dtype=np.int64) + 1


def _read_csv(path: Path, report: ValidationReport, name: str) -> tuple[pa.Table, np.ndarray]:
    encoding = detect_encoding(path)  # refuses binary files and broken bytes with their line
    if encoding in (UTF8, WINDOWS_1252) and _plain(path):
        try:
            return _read_plain(path, encoding)
        except pa.ArrowInvalid:
            pass  # a row with the wrong number of cells: the reader below names its line
    return _read_records(path, report, name)


_NEWLINE = rb"(?:\r\n|\n|\r(?!\n))"
# A line that is empty or only blanks (the lines after it count it) between two line breaks, or
# at the start of the file.
_BLANK_LINE = re.compile(_NEWLINE + rb"[ \t]*" + _NEWLINE)
_LEADING_BLANK = re.compile(rb"[ \t]*" + _NEWLINE)
_TAIL = 1 << 20


def _plain(path: Path) -> bool:
    """No quote and no blank line: every physical line is one row, so Arrow's multi-threaded CSV
    reader gives the same rows, and a row's line is its row number + 1 (about 20 times faster
    than the record reader on a large register)."""
    with path.open("rb") as handle:
        data = handle.read(1 << 22).removeprefix(b"\xef\xbb\xbf")
        if _LEADING_BLANK.match(data):
            return False
        while data:
            if b'"' in data or _BLANK_LINE.search(data):
                return False
            # Keep the last line break and what follows it: a blank line may span two chunks.
            cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
            tail = data[max(cut - 1, 0, len(data) - _TAIL) :] if cut >= 0 else data[-_TAIL:]
            chunk = handle.read(1 << 22)
            data = tail + chunk if chunk else b""
    return True


def _read_plain(path: Path, encoding: str) -> tuple[pa.Table, np.ndarray]:
    with path.open(encoding="utf-8-sig" if encoding == UTF8 else encoding, newline="") as f:
        header = f.readline()
    names = [c.strip() for c in header.rstrip("\r\n").split(sniff_delimiter(header))]
    if len(set(names)) != len(names):
        raise pa.ArrowInvalid("a column twice")  # the record reader reports it with its line
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding="utf8" if encoding == UTF8 else encoding, column_names=names, skip_rows=1
        ),
        parse_options=pacsv.ParseOptions(delimiter=sniff_delimiter(header), quote_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table, np.arange(table.num_rows, dtype=np.int64) + 2


def _read_records(path: Path, report: ValidationReport, name: str) -> tuple[pa.Table, np.ndarray]:
    records = csv_records(path, comments=False)
    header = next(records, None)
    if header is None:
        report.error(name, None, None, "the file is empty (no header line)")
        raise RegisterImportError(report)
    names = [c.strip() for c in header.cells]
    seen: set[str] = set()
    for c in names:
        if c in seen:
            report.error(name, header.line, c, "the header names this column twice")
        seen.add(c)
    if not report.ok:
        raise RegisterImportError(report)
    width = len(names)
    chunks: list[list[pa.Array]] = [[] for _ in names]
    lines: list[int] = []
    widths_reported = 0
    for rows, row_lines in _chunks(records):
        for k, cells in enumerate(rows):
            if len(cells) != width:
                if widths_reported < MAX_WIDTH_PROBLEMS:
                    report.error(
                        name,
                        row_lines[k],
                        None,
                        f"{len(cells)} cells but the header has {width} "
                        "(a separator too many or too few?)",
                    )
                widths_reported += 1
                rows[k] = (cells + [""] * width)[:width]
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        for i, column in enumerate(columns):
            chunks[i].append(pa.array(column, pa.string()))
        lines.extend(row_lines)
    if widths_reported > MAX_WIDTH_PROBLEMS:
        report.error(
            name,
            None,
            None,
            f"{widths_reported - MAX_WIDTH_PROBLEMS} more lines with the wrong number of cells",
        )
    table = pa.table({c: pa.chunked_array(chunks[i], pa.string()) for i, c in enumerate(names)})
    return table, np.asarray(lines, dtype=np.int64)


def _chunks(records: Iterator[CsvRecord]) -> Iterator[tuple[list[list[str]], list[int]]]:
    rows: list[list[str]] = []
    row_lines: list[int] = []
    for record in records:
        rows.append(record.cells)
        row_lines.append(record.line)
        if len(rows) == _CHUNK_ROWS:
            yield rows, row_lines
            rows, row_lines = [], []
    if rows:
        yield rows, row_lines
