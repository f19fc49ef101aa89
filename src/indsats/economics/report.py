"""Tables for the monthly report (issue 5): plain data, formatted the Danish way.

The report module will call `report_sections(...)` with the municipality's catalogue, budget
follow-up and business cases (the web app builds these inputs in
`indsats.web.offers.selectors.economics_report_inputs_get`) and lay the tables out. Each `Tabel` is
already formatted text, so the report, the CLI and the web pages show the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from indsats.domain.numbers import format_kr, format_number, format_share
from indsats.economics.budget import Budgetopfoelgning, budget_total
from indsats.economics.business_case import CaseResultat
from indsats.economics.catalogue import KatalogTilbud


@dataclass(frozen=True, slots=True)
class Tabel:
    titel: str
    kolonner: tuple[str, ...]
    raekker: tuple[tuple[str, ...], ...]
    noter: tuple[str, ...] = field(default_factory=tuple)


def _n(v: Decimal | None, d: int = 0) -> str:
    return format_number(v, decimals=d)


def katalog_tabel(tilbud: Sequence[KatalogTilbud]) -> Tabel:
    rows = tuple(
        (
            t.navn,
            t.leverandoer,
            t.type_navn,
            _n(t.pris.pr_uge) if t.pris.pr_uge is not None else "–",
            _n(t.pris.pr_maaned) if t.pris.pr_maaned is not None else "–",
            _n(t.pris.aarspris),
        )
        for t in sorted(tilbud, key=lambda t: (t.pris.aarspris, t.navn))
    )
    return Tabel(
        "Tilbudskatalog: priser",
        ("Tilbud", "Leverandør", "Type", "Kr. pr. uge", "Kr. pr. måned", "Kr. pr. år"),
        rows,
        ("Årspris = månedspris × 12, hvis der er en månedspris, ellers ugepris × 52.",),
    )


def budget_tabel(opfoelgninger: Sequence[Budgetopfoelgning]) -> Tabel:
    rows = []
    for o in opfoelgninger:
        rows.append(
            (
                o.ydelse_navn,
                _n(o.post.helaarspersoner),
                _n(o.faktisk_hp_aar_til_dato, 1),
                _n(o.prognose_hp, 1),
                format_number(o.afvigelse_hp, decimals=1, sign=True),
                _n(o.budget_netto),
                _n(o.prognose_netto),
                format_number(o.afvigelse_netto, sign=True)
                if o.afvigelse_netto is not None
                else "–",
            )
        )
    noter = []
    if opfoelgninger:
        first = opfoelgninger[0]
        noter.append(
            f"Faktiske tal for {first.faktiske_maaneder} måned(er); resten af året er "
            f"fremskrevet med gennemsnittet af de seneste {first.basis_maaneder} måneder."
        )
        total = budget_total(opfoelgninger)
        noter.append(
            f"I alt netto: budget {format_kr(total.budget_netto)}, forventet "
            f"{format_kr(total.prognose_netto)}"
        )
    return Tabel(
        "Budgetopfølgning: helårspersoner og nettoudgift efter refusion",
        (
            "Ydelse",
            "Budget, helårspersoner",
            "Faktisk år til dato",
            "Forventet år",
            "Afvigelse",
            "Budget netto, kr.",
            "Forventet netto, kr.",
            "Afvigelse, kr.",
        ),
        tuple(rows),
        tuple(noter),
    )


def budget_maaned_tabel(o: Budgetopfoelgning) -> Tabel:
    rows = tuple(
        (
            m.navn + (" (prognose)" if m.prognose else ""),
            _n(m.budget_hp),
            _n(m.hp, 1),
            format_number(m.afvigelse_hp, decimals=1, sign=True),
            _n(m.brutto),
            _n(m.netto),
            format_share(m.andel_trin4) if m.andel_trin4 is not None else "–",
        )
        for m in o.maaneder
    )
    return Tabel(
        f"{o.ydelse_navn} {o.post.aar}: måned for måned",
        (
            "Måned",
            "Budget",
            "Helårspersoner",
            "Afvigelse",
            "Brutto, kr.",
            "Netto, kr.",
            "Andel på 20 %-trinnet",
        ),
        rows,
    )


def case_tabel(r: CaseResultat) -> Tabel:
    rows = tuple(
        (
            str(a.aar),
            _n(a.ekstra_aarsvaerk, 1),
            _n(a.udgift),
            _n(a.effekt, 1),
            _n(a.besparelse),
            format_number(a.netto, sign=True),
            format_number(a.akkumuleret, sign=True),
        )
        for a in r.aarene
    )
    be = str(r.break_even_aar) if r.break_even_aar else "ikke inden for perioden"
    sens = "; ".join(
        f"effekt {format_number(f.faktor * 100)} %: {format_kr(f.nettoresultat, sign=True)}"
        for f in r.foelsomhed
    )
    return Tabel(
        f"Investeringscase: {r.case.navn}",
        (
            "År",
            "Ekstra årsværk",
            "Udgift, kr.",
            "Færre fuldtidspersoner",
            "Besparelse, kr.",
            "Netto, kr.",
            "Akkumuleret, kr.",
        ),
        rows,
        (
            f"Nettoresultat {format_kr(r.nettoresultat, sign=True)}; investeringen er tjent hjem: "
            f"{be}.",
            f"Følsomhed: {sens}",
        ),
    )


def report_sections(
    *,
    katalog: Sequence[KatalogTilbud] = (),
    budget: Sequence[Budgetopfoelgning] = (),
    cases: Sequence[CaseResultat] = (),
) -> list[Tabel]:
    """The economics tables of the monthly report, in order: catalogue, budget, each case."""
    out: list[Tabel] = []
    if katalog:
        out.append(katalog_tabel(katalog))
    if budget:
        out.append(budget_tabel(budget))
    out.extend(case_tabel(r) for r in cases)
    return out
