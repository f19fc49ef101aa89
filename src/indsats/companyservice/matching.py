"""Explainable matching of citizens and vacancies.

Every candidate gets points from six components, each with a reason in Danish that the
consultant sees. The total is at most 100 (and at least 0):

| component       | max | rule                                                                 |
|-----------------|-----|----------------------------------------------------------------------|
| job target      | 40  | a job target (ABC) in the vacancy's DB07 hovedgruppe or with a title |
|                 |     | word in common (one word inside the other, or the same first 5       |
|                 |     | letters): A 40, B 30, C 20; same 10-group only: half                 |
| experience      | 20  | earlier work/placement in the same hovedgruppe 20, same 10-group 10  |
| competences     | 10  | share of the vacancy's required competences the candidate has x 10;  |
|                 |     | minus 15 for each required competence the candidate lacks            |
| distance        | 15  | kilometres between the postal codes' centres (`afstand`): up to 5 km |
|                 |     | 15, 10 km 12, 20 km 9, 35 km 5, 50 km 2, 100 km 0, farther -10; a    |
|                 |     | postal code without a usable centre: same postnummer 15, another 5;  |
|                 |     | unknown 0                                                            |
| availability    | 10  | free at the vacancy's start 10; busy (offer, placement) or later 0   |
| target group    | 5   | jobparat (or a-dagpenge) 5, aktivitetsparat 2, other 0               |

A candidate is only proposed with some trade fit (job target, experience or a competence).
Candidates who meet every requirement of the vacancy come before those who lack one (a missing
certificate is not made up for by other points); within each, the higher score first; ties are
broken by name, then id, so the ranking is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from indsats.companyservice.afstand import afstand_point
from indsats.companyservice.db07 import branche_navn, same_gruppe10, same_hovedgruppe

MAX_JOBMAAL = 40
JOBMAAL_POINTS = {"A": 40, "B": 30, "C": 20}
MAX_ERFARING = 20
MAX_KOMPETENCER = 10
KRAV_MANGLER = 15  # points taken for each required competence the candidate lacks
MAX_AFSTAND = 15
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
    optaget_til: date | None = None  # in an offer or placement until this date (date.max:
    # without an end date)
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
    mangler_krav: int = 0  # required competences the candidate lacks

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


def parse_koder(text: str) -> tuple[str, ...]:
    """Comma-separated DB07 codes as a profile holds them ('52, 4711')."""
    return tuple(c.strip() for c in text.split(",") if c.strip())


def parse_kompetencer(text: str) -> frozenset[str]:
    """Comma-separated competences, lower-case ('Truckcertifikat, kørekort B')."""
    return frozenset(t.strip().lower() for t in text.split(",") if t.strip())


def jobmaal_treff(titel: str, branche: str, stilling: Stilling) -> str | None:
    """How a job target fits the vacancy: "fuld" (same hovedgruppe or a title word in
    common), "halv" (same 10-group only) or None."""
    if (branche and same_hovedgruppe(branche, stilling.db07)) or _title_match(
        titel, stilling.titel
    ):
        return "fuld"
    if branche and same_gruppe10(branche, stilling.db07):
        return "halv"
    return None


def jobmaal_point(kategori: str, treff: str | None) -> int:
    full = JOBMAAL_POINTS.get(kategori.upper(), 0)
    return full if treff == "fuld" else full // 2 if treff == "halv" else 0


def erfaring_point(koder: Iterable[str], stilling: Stilling) -> int:
    koder = tuple(koder)
    if any(same_hovedgruppe(code, stilling.db07) for code in koder):
        return MAX_ERFARING
    if any(same_gruppe10(code, stilling.db07) for code in koder):
        return MAX_ERFARING // 2
    return 0


def kompetence_point(har: int, stilling: Stilling) -> int:
    """Points for meeting `har` of the vacancy's required competences (before the penalty)."""
    return round(MAX_KOMPETENCER * har / len(stilling.krav)) if stilling.krav else 0


@dataclass(frozen=True, slots=True)
class Opslag:
    """One vacancy's points for each value found among the candidates: what lets a database
    score every candidate with joins and CASE expressions, with the same rules as `score`.

    Only values worth points are kept (a value not listed is worth 0, or for competences: none
    of the requirements met)."""

    titler_fuld: frozenset[str]  # job-target titles with a word in common with the vacancy
    brancher_fuld: frozenset[str]  # job-target DB07 codes in the vacancy's hovedgruppe
    brancher_halv: frozenset[str]  # ... in its 10-group only
    erfaring_koder: dict[str, int]  # placement DB07 code -> experience points
    erfaring_tekster: dict[str, int]  # profile's comma-separated codes -> experience points
    kompetencer_har: dict[str, int]  # profile's competences -> requirements met (> 0)
    afstand: dict[str, int]  # the candidate's postnummer -> distance points


