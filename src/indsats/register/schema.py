"""The canonical long format of the weekly benefit register, and the validation report.

One row per person per ISO week **with** a benefit; a week without a row is a week of
self-support (selvforsørgelse). A person has at most one benefit per week. See docs/register.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from indsats.domain.ydelser import Ydelse

SELVFORSOERGELSE = "selvforsoergelse"  # the state "no benefit this week" in flows and outcomes

SCHEMA = pa.schema(
    [
        pa.field("person_id", pa.int64(), nullable=False),
        pa.field("week_index", pa.int32(), nullable=False),
        pa.field("iso_year", pa.int32(), nullable=False),
        pa.field("iso_week", pa.int32(), nullable=False),
        pa.field("ydelse", pa.string(), nullable=False),
        pa.field("kommune", pa.int32(), nullable=False),
        pa.field("birth_year", pa.int32()),
        pa.field("sex", pa.string()),  # "M" or "K"
        pa.field("origin", pa.string()),  # "dansk", "indvandrer", "efterkommer"
    ]
)
REQUIRED = ("person_id", "ydelse", "kommune")
OPTIONAL = ("birth_year", "sex", "origin")
YDELSE_CODES = frozenset(y.value for y in Ydelse)
SEXES = frozenset({"M", "K"})
ORIGINS = frozenset({"dansk", "indvandrer", "efterkommer"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad line (or cell) of an input file."""

    file: str
    line: int | None  # 1-based line in a text file (header = line 1); row + 1 for Parquet
    field: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field!r}"
        shown = f" (value {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{shown}"


@dataclass(slots=True)
class ValidationReport:
    """Every problem found in an import. Errors stop the import; warnings are kept and shown."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_written: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(
        self, file: str, line: int | None, field: str | None, message: str, value: str | None = None
    ) -> None:
        self.errors.append(Problem(file, line, field, message, value))

    def warn(
        self, file: str, line: int | None, field: str | None, message: str, value: str | None = None
    ) -> None:
        self.warnings.append(Problem(file, line, field, message, value))

    def summary(self, limit: int = 20) -> str:
        lines = [
            f"{self.rows_read} rows read, {self.rows_written} written, "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings"
        ]
        for kind, items in (("error", self.errors), ("warning", self.warnings)):
            lines += [f"  {kind}: {p}" for p in items[:limit]]
            if len(items) > limit:
                lines.append(f"  ... and {len(items) - limit} more {kind}s")
        return "\n".join(lines)


class RegisterImportError(ValueError):
    """An import found errors; nothing was written. `.report` lists every problem."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__(report.summary())


def empty_table() -> pa.Table:
    return SCHEMA.empty_table()
