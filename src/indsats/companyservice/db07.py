"""Dansk Branchekode 2007 (DB07): codes, sections and the 10-group standard grouping.

A DB07 code is 2 (hovedgruppe), 3 (gruppe), 4 (undergruppe) or 6 digits (branche); the first two
digits decide the section and the 10-group. Data and sources: data/db07_*.csv, data/PROVENANCE.md.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_CODE = re.compile(r"^\d{2}(\d{1,2}|\d{4})?$")
UOPLYST = "Uoplyst branche"


class InvalidDb07(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Sektion:
    bogstav: str
    fra: int
    til: int
    navn: str
    gruppe10: int
    gruppe10_navn: str


@dataclass(frozen=True, slots=True)
class Branchegruppe:
    """One of the ten standard groups."""

    nr: int
    navn: str


@cache
def sektioner() -> tuple[Sektion, ...]:
    text = files("indsats.companyservice").joinpath("data/db07_sektioner.csv").read_text("utf-8")
    return tuple(
        Sektion(
            r["sektion"],
            int(r["fra"]),
            int(r["til"]),
            r["navn"],
            int(r["gruppe10"]),
            r["gruppe10_navn"],
        )
        for r in csv.DictReader(text.splitlines())
    )


@cache
def hovedgruppe_navne() -> dict[str, str]:
    text = files("indsats.companyservice").joinpath("data/db07_hovedgrupper.csv").read_text("utf-8")
    return {r["kode"]: r["navn"] for r in csv.DictReader(text.splitlines())}


@cache
def grupper10() -> tuple[Branchegruppe, ...]:
    seen: dict[int, str] = {}
    for s in sektioner():
        seen.setdefault(s.gruppe10, s.gruppe10_navn)
    return tuple(Branchegruppe(nr, navn) for nr, navn in sorted(seen.items()))


def db07_parse(value: str) -> str:
    """A DB07 code as digits ("47.11" and "4711" both give "4711"); `InvalidDb07` otherwise."""
    digits = re.sub(r"[\s.]", "", str(value or ""))
    if not _CODE.match(digits):
        raise InvalidDb07("En DB07-branchekode har 2, 3, 4 eller 6 cifre, fx 47 eller 47.11.")
    if sektion_for(digits) is None:
        raise InvalidDb07("Branchekoden findes ikke i DB07 (ukendt hovedgruppe).")
    return digits


def sektion_for(code: str) -> Sektion | None:
    digits = re.sub(r"\D", "", str(code or ""))
    if len(digits) < 2:
        return None
    two = int(digits[:2])
    for s in sektioner():
        if s.fra <= two <= s.til:
            return s
    return None


def gruppe10_for(code: str) -> Branchegruppe | None:
    s = sektion_for(code)
    return Branchegruppe(s.gruppe10, s.gruppe10_navn) if s else None


def hovedgruppe(code: str) -> str:
    """The 2-digit hovedgruppe of a code ('' when too short)."""
    digits = re.sub(r"\D", "", str(code or ""))
    return digits[:2] if len(digits) >= 2 else ""


def branche_navn(code: str) -> str:
    """A readable name: the hovedgruppe title if known, else the section title."""
    two = hovedgruppe(code)
    if two in hovedgruppe_navne():
        return hovedgruppe_navne()[two]
    s = sektion_for(code)
    return s.navn if s else UOPLYST


def same_hovedgruppe(a: str, b: str) -> bool:
    return bool(hovedgruppe(a)) and hovedgruppe(a) == hovedgruppe(b)


def same_gruppe10(a: str, b: str) -> bool:
    ga, gb = gruppe10_for(a), gruppe10_for(b)
    return ga is not None and ga == gb