def opslag(
    stilling: Stilling,
    *,
    titler: Iterable[str],
    brancher: Iterable[str],
    placering_koder: Iterable[str],
    erfaring_tekster: Iterable[str],
    kompetence_tekster: Iterable[str],
    postnumre: Iterable[str],
) -> Opslag:
    """The per-value points of a vacancy for the distinct values among the candidates."""
    kompetencer = {}
    for t in kompetence_tekster:
        har = len(stilling.krav & parse_kompetencer(t))
        if har:
            kompetencer[t] = har
    return Opslag(
        titler_fuld=frozenset(t for t in titler if _title_match(t, stilling.titel)),
        brancher_fuld=frozenset(
            b for b in brancher if jobmaal_treff("", b, stilling) == "fuld" and b
        ),
        brancher_halv=frozenset(b for b in brancher if jobmaal_treff("", b, stilling) == "halv"),
        erfaring_koder={c: p for c in placering_koder if (p := erfaring_point((c,), stilling))},
        erfaring_tekster={
            t: p for t in erfaring_tekster if (p := erfaring_point(parse_koder(t), stilling))
        },
        kompetencer_har=kompetencer,
        afstand={pn: afstand_point(pn, stilling.postnummer)[0] for pn in postnumre if pn},
    )


def score(kandidat: Kandidat, stilling: Stilling, *, idag: date) -> Match:
    """Score one candidate for one vacancy, with the reasons."""
    m = Match(kandidat, stilling)

    def add(komponent: str, point: int, tekst: str) -> None:
        m.begrundelser.append(Begrundelse(komponent, point, tekst))
        m.score += point

    # Job targets (ABC): the best single target counts.
    best: tuple[int, str] | None = None
    for jm in kandidat.jobmaal:
        treff = jobmaal_treff(jm.stilling, jm.branche, stilling)
        if treff is None:
            continue
        points = jobmaal_point(jm.kategori, treff)
        if treff == "fuld":
            cand = (points, f"ønsker {jm.stilling.lower()} (jobmål {jm.kategori.upper()})")
        else:
            cand = (
                points,
                f"jobmål {jm.kategori.upper()} i beslægtet branche ({jm.stilling.lower()})",
            )
        if best is None or cand[0] > best[0]:
            best = cand
    if best:
        add("jobmaal", *best)

    # Experience.
    points = erfaring_point(kandidat.erfaring, stilling)
    if points == MAX_ERFARING:
        add("erfaring", MAX_ERFARING, f"erfaring fra {branche_navn(stilling.db07).lower()}")
    elif points:
        add("erfaring", points, "erfaring fra beslægtet branche")

    # Competences required by the vacancy: a missing one costs points and puts the candidate
    # after everyone who meets every requirement (`_rank_key`).
    if stilling.krav:
        has = sorted(stilling.krav & kandidat.kompetencer)
        missing = sorted(stilling.krav - kandidat.kompetencer)
        points = kompetence_point(len(has), stilling)
        if has:
            add("kompetencer", points, "har " + " og ".join(has))
        if missing:
            m.mangler_krav = len(missing)
            add(
                "kompetencer",
                -KRAV_MANGLER * len(missing),
                "mangler " + " og ".join(missing) + " (krav)",
            )

    # Distance between the postal codes' centres (`afstand`).
    add("afstand", *afstand_point(kandidat.postnummer, stilling.postnummer))

    # Availability at the start date (or today).
    start = stilling.start or idag
    if kandidat.optaget_til and kandidat.optaget_til >= start:
        if kandidat.optaget_til == date.max:
            add("tilgaengelig", 0, "optaget i et forløb uden slutdato")
        else:
            add("tilgaengelig", 0, f"optaget til {_fmt(kandidat.optaget_til)}")
    elif kandidat.tilgaengelig_fra and kandidat.tilgaengelig_fra > start:
        add("tilgaengelig", 0, f"ledig fra {_fmt(kandidat.tilgaengelig_fra)}")
    else:
        add("tilgaengelig", MAX_TILGAENGELIG, "kan starte")

    # Target group.
    points = MAALGRUPPE_POINTS.get(kandidat.maalgruppe, 0)
    if points:
        add("maalgruppe", points, MAALGRUPPE_TEKST.get(kandidat.maalgruppe, kandidat.maalgruppe))
    m.score = max(0, m.score)
    return m


def _rank_key(m: Match) -> tuple[bool, int, str, str, str]:
    return (m.mangler_krav > 0, -m.score, m.kandidat.navn, str(m.kandidat.id), str(m.stilling.id))


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
        key=lambda m: (m.mangler_krav > 0, -m.score, m.stilling.titel, str(m.stilling.id)),
    )[:limit]
