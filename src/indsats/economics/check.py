"""Check a hand-typed budget table: recompute every total and every count × unit price product.

The table is a CSV file (docs/economics.md, "Checking budget tables"): the first column is the
row label (post), an optional column named ``type`` says what a row is, and every other column is
an amount column (usually a year). Lines starting with ``#`` are comments. The separator is ``;``
when the header line has one, else ``,``. Numbers may be Danish (``-1.234,5``) or plain
(``-1234.5``).

Row types (words in the ``type`` cell, separated by spaces or ``+``):

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

Without a ``type`` column, a row whose label starts with "I alt", "Total", "Samlet" or "Sum" is a
``sum`` row and every other row is an amount row.

Empty cells count as 0 in sums; an empty ``sum``/``total``/``produkt`` cell is not checked. A
``produkt`` cell whose count or price cell is empty is an error (missing price).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from indsats.economics.numbers import EconomicsInputError, parse_amount, parse_optional

_TOTAL_LABEL = re.compile(r"^\s*(i\s+alt|total|samlet|sum)\b", re.IGNORECASE)
_KNOWN = {"beloeb", "minus", "sum", "total", "antal", "pris", "produkt", "tekst"}


@dataclass(frozen=True, slots=True)
class Afvigelse:
    """One cell that does not add up."""

    linje: int  # line in the file (1-based, comments counted)
    kolonne: str  # the column header, e.g. "2021"
    post: str  # the row label
    regel: str  # "sum", "total" or "produkt"
    oplyst: Decimal
    forventet: Decimal

    @property
    def forskel(self) -> Decimal:
        return self.oplyst - self.forventet


@dataclass(frozen=True, slots=True)
class TabelKontrol:
    fil: str
    kolonner: tuple[str, ...]
    kontrollerede_celler: int
    afvigelser: tuple[Afvigelse, ...]

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

    @property
    def is_amount(self) -> bool:
        return bool(self.flags & {"beloeb", "minus", "produkt"}) or not (
            self.flags & {"sum", "total", "antal", "pris", "tekst"}
        )

    @property
    def sign(self) -> int:
        return -1 if "minus" in self.flags else 1


def _parse_type(text: str, where: str) -> tuple[set[str], Decimal]:
    flags: set[str] = set()
    faktor = Decimal(1)
    for word in filter(None, re.split(r"[\s+]+", text.strip().lower())):
        if word.startswith("produkt"):
            rest = word[len("produkt") :]
            if rest:
                if rest[0] not in "*×x":
                    raise EconomicsInputError(f"{where}: write a factor as produkt*F, not {word!r}")
                faktor = parse_amount(rest[1:], where=f"{where} (factor)")
            flags.add("produkt")
            continue
        word = {"beløb": "beloeb", "beloeb": "beloeb"}.get(word, word)
        if word not in _KNOWN:
            raise EconomicsInputError(
                f"{where}: unknown row type {word!r}; known: {', '.join(sorted(_KNOWN))}"
            )
        flags.add(word)
    return flags, faktor


def read_table(path: Path | str) -> tuple[tuple[str, ...], list[_Row]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EconomicsInputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise EconomicsInputError(f"{path.name}: not a UTF-8 text file") from None
    lines = [
        (no, line)
        for no, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) < 2:
        raise EconomicsInputError(f"{path.name}: needs a header line and at least one row")
    delimiter = ";" if ";" in lines[0][1] else ","
    parsed = list(csv.reader([line for _, line in lines], delimiter=delimiter))
    header = [h.strip() for h in parsed[0]]
    type_col = next((i for i, h in enumerate(header) if h.lower() == "type"), None)
    value_cols = [i for i in range(1, len(header)) if i != type_col]
    if not value_cols:
        raise EconomicsInputError(f"{path.name} line {lines[0][0]}: no amount columns")
    rows = []
    for (no, _), cells in zip(lines[1:], parsed[1:], strict=True):
        if len(cells) > len(header):
            raise EconomicsInputError(
                f"{path.name} line {no}: {len(cells)} cells but the header has {len(header)}"
            )
        cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
        label = cells[0]
        if type_col is not None:
            flags, faktor = _parse_type(cells[type_col], f"{path.name} line {no}, column type")
        else:
            flags, faktor = ({"sum"} if _TOTAL_LABEL.match(label) else set()), Decimal(1)
        if "tekst" in flags:
            continue
        values = [
            parse_optional(cells[i], where=f"{path.name} line {no}, column {header[i]}")
            for i in value_cols
        ]
        rows.append(_Row(no, label, flags, faktor, values))
    return tuple(header[i] for i in value_cols), rows


def check_table(path: Path | str, *, tolerance: Decimal = Decimal(0)) -> TabelKontrol:
    """Recompute every sum, total and product of a budget table; list the cells that differ."""
    path = Path(path)
    columns, rows = read_table(path)
    afvigelser: list[Afvigelse] = []
    checked = 0
    block: list[_Row] = []
    above: list[_Row] = []
    antal: _Row | None = None
    pris: _Row | None = None

    def total_of(rs: list[_Row], c: int) -> Decimal:
        return sum((r.sign * (r.values[c] or 0) for r in rs), Decimal(0))

    for row in rows:
        rule = next((r for r in ("sum", "total", "produkt") if r in row.flags), None)
        for c, col in enumerate(columns):
            stated = row.values[c]
            if rule is None or stated is None:
                continue
            if rule == "produkt":
                where = f"{path.name} line {row.linje}, column {col}"
                if antal is None or pris is None:
                    raise EconomicsInputError(
                        f"{where}: a produkt row needs an 'antal' row and a 'pris' row above it"
                    )
                n, p = antal.values[c], pris.values[c]
                if p is None:
                    raise EconomicsInputError(
                        f"{where}: missing price (line {pris.linje} has no value in {col})"
                    )
                if n is None:
                    raise EconomicsInputError(
                        f"{where}: missing count (line {antal.linje} has no value in {col})"
                    )
                expected = n * p * row.faktor
            elif rule == "sum":
                expected = total_of(block, c)
            else:
                expected = total_of(above, c)
            checked += 1
            if abs(stated - expected) > tolerance:
                afvigelser.append(Afvigelse(row.linje, col, row.post, rule, stated, expected))
        if "antal" in row.flags:
            antal = row
        if "pris" in row.flags:
            pris = row
        if row.is_amount:
            block.append(row)
            above.append(row)
        if "sum" in row.flags:
            block = []
    return TabelKontrol(path.name, columns, checked, tuple(afvigelser))
