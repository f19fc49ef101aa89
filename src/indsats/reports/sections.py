"""Extra report sections from other areas (economics, company service): a hook.

A section is a title and tables; each table has `titel`, `kolonner`, `raekker` (already formatted
text) and `noter`, the shape of `indsats.economics.report.Tabel`. The caller (the web app, which
holds budget, cases and company contacts) passes them to `build_report(extra_sections=...)`;
the CLI has no database and builds the report without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indsats.companyservice.barometer import BarometerRaekke
    from indsats.companyservice.measures import ServiceMeasures


@dataclass(frozen=True, slots=True)
class EkstraTabel:
    titel: str
    kolonner: tuple[str, ...]
    raekker: tuple[tuple[str, ...], ...]
    noter: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EkstraAfsnit:
    titel: str
    tabeller: tuple[EkstraTabel, ...] = field(default_factory=tuple)
    tekst: str = ""


def section_from_tables(titel: str, tabeller: Iterable[Any], tekst: str = "") -> EkstraAfsnit:
    """Wrap tables with titel/kolonner/raekker/noter (e.g. economics `Tabel`) as a section."""
    return EkstraAfsnit(
        titel,
        tuple(
            EkstraTabel(
                str(t.titel),
                tuple(t.kolonner),
                tuple(tuple(r) for r in t.raekker),
                tuple(getattr(t, "noter", ()) or ()),
            )
            for t in tabeller
        ),
        tekst,
    )


def economics_section(**inputs: Any) -> EkstraAfsnit | None:
    """The economics tables (`indsats.economics.report.report_sections`), if any."""
    try:
        from indsats.economics.report import report_sections
    except ImportError:  # pragma: no cover - economics not installed
        return None
    tables = report_sections(**inputs)
    return section_from_tables("Økonomi", tables) if tables else None


_KANAL_DA = {
    "telefon": "Telefon",
    "email": "E-mail",
    "e-mail": "E-mail",
    "besoeg": "Besøg",
    "moede": "Møde",
}


def companyservice_section(
    m: ServiceMeasures, barometer: Iterable[BarometerRaekke] = ()
) -> EkstraAfsnit:
    """The company service measures (`indsats.companyservice.measures.ServiceMeasures`) as a
    section. Placements concern persons, so their counts and share follow the "<5" rule;
    contacts and hotline requests count companies' contacts, not persons."""
    from indsats.domain.numbers import format_number, format_share
    from indsats.goals.suppression import min_personer, suppress

    periode = f"{m.fra:%d.%m.%Y}–{m.til:%d.%m.%Y}"
    kontakter = tuple(
        (_KANAL_DA.get(k, k), format_number(v)) for k, v in sorted(m.kontakter_i_alt.items())
    )
    kontakter += (("I alt", format_number(sum(m.kontakter_i_alt.values()))),)
    noegletal = (
        (
            "Virksomheder kontaktet i kampagne",
            f"{format_number(m.kampagne_virksomheder)} af "
            f"{format_number(m.virksomheder_i_alt)} ({format_share(m.kampagne_andel)})",
        ),
        (
            "Hotline: besvarede / åbne henvendelser",
            f"{format_number(m.hotline_besvaret)} / {format_number(m.hotline_aabne)}",
        ),
        ("Hotline: median svartid (timer)", format_number(m.hotline_median_timer, decimals=1)),
        ("Hotline: andel besvaret inden 24 timer", format_share(m.hotline_andel_inden_24t)),
        (
            "Placeringer afsluttet",
            suppress(m.placeringer_afsluttet, m.placeringer_afsluttet, fmt=format_number),
        ),
        (
            "Heraf blevet til ordinært job",
            suppress(m.placeringer_blev_job, m.placeringer_blev_job, fmt=format_number),
        ),
        (
            "Andel placeringer blevet til job",
            suppress(
                m.placeringer_job_andel,
                min_personer(m.placeringer_blev_job, m.placeringer_afsluttet),
                fmt=format_share,
                enhed="andel",  # a hidden share reads "skjult": "<5" would read "under 5 %"
            ),
        ),
    )
    tabeller = [
        EkstraTabel(f"Virksomhedskontakter {periode}", ("Kanal", "Antal"), kontakter),
        EkstraTabel(
            "Nøgletal",
            ("Mål", "Værdi"),
            noegletal,
            ('Placeringer tæller personer: tal under 5 vises som "<5".',),
        ),
    ]
    if barometer:  # `indsats.companyservice.barometer.BarometerRaekke`, one per industry group
        tabeller.append(
            EkstraTabel(
                f"Jobbarometer {periode}",
                (
                    "Branchegruppe",
                    "Stillinger i jobordrer",
                    "Placeringer blevet til job",
                    "Hotline-henvendelser",
                    "Behov",
                ),
                tuple(
                    (
                        r.gruppe_navn,
                        format_number(r.stillinger),
                        suppress(r.placeringer_job, r.placeringer_job, fmt=format_number),
                        format_number(r.hotline),
                        r.behov_label,
                    )
                    for r in barometer
                ),
                (
                    "Behov efter efterspørgslen i perioden (stillinger i jobordrer, placeringer "
                    "blevet til job med dobbelt vægt og hotline-henvendelser) mod gennemsnittet "
                    'for alle brancher; placeringer tæller personer: tal under 5 vises som "<5".',
                ),
            )
        )
    return EkstraAfsnit("Virksomhedsservice", tuple(tabeller))
