"""The agenda (dagsorden) before a meeting and the minutes (referat) after it, as HTML, PDF and
DOCX, each in a full version for the committee and a public version without closed items.

`moededokument(moede, referat=…, offentlig=…)` lays the meeting out once; the renderers only
typeset it. The PDF is tagged for accessibility (WeasyPrint's PDF/UA-1 variant) with Danish as
its language and the document's title, since municipalities publish agendas and minutes; the
DOCX carries the same title and language in its properties.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from indsats.committee.model import (
    SEKTIONER,
    Beslutning,
    Bilag,
    Moede,
    Sektion,
)
from indsats.economics.report import Tabel

PDF_VARIANT = "pdf/ua-1"
FORMATER = ("html", "pdf", "docx")

_MAANEDER = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def dato_lang(d: date) -> str:
    """18. august 2022"""
    return f"{d.day}. {_MAANEDER[d.month - 1]} {d.year}"


@dataclass(frozen=True, slots=True)
class SektionVisning:
    titel: str
    tekst: tuple[str, ...]
    tabeller: tuple[Tabel, ...]
    kilder: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PunktVisning:
    nummer: int
    titel: str
    sagsnr: str
    lukket: bool
    lukket_skjult: bool  # a closed item in the public version: number and a note only
    sektioner: tuple[SektionVisning, ...]
    indstilling_indledning: str
    indstilling: tuple[str, ...]
    bilag: tuple[Bilag, ...]
    beslutning: Beslutning | None


@dataclass(frozen=True, slots=True)
class Moededokument:
    titel: str  # the document's title (PDF/DOCX properties)
    overskrift: str  # "Dagsorden" / "Referat"
    kommune_navn: str
    organ: str
    tidspunkt: str
    sted: str
    deltagere: tuple[str, ...]
    afbud: tuple[str, ...]
    punkter: tuple[PunktVisning, ...]
    referat: bool
    offentlig: bool
    kladde: bool
    dannet: str

    @property
    def fodnote(self) -> str:
        return f"{self.organ}, {self.overskrift.lower()}"


def moededokument(
    moede: Moede,
    *,
    referat: bool,
    offentlig: bool,
    kladde: bool = False,
    dannet: date | None = None,
) -> Moededokument:
    """The meeting laid out as an agenda or as minutes; `offentlig` leaves out the content (and
    the title) of closed items, which concern named persons."""
    art = "Referat" if referat else "Dagsorden"
    naar = moede.tidspunkt
    punkter = []
    for p in sorted(moede.punkter, key=lambda p: p.nummer):
        skjult = offentlig and p.lukket
        sektioner = tuple(
            SektionVisning(
                titel,
                s.tekst if not s.tom else ("Ingen bemærkninger.",),
                s.tabeller,
                s.kilder,
            )
            for key, titel in SEKTIONER
            for s in [p.sektioner.get(key, Sektion())]
        )
        punkter.append(
            PunktVisning(
                nummer=p.nummer,
                titel="Lukket punkt" if skjult else p.titel,
                sagsnr="" if skjult else p.sagsnr,
                lukket=p.lukket,
                lukket_skjult=skjult,
                sektioner=() if skjult else sektioner,
                indstilling_indledning=p.indstilling_indledning,
                indstilling=() if skjult else p.indstilling,
                bilag=() if skjult else p.bilag,
                beslutning=None if skjult else p.beslutning,
            )
        )
    return Moededokument(
        titel=f"{art}: {moede.organ}, {dato_lang(naar.date())}",
        overskrift=f"{art}: {dato_lang(naar.date())} kl. {naar:%H.%M}",
        kommune_navn=moede.kommune_navn,
        organ=moede.organ,
        tidspunkt=f"{dato_lang(naar.date())} kl. {naar:%H.%M}",
        sted=moede.sted,
        deltagere=moede.deltagere if referat else (),
        afbud=moede.afbud if referat else (),
        punkter=tuple(punkter),
        referat=referat,
        offentlig=offentlig,
        kladde=kladde,
        dannet=dato_lang(dannet or date.today()),
    )


def render_html(d: Moededokument) -> str:
    from indsats.reports.render import template_environment

    env = template_environment("indsats.committee")
    return str(env.get_template("moede.html").render(d=d))


def render_pdf(d: Moededokument, path: Path) -> int:
    """The PDF, tagged for accessibility (PDF/UA-1); returns the number of pages."""
    from indsats.reports.render import html_to_pdf

    return html_to_pdf(render_html(d), path, variant=PDF_VARIANT)


def render_docx(d: Moededokument, path: Path) -> None:
    """The document in Word format: Word's heading styles, tables, page numbers."""
    from docx import Document
    from docx.shared import Pt

    from indsats.reports.docx import add_page_field, add_table

    doc = Document()
    doc.core_properties.title = d.titel
    doc.core_properties.author = f"{d.kommune_navn} Kommune"
    doc.core_properties.language = "da-DK"
    doc.styles["Normal"].font.size = Pt(10)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{d.kommune_navn} Kommune · {d.fodnote} · Side "
    add_page_field(footer, "PAGE", "1")
    footer.add_run(" af ")
    add_page_field(footer, "NUMPAGES", "1")

    doc.add_paragraph(f"{d.kommune_navn} Kommune · {d.organ}")
    doc.add_heading(d.overskrift, level=0)
    doc.add_paragraph(f"{d.tidspunkt} · {d.sted}")
    if d.kladde:
        doc.add_paragraph("Udkast: dagsordenen er ikke udsendt.").runs[0].bold = True
    if d.deltagere:
        doc.add_heading("Deltagere", level=1)
        for n in d.deltagere:
            doc.add_paragraph(n, style="List Bullet")
    if d.afbud:
        doc.add_paragraph(f"Afbud: {', '.join(d.afbud)}")
    if d.offentlig:
        doc.add_paragraph("Offentlig udgave: lukkede punkter er udeladt.").runs[0].italic = True
    for p in d.punkter:
        doc.add_heading(f"{p.nummer}. {p.titel}", level=1)
        if p.lukket_skjult:
            doc.add_paragraph("Punktet er behandlet for lukkede døre.").runs[0].italic = True
            continue
        doc.add_paragraph(f"Sagsnr.: {p.sagsnr or '–'}" + (" · Lukket punkt" if p.lukket else ""))
        for s in p.sektioner:
            doc.add_heading(s.titel, level=2)
            for t in s.tekst:
                doc.add_paragraph(t)
            for tabel in s.tabeller:
                add_table(doc, tabel)
            for k in s.kilder:
                doc.add_paragraph(f"Kilde: {k}").runs[0].italic = True
        doc.add_heading("Indstilling", level=2)
        if p.indstilling:
            doc.add_paragraph(p.indstilling_indledning)
            for i in p.indstilling:
                doc.add_paragraph(i, style="List Bullet")
        else:
            doc.add_paragraph("Ingen indstilling.")
        doc.add_heading("Bilag", level=2)
        for b in p.bilag or (Bilag("Ingen bilag."),):
            doc.add_paragraph(b.titel)
        if d.referat:
            doc.add_heading("Beslutning", level=2)
            if p.beslutning:
                para = doc.add_paragraph()
                para.add_run(f"{p.beslutning.label}. ").bold = True
                para.add_run(p.beslutning.tekst)
            else:
                doc.add_paragraph("Ingen beslutning er registreret.")
    doc.save(str(path))


