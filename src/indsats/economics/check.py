"""Check a hand-typed budget table: recompute every total, difference and count × unit price.

The table is a CSV file (docs/economics.md, "Checking budget tables"): the first column is the
row label (post), an optional column named ``type`` says what a row is, and every other column is
an amount column (usually a year). Lines starting with ``#`` are comments. The separator is ``;``
(or a tab) when the header line has one, else ``,``; the separator decides how numbers are
written (`indsats.economics.numbers.NumberStyle`): Danish (``-1.234,5``) in a ``;``-separated
file, plain (``-1234.5``) in a ``,``-separated one.

**With a type column**, the words in the ``type`` cell (separated by spaces or ``+``) say what
each row is:

============  ==============================================================================
(empty)       an amount row (also ``beloeb``); counted in sums
``minus``     an amount row subtracted in sums (e.g. "effekt – reduktion")
``sum``       must equal the sum of the amount rows since the previous ``sum`` row
``total``     must equal the sum of all amount rows above it
``antal``     a count (not an amount unless ``beloeb``/``minus`` is also given)
``pris``      a unit price (not an amount)
``produkt``   must equal antal × pris (the nearest ``antal`` and ``pris`` rows above), times an
              optional factor written ``produkt*F``, e.g. ``produkt*-0,001`` for a saving shown
              negative in 1.000 kr.; a ``produkt`` row is also an amount row
``tekst``     ignored
============  ==============================================================================

Empty cells count as 0 in sums; an empty ``sum``/``total``/``produkt`` cell is not checked. A
``produkt`` cell whose count or price cell is empty is an error (missing price). Typed tables are
checked as they are read, so a file of any size is checked in bounded memory.

**Without a type column** the check looks for the table's arithmetic itself (`find_relations`):
a row that, in most of its columns, is the sum of a run of rows above it, the difference of two
rows above it, or the product of two rows above it with a scale (× 1, × 0,001 for 1.000 kr., ×
0,000001 for mio. kr., × 0,01 for a percentage, each also negated). Such a row is a *relation*
when it holds (with a non-zero result) in at least three columns, or two for a row labelled as a
total, and in more columns than it breaks; the columns where it does not hold are the cells that
break the pattern. A row whose label
starts with "I alt", "Total", "Samlet" or "Sum" and that fits no relation is checked as a sum of
the rows since the previous sum. When no relation is found, the result says so
(`TabelKontrol.relation_found` is False): nothing was checked, which is not a pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from indsats.domain.textfiles import (
    ENCODING_NAMES,
    UTF8,
    CsvRecord,
    InputFileError,
    csv_records,
    detect_encoding,
    first_record_line,
    sniff_delimiter,
)
from indsats.economics.numbers import EconomicsInputError, NumberStyle, parse_optional

_TOTAL_LABEL = re.compile(r"^\s*(i\s+alt|total|samlet|sum)\b", re.IGNORECASE)
_KNOWN = {"beloeb", "minus", "sum", "total", "antal", "pris", "produkt", "tekst"}

# Inferring relations looks at pairs of rows; beyond this many rows a table must say its row
# types in a type column (budget tables in plans and committee papers have tens of rows).
MAX_ROWS_WITHOUT_TYPE = 500
# Operands of a difference or product are looked for among this many rows above the result.
_PAIR_WINDOW = 12
_SCALES = tuple(
    Decimal(s)
    for s in ("1", "-1", "0.001", "-0.001", "0.000001", "-0.000001", "0.01", "-0.01", "1000")
)


@dataclass(frozen=True, slots=True)
class Afvigelse:
    """One cell that does not add up."""

    linje: int  # line in the file (1-based, comments and blank lines counted)
    kolonne: str  # the column header, e.g. "2021"
    post: str  # the row label
    regel: str  # "sum", "total", "produkt" or "forskel"
    oplyst: Decimal
    forventet: Decimal
    relation: str = ""  # the relation, e.g. "linje 3 = linje 1 − linje 2" (inferred tables)

    @property
    def forskel(self) -> Decimal:
        return self.oplyst - self.forventet


@dataclass(frozen=True, slots=True)
class Relation:
    """A row found to be computed from other rows (tables without a type column)."""

    linje: int
    post: str
    regel: str  # "sum", "forskel" or "produkt"
    beskrivelse: str  # "linje 7 = summen af linje 2-6"
    holder: int  # columns where it holds (non-zero result)
    brudt: int  # columns where it does not


@dataclass(frozen=True, slots=True)
class TabelKontrol:
    fil: str
    kolonner: tuple[str, ...]
    kontrollerede_celler: int
    afvigelser: tuple[Afvigelse, ...]
    typed: bool = True  # the table has a type column
    relationer: tuple[Relation, ...] = ()
    encoding: str = UTF8

    @property
    def relation_found(self) -> bool:
        """Whether anything was checked: a typed table always, an untyped one when a relation
        between its rows was found."""
        return self.kontrollerede_celler > 0

    @property
    def ok(self) -> bool:
        return not self.afvigelser


@dataclass
class _Row:
    linje: int
    post: str
    flags: set[str]
    faktor: Decimal
    values: list[Decimal | None]
    ref: str = ""  # how a relation names the row: "linje 4", or «I alt» in a shown table

    @property
    def navn(self) -> str:
        return self.ref or f"linje {self.linje}"

    @property
    def is_amount(self) -> bool:
        return bool(self.flags & {"beloeb", "minus", "produkt"}) or not (
            self.flags & {"sum", "total", "antal", "pris", "tekst"}
        )

    @property
    def sign(self) -> int:
        return -1 if "minus" in self.flags else 1


@dataclass
class _Table:
    name: str
    columns: tuple[str, ...]
    typed: bool
    rows: Iterator[_Row]
    encoding: str = UTF8


def _parse_type(text: str, where: str, style: NumberStyle) -> tuple[set[str], Decimal]:
    flags: set[str] = set()
    faktor = Decimal(1)
    for word in filter(None, re.split(r"[\s+]+", text.strip().lower())):
        if word.startswith("produkt"):
            rest = word[len("produkt") :]
            if rest:
                if rest[0] not in "*×x":
                    raise EconomicsInputError(f"{where}: write a factor as produkt*F, not {word!r}")
                faktor = _require(
                    parse_optional(rest[1:], where=f"{where} (factor)", style=style),
                    f"{where} (factor)",
                )
            flags.add("produkt")
            continue
        word = {"beløb": "beloeb", "beloeb": "beloeb"}.get(word, word)
        if word not in _KNOWN:
            raise EconomicsInputError(
                f"{where}: unknown row type {word!r}; known: {', '.join(sorted(_KNOWN))}"
            )
        flags.add(word)
    return flags, faktor


def _require(value: Decimal | None, where: str) -> Decimal:
    if value is None:
        raise EconomicsInputError(f"{where}: missing number")
    return value


def _table(
    name: str,
    records: Iterable[CsvRecord],
    *,
    style: NumberStyle,
    encoding: str = UTF8,
) -> _Table:
    """Parse the records of a table (header first) into rows, lazily."""
    it = iter(records)
    try:
        first = next(it)
    except StopIteration:
        raise EconomicsInputError(f"{name}: needs a header line and at least one row") from None
    header = [h.strip() for h in first.cells]
    type_col = next((i for i, h in enumerate(header) if h.lower() == "type"), None)
    value_cols = [i for i in range(1, len(header)) if i != type_col]
    if not value_cols:
        raise EconomicsInputError(f"{name} line {first.line}: no amount columns")
    columns = tuple(header[i] for i in value_cols)

    def rows() -> Iterator[_Row]:
        seen = False
        for record in it:
            no, cells = record.line, record.cells
            if len(cells) > len(header):
                raise EconomicsInputError(
                    f"{name} line {no}: {len(cells)} cells but the header has {len(header)}"
                )
            cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
            seen = True
            label = cells[0]
            if type_col is not None:
                flags, faktor = _parse_type(
                    cells[type_col], f"{name} line {no}, column type", style
                )
            else:
                flags, faktor = set(), Decimal(1)
            if "tekst" in flags:
                continue
            values = [
                parse_optional(cells[i], where=f"{name} line {no}, column {header[i]}", style=style)
                for i in value_cols
            ]
            yield _Row(no, label, flags, faktor, values)
        if not seen:
            raise EconomicsInputError(f"{name}: needs a header line and at least one row")

    return _Table(name, columns, type_col is not None, rows(), encoding)


def read_table(path: Path | str) -> tuple[tuple[str, ...], list[_Row]]:
    """The columns and rows of a budget table file (all rows in memory; for small tables)."""
    table = _open_table(Path(path))
    return table.columns, list(table.rows)


def _open_table(path: Path) -> _Table:
    try:
        encoding = detect_encoding(path)
        header = first_record_line(path)
    except InputFileError as exc:
        raise EconomicsInputError(str(exc)) from None
    if header is None:
        raise EconomicsInputError(f"{path.name}: needs a header line and at least one row")
    delimiter = sniff_delimiter(header)
    records = _guarded(csv_records(path, delimiter=delimiter))
    return _table(path.name, records, style=NumberStyle.for_delimiter(delimiter), encoding=encoding)


def _guarded(records: Iterator[CsvRecord]) -> Iterator[CsvRecord]:
    try:
        yield from records
    except InputFileError as exc:
        raise EconomicsInputError(str(exc)) from None


def check_table(path: Path | str, *, tolerance: Decimal = Decimal(0)) -> TabelKontrol:
    """Recompute every sum, total, difference and product of a budget table file; list the cells
    that differ."""
    return _check(_open_table(Path(path)), tolerance=tolerance)


def check_rows(
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str | Decimal | int | None]],
    *,
    tolerance: Decimal = Decimal(0),
    style: NumberStyle = NumberStyle.ANY,
) -> TabelKontrol:
    """Check a table held in memory (e.g. a table in an agenda item before it is published):
    `header` as in a file (label, optional ``type``, amount columns), `rows` of cells. Line
    numbers in the result are the row's position counted from the header as line 1."""
    records = [CsvRecord(1, [str(h) for h in header])] + [
        CsvRecord(i, ["" if c is None else str(c) for c in row]) for i, row in enumerate(rows, 2)
    ]
    return _check(_table(name, records, style=style), tolerance=tolerance)


