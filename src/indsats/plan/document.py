"""The plan document in the structure the municipal plans use, as HTML, PDF and DOCX.

`dokument(v, ...)` lays the version out once, as formatted text and tables (`Dokument`); the
three renderers only typeset it, so the figures agree in every format:

- HTML: a Jinja template in `templates/plan.html` (the report's template environment);
- PDF: that HTML through WeasyPrint (the report's `html_to_pdf`), with page numbers and a
  contents list with page references;
- DOCX: python-docx, with Word's own heading styles, a contents field Word fills in when the
  document is opened, and page numbers in the footer.

Contents: front page (municipality name and logo), contents, introduction, the labour-market
situation, goals, focus areas with their handleplaner, investments, budget, the evaluation (if
given), and appendices with the minister's goals and the legal requirements. Every figure
carries its source: the goal table and every table name the document and page or the data and
its date.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indsats.economics.business_case import business_case
from indsats.economics.numbers import EconomicsInputError
from indsats.economics.report import Tabel, case_tabel
from indsats.goals.model import Goal
from indsats.plan.formats import dato, kr, tal, vaerdi
from indsats.plan.law import krav
from indsats.plan.model import (
    BUDGETART_LABELS,
    INDSATS_STATUS_LABELS,
    MAALTYPE_LABELS,
    STATUS_LABELS,
    Fokusomraade,
    Indsats,
    Kilde,
    PlanMaal,
    PlanVersion,
    Status,
)
from indsats.plan.validation import ministermaal_tekst, tabel_kontrol, tabel_rows

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


@dataclass(frozen=True, slots=True)
class Figur:
    titel: str
    svg: str
    png: bytes
    kilde: str

    @property
    def svg_b64(self) -> str:
        return base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


@dataclass(frozen=True, slots=True)
class Afsnit:
    """A chapter: a title, paragraphs, tables and figures, and sub-chapters."""

    id: str
    titel: str
    tekst: tuple[str, ...] = ()
    tabeller: tuple[Tabel, ...] = ()
    figurer: tuple[Figur, ...] = ()
    underafsnit: tuple[Afsnit, ...] = ()
    kilde: str = ""


@dataclass(frozen=True, slots=True)
class Dokument:
    titel: str
    kommune_navn: str
    betegnelse: str
    undertitel: str  # status and approval
    udvalg: str
    dannet: str
    logo: bytes | None
    logo_mime: str
    afsnit: tuple[Afsnit, ...]
    kladde: bool
    tider: dict[str, float] = field(default_factory=dict)

    @property
    def fuld_titel(self) -> str:
        return f"{self.titel}, {self.betegnelse.lower()}"


def _kilde(k: Kilde | None) -> str:
    return k.tekst if k else ""


def _side(k: Kilde | None, v: PlanVersion) -> str:
    """A source in a table cell: just the page when it is the version's own document."""
    if k is None:
        return "–"
    if v.kilde is not None and k.dokument == v.kilde.dokument and k.side:
        return f"s. {k.side}"
    return k.tekst


def _kildenote(v: PlanVersion) -> tuple[str, ...]:
    return (f"Sidetal henviser til {v.kilde.dokument}.",) if v.kilde else ()


