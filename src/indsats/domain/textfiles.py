"""Reading the text files people hand the product: CSV exports from Excel, Statistics Denmark or
STAR, and hand-typed tables.

One place decides what a readable text file is, so every importer answers bad input the same way:

- **Encodings** that Danish offices produce are read: UTF-8 (with or without a byte order mark),
  UTF-16 with a byte order mark (Excel's "Unicode text") and, when the bytes are not UTF-8,
  Windows-1252 (Excel's "CSV (semikolonsepareret)" on a Danish Windows). The encoding used is
  reported, so a caller can say "read as Windows-1252".
- **Binary files** (a NUL byte or control characters where text should be) are refused with the
  line of the first such byte.
- **Line numbers** are the ones an editor shows: blank lines and comment lines count.
- **CSV quoting** errors (a quote that is never closed, text after a closing quote) name the line
  where the record starts.

Everything is streamed, so a file of any size is read in bounded memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

UTF8 = "utf-8"
UTF16 = "utf-16"
WINDOWS_1252 = "cp1252"

ENCODING_NAMES = {UTF8: "UTF-8", UTF16: "UTF-16", WINDOWS_1252: "Windows-1252"}

_SNIFF_BYTES = 1 << 16
_CHUNK = 1 << 20
# Control characters that never occur in a text file (tab, LF, form feed and CR do).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


class InputFileError(ValueError):
    """A file that cannot be read as the text it should be. The message names the file and, where
    it is known, the line."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = self.path.name if line is None else f"{self.path.name} line {line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One CSV record with the (1-based) line it starts on."""

    line: int
    cells: list[str]


def detect_encoding(path: Path | str) -> str:
    """The encoding to read `path` with (UTF8, UTF16 or WINDOWS_1252); raises InputFileError for
    a missing, empty-of-text or binary file."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder, not a file") from None
    with handle:
        head = handle.read(_SNIFF_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _validate(path, handle, head, UTF16)
            return UTF16
        _refuse_binary(path, head)
        if _is_utf8(handle, head, path):
            return UTF8
        handle.seek(0)
        _validate(path, handle, handle.read(_SNIFF_BYTES), WINDOWS_1252)
        return WINDOWS_1252


def _is_utf8(handle: io.BufferedReader, head: bytes, path: Path) -> bool:
    decoder = codecs.getincrementaldecoder(UTF8)()
    chunk = head
    lines = 0
    try:
        while chunk:
            decoder.decode(chunk)
            lines += chunk.count(b"\n")
            chunk = handle.read(_CHUNK)
            if chunk:
                _refuse_binary(path, chunk, first_line=lines + 1)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _validate(path: Path, handle: io.BufferedReader, head: bytes, encoding: str) -> None:
    """Decode the whole file once, so a broken byte is reported with its line before any row is
    read (a half-read import is never what a user wants)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    chunk = head
    what = "UTF-8 or Windows-1252" if encoding == WINDOWS_1252 else ENCODING_NAMES[encoding]
    while True:
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            at = lines + 1 + _lines_before(chunk[: exc.start], encoding)
            raise InputFileError(
                path, f"not {what} text; save it as CSV in UTF-8", line=at
            ) from None
        _refuse_binary(path, text.encode("utf-8"), first_line=lines + 1)
        lines += text.count("\n")
        if not chunk:
            return
        chunk = handle.read(_CHUNK)


def _lines_before(data: bytes, encoding: str) -> int:
    """Line breaks in the good bytes before a decoding error (for the error's line number)."""
    return data.decode(encoding, errors="replace").count("\n")


def _refuse_binary(path: Path, data: bytes, *, first_line: int = 1) -> None:
    found = _BINARY.search(data)
    if found is not None:
        raise InputFileError(
            path,
            f"not a text file (byte 0x{data[found.start()]:02x} cannot occur in text); "
            "save it as CSV in UTF-8",
            line=first_line + data.count(b"\n", 0, found.start()),
        )


def open_text(path: Path | str) -> tuple[io.TextIOWrapper, str]:
    """Open `path` for reading text in the encoding `detect_encoding` finds. Returns the open file
    (newline="" as the csv module wants) and the encoding."""
    path = Path(path)
    encoding = detect_encoding(path)
    codec = "utf-8-sig" if encoding == UTF8 else encoding
    return path.open(encoding=codec, newline=""), encoding


def read_text(path: Path | str) -> str:
    """The whole text of a small file (a YAML or JSON input), decoded as `open_text` decodes."""
    handle, _ = open_text(path)
    with handle:
        return handle.read()


def text_lines(path: Path | str) -> Iterator[tuple[int, str]]:
    """(line number, text without the line break) for every line of a text file, streamed."""
    handle, _ = open_text(path)
    with handle:
        for no, line in enumerate(handle, 1):
            yield no, line.rstrip("\r\n")


def first_record_line(path: Path | str, *, comments: bool = True) -> str | None:
    """The first line that is not blank (nor, with `comments`, a ``#`` comment), or None."""
    for _, text in text_lines(path):
        stripped = text.strip()
        if stripped and not (comments and stripped.startswith("#")):
            return text
    return None


def sniff_delimiter(header: str) -> str:
    """The separator of a CSV file from its header line: ``;`` (Danish Excel), tab, or ``,``."""
    if ";" in header:
        return ";"
    if "\t" in header:
        return "\t"
    return ","


def csv_records(
    path: Path | str,
    *,
    delimiter: str | None = None,
    comments: bool = True,
) -> Iterator[CsvRecord]:
    """The records of a CSV file, streamed, each with the line it starts on.

    Blank lines are skipped (but counted); with `comments`, so are lines starting with ``#``.
    The separator is `delimiter`, or sniffed from the first record's line. A quoting error raises
    InputFileError naming the line where the record starts.
    """
    path = Path(path)
    consumed: list[int] = []
    state = {"delimiter": delimiter}

    def lines() -> Iterator[str]:
        for no, text in text_lines(path):
            stripped = text.strip()
            # Outside a quoted cell, blank and comment lines are not records.
            if not consumed and (not stripped or (comments and stripped.startswith("#"))):
                continue
            if state["delimiter"] is None:
                state["delimiter"] = sniff_delimiter(text)
            consumed.append(no)
            yield text + "\n"

    source = lines()
    reader: Iterator[list[str]] | None = None
    while True:
        consumed.clear()
        try:
            if reader is None:
                first = next(source)
                reader = csv.reader(
                    _chain(first, source), delimiter=state["delimiter"] or ",", strict=True
                )
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = consumed[0] if consumed else None
            raise InputFileError(path, _csv_message(str(exc)), line=start) from None
        yield CsvRecord(consumed[0], cells)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_message(error: str) -> str:
    if "unexpected end of data" in error:
        return 'a quote (") opened on this line is never closed'
    if "expected after" in error:
        return 'text follows a closing quote (") in a cell; write "" for a quote inside a cell'
    if "field larger than field limit" in error:
        return "a cell is longer than 131,072 characters (is a quote left open?)"
    return f"not valid CSV ({error})"