def _check(table: _Table, *, tolerance: Decimal) -> TabelKontrol:
    if table.typed:
        checked, afvigelser = _check_typed(table, tolerance)
        return TabelKontrol(
            table.name, table.columns, checked, tuple(afvigelser), True, (), table.encoding
        )
    rows = []
    for row in table.rows:
        rows.append(row)
        if len(rows) > MAX_ROWS_WITHOUT_TYPE:
            raise EconomicsInputError(
                f"{table.name}: more than {MAX_ROWS_WITHOUT_TYPE} rows and no type column; "
                "add a type column saying which rows are sums and products (docs/economics.md)"
            )
    relationer, checked, afvigelser = find_relations(rows, table.columns, tolerance=tolerance)
    return TabelKontrol(
        table.name,
        table.columns,
        checked,
        tuple(afvigelser),
        False,
        tuple(relationer),
        table.encoding,
    )


def _check_typed(table: _Table, tolerance: Decimal) -> tuple[int, list[Afvigelse]]:
    columns = table.columns
    n = len(columns)
    afvigelser: list[Afvigelse] = []
    checked = 0
    # Running sums instead of row lists: memory does not grow with the table.
    block = [Decimal(0)] * n  # amount rows since the last sum row
    above = [Decimal(0)] * n  # all amount rows
    antal: _Row | None = None
    pris: _Row | None = None
    for row in table.rows:
        if "antal" in row.flags:
            for c, value in enumerate(row.values):
                if value is not None and value < 0:
                    raise EconomicsInputError(
                        f"{table.name} line {row.linje}, column {columns[c]}: a count cannot be "
                        f"negative ({value}); write a reduction as a 'minus antal' row"
                    )
        rule = next((r for r in ("sum", "total", "produkt") if r in row.flags), None)
        for c, col in enumerate(columns):
            stated = row.values[c]
            if rule is None or stated is None:
                continue
            if rule == "produkt":
                where = f"{table.name} line {row.linje}, column {col}"
                if antal is None or pris is None:
                    raise EconomicsInputError(
                        f"{where}: a produkt row needs an 'antal' row and a 'pris' row above it"
                    )
                count, price = antal.values[c], pris.values[c]
                if price is None:
                    raise EconomicsInputError(
                        f"{where}: missing price (line {pris.linje} has no value in {col})"
                    )
                if count is None:
                    raise EconomicsInputError(
                        f"{where}: missing count (line {antal.linje} has no value in {col})"
                    )
                expected = count * price * row.faktor
            elif rule == "sum":
                expected = block[c]
            else:
                expected = above[c]
            checked += 1
            if abs(stated - expected) > tolerance:
                afvigelser.append(Afvigelse(row.linje, col, row.post, rule, stated, expected))
        if "antal" in row.flags:
            antal = row
        if "pris" in row.flags:
            pris = row
        if row.is_amount:
            for c in range(n):
                v = row.sign * (row.values[c] or 0)
                block[c] += v
                above[c] += v
        if "sum" in row.flags:
            block = [Decimal(0)] * n
    return checked, afvigelser


