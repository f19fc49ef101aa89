"""Word documents (python-docx): the pieces the plan document and the committee's papers share.

Word fills in fields (page numbers, a contents list) when the document is opened; python-docx
has no API for fields, so `add_page_field` writes the field characters itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

    from indsats.economics.report import Tabel


def add_page_field(paragraph: Paragraph, instr: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) at the end of `paragraph`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def el(tag: str, **attrs: str) -> Any:
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn(k), v)
        return e

    paragraph.add_run()._r.append(el("w:fldChar", **{"w:fldCharType": "begin"}))
    instr_text = el("w:instrText", **{"xml:space": "preserve"})
    instr_text.text = f" {instr} "
    paragraph.add_run()._r.append(instr_text)
    paragraph.add_run()._r.append(el("w:fldChar", **{"w:fldCharType": "separate"}))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(el("w:fldChar", **{"w:fldCharType": "end"}))


def add_table(doc: DocxDocument, t: Tabel, *, font_pt: int = 8) -> None:
    """A formatted table (`economics.report.Tabel`) with its caption and notes."""
    from docx.shared import Pt

    doc.add_paragraph(t.titel, style="Caption")
    table = doc.add_table(rows=1, cols=len(t.kolonner))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, t.kolonner, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(font_pt)
    for r in t.raekker:
        cells = table.add_row().cells
        for cell, text in zip(cells, r, strict=False):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(font_pt)
    for n in t.noter:
        p = doc.add_paragraph(n)
        for run in p.runs:
            run.font.size = Pt(font_pt)
            run.italic = True