@dataclass(frozen=True, slots=True)
class Filer:
    html: Path | None
    pdf: Path | None
    docx: Path | None
    sider: int
    tider: dict[str, float]


def write_documents(
    d: Moededokument, out_dir: Path, *, stem: str, formater: Sequence[str] = FORMATER
) -> Filer:
    """Write the chosen formats as `<stem>.html`, `.pdf`, `.docx` in `out_dir`."""
    unknown = [f for f in formater if f not in FORMATER]
    if unknown:
        raise ValueError(f"ukendt format: {', '.join(unknown)} (kendte: {', '.join(FORMATER)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    tider: dict[str, float] = {}
    html = pdf = docx = None
    sider = 0
    if "html" in formater:
        t0 = time.perf_counter()
        html = out_dir / f"{stem}.html"
        html.write_text(render_html(d), encoding="utf-8")
        tider["html"] = time.perf_counter() - t0
    if "pdf" in formater:
        t0 = time.perf_counter()
        pdf = out_dir / f"{stem}.pdf"
        sider = render_pdf(d, pdf)
        tider["pdf"] = time.perf_counter() - t0
    if "docx" in formater:
        t0 = time.perf_counter()
        docx = out_dir / f"{stem}.docx"
        render_docx(d, docx)
        tider["docx"] = time.perf_counter() - t0
    return Filer(html, pdf, docx, sider, tider)