# Relations in a table without a type column ------------------------------------------------------


@dataclass
class _Candidate:
    regel: str
    beskrivelse: str
    expected: list[Decimal | None]  # per column; None where it cannot be computed
    rounding: list[Decimal] = field(default_factory=list)  # allowed difference per column
    rank: int = 0  # lower is simpler: sums before differences before products


def _unit(value: Decimal) -> Decimal:
    """Half a unit of the last digit a stated value is written with (rounding of a product)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent) / 2


def _lines(rows: Sequence[_Row]) -> str:
    if rows[0].ref:
        return ", ".join(r.navn for r in rows)
    first, last = rows[0].linje, rows[-1].linje
    return f"linje {first}-{last}" if first != last else f"linje {first}"


def _candidates(rows: list[_Row], t: int, n: int, sums: set[int]) -> Iterator[_Candidate]:
    target = rows[t]
    # Sums of a run of rows directly above, with and without rows already found to be sums.
    for i in range(t - 2, -1, -1):
        run = rows[i:t]
        for skip_sums in (False, True):
            members = [r for k, r in enumerate(run, i) if not (skip_sums and k in sums)]
            if len(members) < 2 or (skip_sums and len(members) == len(run)):
                continue
            expected: list[Decimal | None] = []
            for c in range(n):
                present = [v for r in members if (v := r.values[c]) is not None]
                expected.append(sum(present, Decimal(0)) if present else None)
            label = f"summen af {_lines(run)}" + (" (uden delsummer)" if skip_sums else "")
            yield _Candidate("sum", f"{target.navn} = {label}", expected, rank=0)
    window = range(max(0, t - _PAIR_WINDOW), t)
    for a in window:
        for b in window:
            if a == b:
                continue
            ra, rb = rows[a], rows[b]
            diff: list[Decimal | None] = [
                None if x is None or y is None else x - y
                for x, y in zip(ra.values, rb.values, strict=True)
            ]
            yield _Candidate(
                "forskel",
                f"{target.navn} = {ra.navn} − {rb.navn}",
                diff,
                rank=1,
            )
            if a > b:
                continue
            for scale in _SCALES:
                prod: list[Decimal | None] = [
                    None if x is None or y is None else x * y * scale
                    for x, y in zip(ra.values, rb.values, strict=True)
                ]
                factor = "" if scale == 1 else f" × {_format(scale)}"
                yield _Candidate(
                    "produkt",
                    f"{target.navn} = {ra.navn} × {rb.navn}{factor}",
                    prod,
                    rank=2,
                )


def _format(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace("-", "−").replace(".", ",")


def find_relations(
    rows: list[_Row], columns: Sequence[str], *, tolerance: Decimal = Decimal(0)
) -> tuple[list[Relation], int, list[Afvigelse]]:
    """The relations between the rows of an untyped table, the number of cells they check, and
    the cells that break them (module text)."""
    n = len(columns)
    relationer: list[Relation] = []
    afvigelser: list[Afvigelse] = []
    checked = 0
    sums: set[int] = set()
    last_sum = -1
    for t, target in enumerate(rows):
        stated_cols = [c for c in range(n) if target.values[c] is not None]
        if not stated_cols:
            continue
        # A row labelled as a total needs two columns of evidence; any other row three, since
        # small tables of round figures hold coincidences (-600 - -300 = -300).
        needed = 2 if _TOTAL_LABEL.match(target.post) else 3
        best: tuple[int, int, int, _Candidate] | None = None
        for cand in _candidates(rows, t, n, sums):
            holds = breaks = 0
            for c in stated_cols:
                expected = cand.expected[c]
                stated = target.values[c]
                assert stated is not None
                if expected is None:
                    continue
                allowed = tolerance + (_unit(stated) if cand.regel == "produkt" else 0)
                if abs(stated - expected) <= allowed:
                    holds += stated != 0
                else:
                    breaks += 1
            if holds < needed or holds <= breaks:
                continue
            key = (-holds, breaks, cand.rank)
            if best is None or key < best[:3]:
                best = (*key, cand)
        if best is None and _TOTAL_LABEL.match(target.post) and t > 0:
            # A row labelled as a total is the sum of the rows since the previous sum row.
            run = rows[last_sum + 1 : t] or rows[:t]
            expected_sum: list[Decimal | None] = [
                sum((r.values[c] or Decimal(0) for r in run), Decimal(0)) for c in range(n)
            ]
            cand = _Candidate("sum", f"{target.navn} = summen af {_lines(run)}", expected_sum)
            best = (0, 0, 0, cand)
        if best is None:
            continue
        cand = best[3]
        holds = breaks = 0
        for c in stated_cols:
            expected = cand.expected[c]
            stated = target.values[c]
            assert stated is not None
            if expected is None:
                continue
            checked += 1
            allowed = tolerance + (_unit(stated) if cand.regel == "produkt" else 0)
            if abs(stated - expected) <= allowed:
                holds += 1
            else:
                breaks += 1
                afvigelser.append(
                    Afvigelse(
                        target.linje,
                        columns[c],
                        target.post,
                        cand.regel,
                        stated,
                        expected,
                        cand.beskrivelse,
                    )
                )
        relationer.append(
            Relation(target.linje, target.post, cand.regel, cand.beskrivelse, holds, breaks)
        )
        if cand.regel == "sum":
            sums.add(t)
            last_sum = t
    return relationer, checked, afvigelser


def encoding_name(encoding: str) -> str:
    return ENCODING_NAMES.get(encoding, encoding)


def check_display_table(
    name: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    tolerance: Decimal = Decimal(0),
) -> TabelKontrol:
    """Check a table as it is shown (Danish-formatted text, e.g. an `economics.report.Tabel` in
    an agenda item): the first column is the label; only the columns whose every non-empty cell
    is a Danish number are checked (text, shares with "%" and "<5" cells leave a column out).

    Relations are looked for between rows («I alt» = the sum of the rows above) and between
    columns («Netto» = «Besparelse» − «Udgift»), and named by their labels."""
    numeric = [
        i
        for i in range(1, len(columns))
        if any(_is_number(r[i]) for r in rows if i < len(r))
        and all(_is_number(r[i]) or not _cell(r[i]) for r in rows if i < len(r))
    ]
    if not numeric or not rows:
        return TabelKontrol(name, (), 0, (), False)

    def value(r: Sequence[str], i: int) -> Decimal | None:
        return parse_optional(_cell(r[i]), style=NumberStyle.DANISH) if i < len(r) else None

    labels = [str(r[0]) for r in rows]
    by_row = [
        _Row(
            no,
            labels[no - 2],
            set(),
            Decimal(1),
            [value(r, i) for i in numeric],
            f"«{labels[no - 2]}»",
        )
        for no, r in enumerate(rows, 2)
    ]
    by_column = [
        _Row(k, columns[i], set(), Decimal(1), [value(r, i) for r in rows], f"«{columns[i]}»")
        for k, i in enumerate(numeric, 2)
    ]
    relationer: list[Relation] = []
    afvigelser: list[Afvigelse] = []
    checked = 0
    for found_rows, table_columns in (
        (by_row, [columns[i] for i in numeric]),
        (by_column, labels),
    ):
        rel, n, afv = find_relations(found_rows, table_columns, tolerance=tolerance)
        relationer += rel
        afvigelser += afv
        checked += n
    return TabelKontrol(
        name,
        tuple(columns[i] for i in numeric),
        checked,
        tuple(afvigelser),
        False,
        tuple(relationer),
    )


def _cell(text: str) -> str:
    return text.strip().replace("\u2013", "").replace("–", "")


def _is_number(text: str) -> bool:
    cell = _cell(text)
    if not cell:
        return False
    try:
        parse_optional(cell, style=NumberStyle.DANISH)
    except EconomicsInputError:
        return False
    return True
