"""Explainable matching of citizens and vacancies.

Every candidate gets points from six components, each with a reason in Danish that the
consultant sees. The total is at most 100:

| component       | max | rule                                                                 |
|-----------------|-----|----------------------------------------------------------------------|
| job target      | 40  | a job target (ABC) in the vacancy's DB07 hovedgruppe or with a title |
|                 |     | word in common (one word inside the other, or the same first 5       |
|                 |     | letters): A 40, B 30, C 20; same 10-group only: half                 |
| experience      | 20  | earlier work/placement in the same hovedgruppe 20, same 10-group 10  |
| competences     | 10  | share of the vacancy's required competences the candidate has x 10   |
| distance        | 15  | same postnummer 15, another known postnummer 5, unknown 0            |
| availability    | 10  | free at the vacancy's start 10; busy (offer, placement) or later 0   |
| target group    | 5   | jobparat (or a-dagpenge) 5, aktivitetsparat 2, other 0               |

A candidate is only proposed with some trade fit (job target, experience or a competence).
Ties are broken by name, then id, so the ranking is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from indsats.companyservice.db07 import branche_navn, same_gruppe10, same_hovedgruppe

MAX_JOBMAAL = 40
JOBMAAL_POINTS = {"A": 40, "B": 30, "C": 20}
MAX_ERFARING = 20
MAX_KOMPETENCER = 10
MAX_AFSTAND = 15
AFSTAND_ANDET_POSTNUMMER = 5
MAX_TILGAENGELIG = 10
MAX_MAALGRUPPE = 5
MAALGRUPPE_POINTS = {"jobparat": 5, "dagpenge": 5, "aktivitetsparat": 2}
MAALGRUPPE_TEKST = {
    "jobparat": "jobparat",
    "aktivitetsparat": "aktivitetsparat",
    "dagpenge": "ledig på a-dagpenge",
}
_WORD = re.compile(r"[a-zæøå]{4,}")


@dataclass(frozen=True, slots=True)
class Jobmaal:
    kategori: str  # "A", "B" or "C"
    stilling: str
    branche: str = ""  # DB07 code, may be empty


@dataclass(frozen=True, slots=True)
class Kandidat:
    id: Hashable
    navn: str
    jobmaal: tuple[Jobmaal, ...] = ()
    erfaring: tuple[str, ...] = ()  # DB07 codes of earlier jobs and placements
    kompetencer: frozenset[str] = frozenset()  # lower-case tags, e.g. "truckcertifikat"
    postnummer: str = ""
    tilgaengelig_fra: date | None = None
    optaget_til: date | None = None  # in an offer or placement until this date
    maalgruppe: str = ""  # "jobparat", "aktivitetsparat", "dagpenge", ...


@dataclass(frozen=True, slots=True)
class Stilling:
    id: Hashable
    titel: str
    db07: str
    postnummer: str = ""
    start: date | None = None
    krav: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Begrundelse:
    komponent: str
    point: int
    tekst: str


@dataclass(slots=True)
class Match:
    kandidat: Kandidat
    stilling: Stilling
    score: int = 0
    begrundelser: list[Begrundelse] = field(default_factory=list)

    @property
    def tekst(self) -> str:
        return ", ".join(b.tekst for b in self.begrundelser)

    @property
    def branchefit(self) -> bool:
        return any(
            b.point > 0 and b.komponent in {"jobmaal", "erfaring", "kompetencer"}
            for b in self.begrundelser
        )


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for cx, cy in zip(x, y, strict=False):
        if cx != cy:
            break
        n += 1
    return n


def _title_match(a: str, b: str) -> bool:
    """A word (4+ letters) of one title inside a word of the other, or two words with the same
    first 5 letters (Danish compounds: "lagerarbejde" ~ "lagermedarbejder")."""
    wa, wb = _words(a), _words(b)
    return any(x in y or y in x or _common_prefix(x, y) >= 5 for x in wa for y in wb)


def _fmt(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def score(kandidat: Kandidat, stilling: Stilling, *, idag: date) -> Match:
    """Score one candidate for one vacancy, with the reasons."""
    m = Match(kandidat, stilling)

    def add(komponent: str, point: int, tekst: str) -> None:
        m.begrundelser.append(Begrundelse(komponent, point, tekst))
        m.score += point

    # Job targets (ABC): the best single target counts.
    best: tuple[int, str] | None = None
    for jm in kandidat.jobmaal:
        full = JOBMAAL_POINTS.get(jm.kategori.upper(), 0)
        if (jm.branche and same_hovedgruppe(jm.branche, stilling.db07)) or _title_match(
            jm.stilling, stilling.titel
        ):
            cand = (full, f"ønsker {jm.stilling.lower()} (jobmål {jm.kategori.upper()})")
        elif jm.branche and same_gruppe10(jm.branche, stilling.db07):
            cand = (
                full // 2,
                f"jobmål {jm.kategori.upper()} i beslægtet branche ({jm.stilling.lower()})",
            )
        else:
            continue
        if best is None or cand[0] > best[0]:
            best = cand
    if best:
        add("jobmaal", *best)

    # Experience.
    if any(same_hovedgruppe(code, stilling.db07) for code in kandidat.erfaring):
        add("erfaring", MAX_ERFARING, f"erfaring fra {branche_navn(stilling.db07).lower()}")
    elif any(same_gruppe10(code, stilling.db07) for code in kandidat.erfaring):
        add("erfaring", MAX_ERFARING // 2, "erfaring fra beslægtet branche")

    # Competences required by the vacancy.
    if stilling.krav:
        has = sorted(stilling.krav & kandidat.kompetencer)
        missing = sorted(stilling.krav - kandidat.kompetencer)
        points = round(MAX_KOMPETENCER * len(has) / len(stilling.krav))
        if has:
            add("kompetencer", points, "har " + " og ".join(has))
        if missing:
            add("kompetencer", 0, "mangler " + " og ".join(missing))

    # Distance, from postal codes only (no coordinates; see docs/companies.md).
    if kandidat.postnummer and stilling.postnummer:
        if kandidat.postnummer == stilling.postnummer:
            add("afstand", MAX_AFSTAND, f"bor i samme postnummer ({stilling.postnummer})")
        else:
            add(
                "afstand",
                AFSTAND_ANDET_POSTNUMMER,
                f"bor i {kandidat.postnummer}, job i {stilling.postnummer}",
            )
    else:
        add("afstand", 0, "afstand ukendt")

    # Availability at the start date (or today).
    start = stilling.start or idag
    if kandidat.optaget_til and kandidat.optaget_til >= start:
        add("tilgaengelig", 0, f"optaget til {_fmt(kandidat.optaget_til)}")
    elif kandidat.tilgaengelig_fra and kandidat.tilgaengelig_fra > start:
        add("tilgaengelig", 0, f"ledig fra {_fmt(kandidat.tilgaengelig_fra)}")
    else:
        add("tilgaengelig", MAX_TILGAENGELIG, "kan starte")

    # Target group.
    points = MAALGRUPPE_POINTS.get(kandidat.maalgruppe, 0)
    if points:
        add("maalgruppe", points, MAALGRUPPE_TEKST.get(kandidat.maalgruppe, kandidat.maalgruppe))
    return m


def _rank_key(m: Match) -> tuple[int, str, str, str]:
    return (-m.score, m.kandidat.navn, str(m.kandidat.id), str(m.stilling.id))


def candidates_for_vacancy(
    *, stilling: Stilling, kandidater: Iterable[Kandidat], idag: date, limit: int = 20
) -> list[Match]:
    """The best candidates for a vacancy, highest score first, each with its reasons."""
    matches = [score(k, stilling, idag=idag) for k in kandidater]
    return sorted((m for m in matches if m.branchefit), key=_rank_key)[:limit]


def vacancies_for_candidate(
    *, kandidat: Kandidat, stillinger: Iterable[Stilling], idag: date, limit: int = 20
) -> list[Match]:
    """The vacancies that fit a citizen best, highest score first."""
    matches = [score(kandidat, s, idag=idag) for s in stillinger]
    return sorted(
        (m for m in matches if m.branchefit),
        key=lambda m: (-m.score, m.stilling.titel, str(m.stilling.id)),
    )[:limit]
