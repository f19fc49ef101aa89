"""Extra report sections from other areas (economics, company service): a hook.

A section is a title and tables; each table has `titel`, `kolonner`, `raekker` (already formatted
text) and `noter`, the shape of `indsats.economics.report.Tabel`. The caller (the web app, which
holds budget, cases and company contacts) passes them to `build_report(extra_sections=...)`;
the CLI has no database and builds the report without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


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


def section_from_tables(titel: str, tabeller: Iterable, tekst: str = "") -> EkstraAfsnit:
    """Wrap tables with titel/kolonner/raekker/noter (e.g. economics `Tabel`) as a section."""
    return EkstraAfsnit(titel, tuple(
        EkstraTabel(str(t.titel), tuple(t.kolonner), tuple(tuple(r) for r in t.raekker),
                    tuple(getattr(t, "noter", ()) or ())) for t in tabeller), tekst)


def economics_section(**inputs) -> EkstraAfsnit | None:
    """The economics tables (`indsats.economics.report.report_sections`), if any."""
    try:
        from indsats.economics.report import report_sections
    except ImportError:  # pragma: no cover - economics not installed
        return None
    tables = report_sections(**inputs)
    return section_from_tables("Økonomi", tables) if tables else None
