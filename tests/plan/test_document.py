"""The plan document in HTML, PDF and DOCX: each opened and checked (headings, tables, figures)."""

import io
import struct
import zlib
from datetime import date

import pytest

from indsats.plan.document import dokument, write_document
from indsats.plan.model import Situation, SituationFigur, SituationTabel

HEADINGS = [
    "Indledning",
    "Beskæftigelsessituationen",
    "Mål",
    "Fokusområder og handleplaner",
    "Investeringer",
    "Budget",
    "Bilag: Beskæftigelsesministerens mål",
    "Bilag: Lovgrundlag og krav til planen",
]


def _png(w=4, h=2):
    """A tiny real PNG (the municipality's logo in the test)."""
    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * w for _ in range(h))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def files(varde, varde_goals, tmp_path_factory):
    from dataclasses import replace

    # a situation with a table and a chart, as the web app drafts it from data
    situation = Situation(
        tekst=varde.situation.tekst,
        tabeller=(
            SituationTabel(
                "Fuldtidspersoner pr. ydelse",
                ("Ydelse", "2019", "2020"),
                (("Sygedagpenge", "640", "605"),),
                "Ydelsesregistret, dannet 30.09.2020",
            ),
        ),
        figurer=(
            SituationFigur(
                "Sygedagpenge pr. måned",
                "personer",
                (("jan", "2019", 650.0), ("feb", "2019", 640.0), ("jan", "2020", 610.0)),
                "Ydelsesregistret, dannet 30.09.2020",
            ),
        ),
        dannet="2020-09-30",
    )
    v = replace(varde, situation=situation)
    d = dokument(v, goals=varde_goals, i_dag=date(2026, 12, 3), logo=_png())
    return write_document(d, tmp_path_factory.mktemp("plan"))


def test_html_has_the_structure_figures_and_sources(files):
    html = files.html.read_text(encoding="utf-8")
    for h in HEADINGS:
        assert f">{h}</h" in html
    assert html.count("data:image/svg+xml;base64,") == 1  # the situation's chart
    assert 'class="logo" src="data:image/png;base64,' in html
    assert (
        "Sidetal henviser til Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021." in html
    )
    assert "<td>605</td><td>585</td><td>590</td><td>590</td>" in html
    assert "Regner ikke: 2021, »I alt budgetteret årsværk« står −5.840, beregnet −5.850." in html
    assert "ikke verificeret" in html  # the legal requirements say what is unverified


def test_pdf_opens_with_headings_tables_and_page_numbers(files):
    from pypdf import PdfReader

    r = PdfReader(files.pdf)
    assert len(r.pages) == files.sider > 10

    def titles(outline):
        for x in outline:
            if isinstance(x, list):
                yield from titles(x)
            else:
                yield x.title

    outline = list(titles(r.outline))
    for h in HEADINGS:
        assert h in outline
    assert "Særlige indsatser i 2020 og 2021" in outline
    text = " ".join(" ".join(p.extract_text() for p in r.pages).split())
    assert "Side 3 af" in text
    # the contents list points to pages, the goal table carries the måltal and the check
    contents = r.pages[1].extract_text()
    assert "Indledning" in contents and "..." in contents
    assert "Helårspersoner på sygedagpenge" in text
    assert "Kontrolleret: 4 summer og produkter stemmer." in text
    assert "Sygedagpenge pr. måned" in text  # the chart's title (vector graphics)


def test_docx_opens_with_headings_tables_figures_and_fields(files):
    from docx import Document

    doc = Document(io.BytesIO(files.docx.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in HEADINGS:
        assert h in headings
    assert "Titel" not in headings and doc.paragraphs  # sanity
    tables = doc.tables
    goal_table = next(t for t in tables if t.rows[0].cells[0].text == "Mål" and len(t.rows) > 10)
    header = [c.text for c in goal_table.rows[0].cells]
    assert header[:5] == ["Mål", "Type", "Udgangspunkt", "Måltal 2020", "Måltal 2021"]
    sdp = next(r for r in goal_table.rows if r.cells[0].text == "Helårspersoner på sygedagpenge")
    assert [c.text for c in sdp.cells[3:7]] == ["605", "585", "590", "590"]
    # the logo and the chart are pictures
    assert len(doc.inline_shapes) == 2
    xml = doc.element.xml + doc.sections[0].footer._element.xml
    assert "TOC \\o" in xml and " PAGE " in doc.sections[0].footer._element.xml
