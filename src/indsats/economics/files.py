"""Reading the economics inputs people type or export (budget, monthly figures, price lists,
refusion splits): `;`-separated CSV with a header line, `#` comment lines, any of the encodings
`indsats.domain.textfiles` reads, errors naming the file, line and column."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from indsats.domain.textfiles import InputFileError, csv_records
from indsats.economics.numbers import EconomicsInputError


def csv_dict_rows(
    path: Path | str, needed: Sequence[str], *, what: str = "file"
) -> Iterator[tuple[str, int, dict[str, str]]]:
    """(file name, line, {column: stripped cell}) for each data row of a `;`-separated file whose
    header has every column in `needed`. Raises EconomicsInputError naming file and line."""
    path = Path(path)
    try:
        records = csv_records(path, delimiter=";")
        header_record = next(records, None)
        if header_record is None:
            raise EconomicsInputError(f"{path.name}: empty {what}")
        header = [h.strip() for h in header_record.cells]
        missing = [c for c in needed if c not in header]
        if missing:
            raise EconomicsInputError(
                f"{path.name} line {header_record.line}: missing column(s) {', '.join(missing)}"
                f" (the header has: {'; '.join(header)}; columns are separated by ';')"
            )
        for record in records:
            if len(record.cells) > len(header):
                raise EconomicsInputError(
                    f"{path.name} line {record.line}: {len(record.cells)} cells but the header "
                    f"has {len(header)}"
                )
            # A short row (hand-typed files leave out trailing empty cells) reads as empty cells,
            # so a required column says it is empty on this line.
            cells = [c.strip() for c in record.cells] + [""] * (len(header) - len(record.cells))
            yield path.name, record.line, dict(zip(header, cells, strict=True))
    except InputFileError as exc:
        raise EconomicsInputError(str(exc)) from None