def _uden_tomme(t: Tabel) -> Tabel:
    """The table without the columns (after the first) that are empty in every row."""
    keep = [
        i for i in range(len(t.kolonner)) if i == 0 or any(r[i] not in ("", "–") for r in t.raekker)
    ]
    return Tabel(
        t.titel,
        tuple(t.kolonner[i] for i in keep),
        tuple(tuple(r[i] for i in keep) for r in t.raekker),
        t.noter,
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def _maaltal_tekst(m: PlanMaal, goal: Goal | None, aar: int) -> str:
    v = m.maaltal_i(aar)
    if v is None:
        return ""
    return vaerdi(v, goal.enhed if goal else ("andel" if 0 < v < 1 else "personer"))


def _maal_tabel(
    titel: str, maal: Sequence[PlanMaal], v: PlanVersion, goals: Mapping[str, Goal]
) -> Tabel:
    rows = []
    for m in maal:
        goal = goals.get(m.goal_id) if m.goal_id else None
        base = "–"
        if goal is not None and goal.baseline is not None:
            base = f"{vaerdi(goal.baseline.vaerdi, goal.enhed)} ({goal.baseline.periode})"
        if goal is not None:
            maaling = f"{goal.titel} (ydelsesregistret)"
        elif m.maaling:
            maaling = m.maaling
        elif m.ministermaal:
            maaling = "Ingen indikator i ydelsesregistret"
        else:
            maaling = "–"
        rows.append(
            (
                m.titel,
                MAALTYPE_LABELS[m.type],
                base,
                *(_maaltal_tekst(m, goal, y) or "–" for y in v.aarene),
                m.succeskriterie or "–",
                maaling,
                _side(m.kilde, v),
            )
        )
    return _uden_tomme(
        Tabel(
            titel,
            (
                "Mål",
                "Type",
                "Udgangspunkt",
                *(f"Måltal {y}" for y in v.aarene),
                "Succeskriterie",
                "Måling",
                "Kilde",
            ),
            tuple(rows),
            _kildenote(v),
        )
    )


def _periode(i: Indsats) -> str:
    if i.start and i.slut:
        return f"{dato(i.start)}-{dato(i.slut)}"
    if i.start:
        return f"fra {dato(i.start)}"
    if i.slut:
        return f"til {dato(i.slut)}"
    return "–"


def _handleplan(titel: str, indsatser: Sequence[Indsats], v: PlanVersion) -> Tabel:
    rows = []
    for i in indsatser:
        mp = "; ".join(
            f"{m.titel} ({dato(m.frist)}{', nået ' + dato(m.naaet) if m.naaet else ''})"
            for m in i.milepaele
        )
        budget = "; ".join(f"{b.aar}: {kr(b.kr)}" for b in i.budget)
        inv = "; ".join(x.titel for x in v.investeringer if x.id in i.investeringer)
        rows.append(
            (
                i.titel,
                i.maalgruppe or "–",
                i.ansvarlig or "–",
                _periode(i),
                INDSATS_STATUS_LABELS[i.status],
                mp or "–",
                "; ".join(i.tilbud) or "–",
                inv or "–",
                budget or "–",
                _side(i.kilde, v),
            )
        )
    return _uden_tomme(
        Tabel(
            titel,
            (
                "Indsats",
                "Målgruppe",
                "Ansvarlig",
                "Periode",
                "Status",
                "Milepæle",
                "Tilbud",
                "Investering",
                "Budget",
                "Kilde",
            ),
            tuple(rows),
            _kildenote(v),
        )
    )


def _figur(titel: str, punkter: Sequence[tuple[str, str, float]], enhed: str, kilde: str) -> Figur:
    from indsats.reports.charts import chart_png, chart_svg, series_chart

    chart = series_chart(list(punkter), title=titel, enhed=enhed)
    return Figur(titel, chart_svg(chart), chart_png(chart), kilde)


def _situation(v: PlanVersion) -> Afsnit:
    s = v.situation
    tabeller = tuple(
        Tabel(t.titel, t.kolonner, t.raekker, (f"Kilde: {t.kilde}",)) for t in s.tabeller
    )
    figurer = tuple(_figur(f.titel, f.punkter, f.enhed, f.kilde) for f in s.figurer)
    tekst = _paragraphs(s.tekst) or ("Beskæftigelsessituationen er endnu ikke beskrevet.",)
    kilde = f"Tal dannet {dato(date.fromisoformat(s.dannet))}" if s.dannet else ""
    return Afsnit("situation", "Beskæftigelsessituationen", tekst, tabeller, figurer, kilde=kilde)


def _investeringer(v: PlanVersion) -> Afsnit:
    subs = []
    for inv in v.investeringer:
        tabeller: list[Tabel] = []
        tekst = list(_paragraphs(inv.beskrivelse))
        if inv.case is not None:
            t = case_tabel(business_case(inv.case))
            noter = list(t.noter)
            if inv.case.antagelser:
                noter.append("Antagelser: " + " ".join(inv.case.antagelser))
            tabeller.append(
                Tabel(f"Business case: {inv.titel}", t.kolonner, t.raekker, tuple(noter))
            )
        for pt in inv.tabeller:
            head, body_rows = tabel_rows(pt)
            header = tuple(head)
            body = tuple(tuple(r) for r in body_rows)
            type_col = next((i for i, h in enumerate(header) if h.lower() == "type"), None)
            if type_col is not None:
                header = tuple(h for i, h in enumerate(header) if i != type_col)
                body = tuple(tuple(c for i, c in enumerate(r) if i != type_col) for r in body)
            noter = []
            if pt.note:
                noter.append(pt.note)
            try:
                k = tabel_kontrol(pt)
                if k.ok:
                    noter.append(
                        f"Kontrolleret: {k.kontrollerede_celler} summer og produkter stemmer."
                    )
                for a in k.afvigelser:
                    noter.append(
                        f"Regner ikke: {a.kolonne}, »{a.post}« står {tal(float(a.oplyst))}, "
                        f"beregnet {tal(float(a.forventet))}."
                    )
            except EconomicsInputError as exc:
                noter.append(f"Tabellen kan ikke kontrolleres: {exc}")
            noter.append(f"Kilde: {_kilde(pt.kilde) or _kilde(inv.kilde)}")
            tabeller.append(Tabel(pt.titel, header, body, tuple(noter)))
        subs.append(
            Afsnit(
                f"investering-{inv.id}",
                inv.titel,
                tuple(tekst),
                tuple(tabeller),
                kilde=_kilde(inv.kilde),
            )
        )
    return Afsnit(
        "investeringer",
        "Investeringer",
        (
            "Investeringerne med deres forventede effekt pr. år og tabellerne, som planen bringer dem.",
        )
        if v.investeringer
        else ("Planen har ingen investeringer.",),
        underafsnit=tuple(subs),
    )


def _budget(v: PlanVersion) -> Afsnit:
    rows = []
    totals = {y: Decimal(0) for y in v.aarene}
    for b in v.budget:
        for y in v.aarene:
            totals[y] += b.i(y) or Decimal(0)
        rows.append(
            (
                b.post,
                BUDGETART_LABELS[b.art],
                *(kr(b.i(y)) if b.i(y) is not None else "–" for y in v.aarene),
                _side(b.kilde, v),
            )
        )
    if rows:
        rows.append(("I alt", "", *(kr(totals[y]) for y in v.aarene), ""))
    noter = tuple(f"{b.post}: {b.note}" for b in v.budget if b.note)
    tabel = Tabel(
        "Budget pr. år",
        ("Post", "Art", *(str(y) for y in v.aarene), "Kilde"),
        tuple(rows),
        (*noter, "Negative beløb er besparelser eller merindtægter.", *_kildenote(v)),
    )
    return Afsnit(
        "budget",
        "Budget",
        ("Forsørgelse efter refusion, tilbud og investeringer pr. år i planens periode.",),
        (tabel,) if rows else (),
    )


def _evaluering(e: Mapping[str, Any], tekster: Mapping[str, str]) -> Afsnit:
    """The evaluation section from `evaluering_to_dict`'s data, with the analyst's texts."""
    maal = Tabel(
        f"Målene i {e['aar']}",
        ("Mål", "Vurdering", "Forventet", "Resultat", "Måneder"),
        tuple(
            (
                m["titel"],
                m["vurdering_label"],
                m["forventet"],
                m["faktisk"],
                str(m["maaneder"]) if m["maaneder"] else "–",
            )
            for m in e["maal"]
        ),
        (f"Kilde: {e['datagrundlag']}",) if e.get("datagrundlag") else (),
    )
    keys = [f"maal:{m['id']}" for m in e["maal"]]
    keys += [f"indsats:{i['id']}" for i in e["indsatser"]]
    keys += [f"investering:{i['id']}" for i in e["investeringer"]]
    drafted = e.get("tekster", {})
    tekst = tuple(t for k in keys if (t := tekster.get(k) or drafted.get(k)))
    subs = []
    if e["forslag"]:
        subs.append(
            Afsnit("forslag", "Forslag til revisionen", tuple(f["tekst"] for f in e["forslag"]))
        )
    return Afsnit(
        "evaluering",
        f"Evaluering af {e['aar']}",
        tekst,
        (maal,),
        underafsnit=tuple(subs),
        kilde=f"Evalueringen er dannet {dato(date.fromisoformat(e['dannet']))}",
    )


def _bilag_ministermaal(v: PlanVersion) -> Afsnit:
    from indsats.goals.loader import ministermaal

    subs = []
    for y in v.aarene:
        mm = ministermaal(y)
        kilde = mm[0].kilde if mm else ""
        status = mm[0].status_kilde if mm else ""
        note = "" if status == "VERIFIED" else " (ikke verificeret: én sekundær kilde)"
        if mm and mm[0].aar != y:
            note += f"; målene for {mm[0].aar} er videreført"
        subs.append(
            Afsnit(
                f"ministermaal-{y}",
                f"Ministerens mål for {y}",
                tuple(f"{m.nr}. {m.tekst}" for m in mm),
                kilde=f"{kilde}{note}",
            )
        )
    return Afsnit(
        "bilag-ministermaal", "Bilag: Beskæftigelsesministerens mål", underafsnit=tuple(subs)
    )


def _bilag_lov(i_dag: date) -> Afsnit:
    rows = tuple(
        (
            k.titel,
            k.tekst,
            k.reference,
            k.kilde or "Ingen offentlig adresse",
            k.status_tekst,
        )
        for k in krav(i_dag)
    )
    return Afsnit(
        "bilag-lovgrundlag",
        "Bilag: Lovgrundlag og krav til planen",
        (
            "Kravene er opslået i offentlige kilder. Krav mærket »ikke verificeret« hviler på en "
            "sekundær kilde eller er ikke fundet i lovteksten; de skal efterprøves før brug.",
        ),
        (
            Tabel(
                "Krav til beskæftigelsesplanen",
                ("Krav", "Indhold", "Hjemmel", "Kilde", "Status"),
                rows,
            ),
        ),
    )


def _fokusomraade(f: Fokusomraade, v: PlanVersion, goals: Mapping[str, Goal]) -> Afsnit:
    tekst = list(_paragraphs(f.beskrivelse))
    mm = [t for ref in f.ministermaal if (t := ministermaal_tekst(ref))]
    if mm:
        tekst.append("Ministermål: " + "; ".join(mm))
    tabeller = []
    if f.maal:
        tabeller.append(_maal_tabel(f"Mål for {f.titel.lower()}", f.maal, v, goals))
    if f.indsatser:
        tabeller.append(_handleplan(f"Handleplan: {f.titel}", f.indsatser, v))
    return Afsnit(f"fokus-{f.id}", f.titel, tuple(tekst), tuple(tabeller), kilde=_kilde(f.kilde))


def dokument(
    v: PlanVersion,
    *,
    goals: Mapping[str, Goal],
    i_dag: date,
    evaluering: Mapping[str, Any] | None = None,
    tekster: Mapping[str, str] | None = None,
    logo: bytes | None = None,
    logo_mime: str = "image/png",
) -> Dokument:
    """The version laid out as a document (text, tables, charts), ready for any format."""
    from indsats.domain.kommuner import get_kommune

    t0 = time.perf_counter()
    k = get_kommune(v.kommune)
    if v.status is Status.GODKENDT and v.godkendelse:
        g = v.godkendelse
        when = dato(g.dato) if g.dato else "dato ikke oplyst"
        undertitel = f"Godkendt af {g.organ} ({when})"
    else:
        undertitel = STATUS_LABELS[v.status]
    afsnit = [
        Afsnit("indledning", "Indledning", _paragraphs(v.indledning) or ("–",)),
        _situation(v),
        Afsnit(
            "maal",
            "Mål",
            (
                "Planens mål: ministerens mål, kommunens egne mål med måltal og "
                "succesindikatorer. Målene følges måned for måned i indsats' resultater og i "
                "månedsrapporten til udvalget.",
            ),
            (_maal_tabel("Alle mål", v.alle_maal(), v, goals),),
        ),
        Afsnit(
            "fokusomraader",
            "Fokusområder og handleplaner",
            underafsnit=tuple(_fokusomraade(f, v, goals) for f in v.fokusomraader),
        ),
        _investeringer(v),
        _budget(v),
    ]
    if evaluering is not None:
        afsnit.append(_evaluering(evaluering, tekster or {}))
    afsnit += [_bilag_ministermaal(v), _bilag_lov(i_dag)]
    return Dokument(
        titel=v.titel,
        kommune_navn=k.navn,
        betegnelse=v.betegnelse,
        undertitel=undertitel,
        udvalg=v.udvalg,
        dannet=dato(i_dag),
        logo=logo,
        logo_mime=logo_mime,
        afsnit=tuple(afsnit),
        kladde=v.status is not Status.GODKENDT,
        tider={"layout": time.perf_counter() - t0},
    )


# ---------------------------------------------------------------------------------------------
# HTML and PDF


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def render_html(d: Dokument) -> str:
    """One self-contained HTML page (charts and logo inlined)."""
    from indsats.reports.render import template_environment

    env = template_environment("indsats.plan")
    env.filters["svg_uri"] = lambda svg: _data_uri("image/svg+xml", svg.encode("utf-8"))
    logo_uri = _data_uri(d.logo_mime, d.logo) if d.logo else None
    return str(env.get_template("plan.html").render(d=d, logo_uri=logo_uri))


def render_pdf(d: Dokument, path: Path) -> int:
    """The PDF (WeasyPrint); returns the number of pages."""
    from indsats.reports.render import html_to_pdf

    return html_to_pdf(render_html(d), path)


# ---------------------------------------------------------------------------------------------
# DOCX


def _docx_afsnit(doc: DocxDocument, a: Afsnit, level: int) -> None:
    import io

    from docx.shared import Cm

    from indsats.reports.docx import add_table

    doc.add_heading(a.titel, level=level)
    for p in a.tekst:
        doc.add_paragraph(p)
    for f in a.figurer:
        doc.add_paragraph(f.titel, style="Caption")
        doc.add_picture(io.BytesIO(f.png), width=Cm(15))
        doc.add_paragraph(f"Kilde: {f.kilde}").runs[0].italic = True
    for t in a.tabeller:
        add_table(doc, t)
    if a.kilde:
        doc.add_paragraph(f"Kilde: {a.kilde}").runs[0].italic = True
    for s in a.underafsnit:
        _docx_afsnit(doc, s, min(level + 1, 3))


def render_docx(d: Dokument, path: Path) -> None:
    """The document in Word format (python-docx)."""
    import io

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from indsats.reports.docx import add_page_field

    doc = Document()
    doc.core_properties.title = d.fuld_titel
    doc.core_properties.author = f"{d.kommune_navn} Kommune"
    doc.core_properties.language = "da-DK"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    doc.styles["Normal"].font.size = Pt(10)
    # Word fills in the contents list and the page fields when the document is opened.
    settings = doc.settings.element
    upd = OxmlElement("w:updateFields")
    upd.set(qn("w:val"), "true")
    settings.append(upd)

    footer = section.footer.paragraphs[0]
    footer.text = f"{d.kommune_navn} Kommune · {d.fuld_titel} · Side "
    add_page_field(footer, "PAGE", "1")
    footer.add_run(" af ")
    add_page_field(footer, "NUMPAGES", "1")

    if d.logo:
        doc.add_picture(io.BytesIO(d.logo), width=Cm(4))
    doc.add_paragraph(f"{d.kommune_navn} Kommune", style="Subtitle")
    doc.add_heading(d.titel, level=0)
    doc.add_paragraph(d.betegnelse, style="Subtitle")
    doc.add_paragraph(f"{d.undertitel}. Ejer: {d.udvalg}. Dannet {d.dannet} i indsats.")
    if d.kladde:
        doc.add_paragraph("KLADDE – ikke godkendt").runs[0].bold = True
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading("Indhold", level=1)
    add_page_field(
        doc.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Indholdsfortegnelsen dannes, når dokumentet åbnes (opdatér felter).",
    )
    doc.add_page_break()  # type: ignore[no-untyped-call]
    for a in d.afsnit:
        _docx_afsnit(doc, a, 1)
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DokumentFiler:
    html: Path | None
    pdf: Path | None
    docx: Path | None
    sider: int
    tider: dict[str, float]


FORMATER = ("html", "pdf", "docx")


def write_document(
    d: Dokument,
    out_dir: Path,
    *,
    stem: str = "beskaeftigelsesplan",
    formater: Sequence[str] = FORMATER,
) -> DokumentFiler:
    """Write the chosen formats into `out_dir` (files `<stem>.html`, `.pdf`, `.docx`)."""
    unknown = [f for f in formater if f not in FORMATER]
    if unknown:
        raise ValueError(f"ukendt format: {', '.join(unknown)} (kendte: {', '.join(FORMATER)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    tider = dict(d.tider)
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
    return DokumentFiler(html, pdf, docx, sider, tider)
