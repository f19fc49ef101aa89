"""What changed between two versions of a plan: goals, måltal, actions, budget, investments.

Items are matched by their id, so a renamed action is "ændret", not removed and added. Each
change is one `Aendring` with a Danish description of before and after, ready for the page and
for the committee paper ("Ændringer i forhold til Revideret 2021").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from indsats.plan.formats import kr, tal
from indsats.plan.model import (
    INDSATS_STATUS_LABELS,
    MAALTYPE_LABELS,
    Beloeb,
    Budgetlinje,
    Fokusomraade,
    Indsats,
    Investering,
    Maaltal,
    PlanMaal,
    PlanVersion,
)


class Art(StrEnum):
    TILFOEJET = "tilføjet"
    FJERNET = "fjernet"
    AENDRET = "ændret"


@dataclass(frozen=True, slots=True)
class Aendring:
    omraade: str  # "Mål", "Måltal", "Indsats", "Budget", "Fokusområde", "Investering", "Tekst"
    hvad: str  # the item's title
    art: Art
    felt: str = ""  # which property changed ("status", "slut", "2022", ...)
    foer: str = ""
    efter: str = ""

    @property
    def tekst(self) -> str:
        if self.art is Art.AENDRET:
            what = f"{self.omraade} »{self.hvad}«" + (f", {self.felt}" if self.felt else "")
            return f"{what}: {self.foer or '–'} → {self.efter or '–'}"
        return f"{self.omraade} »{self.hvad}« {self.art.value}"


T = TypeVar("T")


def _match(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], str]
) -> tuple[list[T], list[T], list[tuple[T, T]]]:
    o = {key(x): x for x in old}
    n = {key(x): x for x in new}
    removed = [x for k, x in o.items() if k not in n]
    added = [x for k, x in n.items() if k not in o]
    both = [(o[k], n[k]) for k in o if k in n]
    return removed, added, both


def _value(v: float) -> str:
    if 0 < abs(v) < 1:
        return tal(v * 100, 1) + " %"
    return tal(v, 1 if v != int(v) else 0)


def _maaltal(old: tuple[Maaltal, ...], new: tuple[Maaltal, ...], titel: str) -> list[Aendring]:
    out = []
    o = {m.aar: m.vaerdi for m in old}
    n = {m.aar: m.vaerdi for m in new}
    for aar in sorted(set(o) | set(n)):
        a, b = o.get(aar), n.get(aar)
        if a == b:
            continue
        if a is None:
            out.append(Aendring("Måltal", titel, Art.TILFOEJET, str(aar), "", _value(b or 0)))
        elif b is None:
            out.append(Aendring("Måltal", titel, Art.FJERNET, str(aar), _value(a), ""))
        else:
            out.append(Aendring("Måltal", titel, Art.AENDRET, str(aar), _value(a), _value(b)))
    return out


def _maal(old: Sequence[PlanMaal], new: Sequence[PlanMaal]) -> list[Aendring]:
    removed, added, both = _match(old, new, lambda m: m.id)
    out = [Aendring("Mål", m.titel, Art.FJERNET) for m in removed]
    out += [Aendring("Mål", m.titel, Art.TILFOEJET) for m in added]
    for a, b in both:
        for felt, fa, fb in (
            ("titel", a.titel, b.titel),
            ("type", MAALTYPE_LABELS[a.type], MAALTYPE_LABELS[b.type]),
            ("mål i målmodulet", a.goal_id, b.goal_id),
            ("succeskriterie", a.succeskriterie, b.succeskriterie),
        ):
            if fa != fb:
                out.append(Aendring("Mål", b.titel, Art.AENDRET, felt, fa, fb))
        out += _maaltal(a.maaltal, b.maaltal, b.titel)
    return out


def _dato(d: object) -> str:
    from datetime import date

    return d.strftime("%d.%m.%Y") if isinstance(d, date) else ""


def _beloeb(bs: tuple[Beloeb, ...]) -> dict[int, Decimal]:
    return {b.aar: b.kr for b in bs}


def _amounts(
    omraade: str, titel: str, a: tuple[Beloeb, ...], b: tuple[Beloeb, ...]
) -> list[Aendring]:
    out = []
    o, n = _beloeb(a), _beloeb(b)
    for aar in sorted(set(o) | set(n)):
        if o.get(aar) != n.get(aar):
            out.append(
                Aendring(
                    omraade,
                    titel,
                    Art.AENDRET,
                    f"budget {aar}",
                    kr(o.get(aar)) if aar in o else "",
                    kr(n.get(aar)) if aar in n else "",
                )
            )
    return out


def _indsatser(old: Sequence[Indsats], new: Sequence[Indsats]) -> list[Aendring]:
    removed, added, both = _match(old, new, lambda i: i.id)
    out = [Aendring("Indsats", i.titel, Art.FJERNET) for i in removed]
    out += [Aendring("Indsats", i.titel, Art.TILFOEJET) for i in added]
    for a, b in both:
        for felt, fa, fb in (
            ("titel", a.titel, b.titel),
            ("status", INDSATS_STATUS_LABELS[a.status], INDSATS_STATUS_LABELS[b.status]),
            ("ansvarlig", a.ansvarlig, b.ansvarlig),
            ("målgruppe", a.maalgruppe, b.maalgruppe),
            ("start", _dato(a.start), _dato(b.start)),
            ("slut", _dato(a.slut), _dato(b.slut)),
            ("milepæle", str(len(a.milepaele)), str(len(b.milepaele))),
            ("tilbud", ", ".join(a.tilbud), ", ".join(b.tilbud)),
            ("beskrivelse", a.beskrivelse, b.beskrivelse),
        ):
            if fa != fb:
                shown_a, shown_b = fa, fb
                if felt == "beskrivelse":
                    shown_a, shown_b = "(tidligere tekst)", "(ny tekst)"
                out.append(Aendring("Indsats", b.titel, Art.AENDRET, felt, shown_a, shown_b))
        out += _amounts("Indsats", b.titel, a.budget, b.budget)
    return out


def _fokus(old: Sequence[Fokusomraade], new: Sequence[Fokusomraade]) -> list[Aendring]:
    removed, added, both = _match(old, new, lambda f: f.id)
    out = [Aendring("Fokusområde", f.titel, Art.FJERNET) for f in removed]
    out += [Aendring("Fokusområde", f.titel, Art.TILFOEJET) for f in added]
    for a, b in both:
        if a.titel != b.titel:
            out.append(Aendring("Fokusområde", b.titel, Art.AENDRET, "titel", a.titel, b.titel))
        if a.beskrivelse != b.beskrivelse:
            out.append(
                Aendring(
                    "Fokusområde", b.titel, Art.AENDRET, "beskrivelse", "(tidligere)", "(ny tekst)"
                )
            )
    # goals and actions are compared across the whole plan: moving one between areas is no change
    return out


def _investeringer(old: Sequence[Investering], new: Sequence[Investering]) -> list[Aendring]:
    removed, added, both = _match(old, new, lambda i: i.id)
    out = [Aendring("Investering", i.titel, Art.FJERNET) for i in removed]
    out += [Aendring("Investering", i.titel, Art.TILFOEJET) for i in added]
    for a, b in both:
        ea = a.case.effekt_fuldtidspersoner if a.case else ()
        eb = b.case.effekt_fuldtidspersoner if b.case else ()
        ya = a.case.years if a.case else ()
        yb = b.case.years if b.case else ()
        o = dict(zip(ya, ea, strict=True))
        n = dict(zip(yb, eb, strict=True))
        for aar in sorted(set(o) | set(n)):
            if o.get(aar) != n.get(aar):
                out.append(
                    Aendring(
                        "Investering",
                        b.titel,
                        Art.AENDRET,
                        f"forventet effekt {aar}",
                        tal(float(o[aar]), 1) if aar in o else "",
                        tal(float(n[aar]), 1) if aar in n else "",
                    )
                )
    return out


def _budget(old: Sequence[Budgetlinje], new: Sequence[Budgetlinje]) -> list[Aendring]:
    removed, added, both = _match(old, new, lambda b: b.id)
    out = [Aendring("Budget", b.post, Art.FJERNET) for b in removed]
    out += [Aendring("Budget", b.post, Art.TILFOEJET) for b in added]
    for a, b in both:
        out += _amounts("Budget", b.post, a.beloeb, b.beloeb)
    return out


def version_diff(old: PlanVersion, new: PlanVersion) -> tuple[Aendring, ...]:
    """The changes from `old` to `new` (typically an approved version and its revision)."""
    out: list[Aendring] = []
    if (old.foerste_aar, old.sidste_aar) != (new.foerste_aar, new.sidste_aar):
        out.append(
            Aendring(
                "Plan", new.titel, Art.AENDRET, "periode", old.periode_tekst, new.periode_tekst
            )
        )
    for felt, a, b in (
        ("indledning", old.indledning, new.indledning),
        ("beskæftigelsessituationen", old.situation.tekst, new.situation.tekst),
    ):
        if a != b:
            out.append(Aendring("Tekst", felt.capitalize(), Art.AENDRET, "", "", "ny tekst"))
    out += _fokus(old.fokusomraader, new.fokusomraader)
    out += _maal(old.alle_maal(), new.alle_maal())
    out += _indsatser(old.alle_indsatser(), new.alle_indsatser())
    out += _investeringer(old.investeringer, new.investeringer)
    out += _budget(old.budget, new.budget)
    return tuple(out)
