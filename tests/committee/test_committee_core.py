"""The committee's core: items drafted from the data, the check before publishing, and the
agenda and minutes in three formats (public versions without closed items)."""

import io
import zipfile
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from indsats.committee import drafting
from indsats.committee.documents import moededokument, render_html, write_documents
from indsats.committee.model import Beslutning, Moede, Punkt, Sektion, Udfald
from indsats.committee.publishing import publiceringskontrol
from indsats.committee.text import tekstproblemer
from indsats.economics.business_case import business_case, read_case_yaml
from indsats.economics.catalogue import demo_price_list_path, read_price_list
from indsats.economics.report import Tabel

from ..economics.test_check import DATA

KATALOG = read_price_list(demo_price_list_path())


def _klar_til_start() -> Punkt:
    tilbud = next(t for t in KATALOG if t.navn == "Klar til start")
    return drafting.nyt_tilbud(
        tilbud, KATALOG, forloeb=12, udvalg="Beskæftigelsesudvalget", katalog_kilde="Tilbudskatalog"
    )


def test_a_new_offer_item_reproduces_the_minutes_figures():
    # Ringkøbing-Skjern, Beskæftigelsesudvalget 18.08.2022, punkt 3: 16.990 kr. pr. måned,
    # 3.920 kr. pr. uge, 203.880 kr. for 12 måneder; the yearly extra cost against current
    # offers is 146.420 kr. (cheapest) and 6.280 kr. (dearest).
    punkt = _klar_til_start()
    oekonomi = " ".join(punkt.sektion("oekonomi").tekst)
    assert "16.990 kr. pr. måned pr. borger, svarende til 3.920 kr. pr. uge" in oekonomi
    assert "samlet forløb 203.880 kr." in oekonomi
    assert "146.420 kr. (billigste tilbud: Job-bro)" in oekonomi
    assert "6.280 kr. (dyreste tilbud: Projekt Ny-Start" in oekonomi
    (tabel,) = punkt.sektion("oekonomi").tabeller
    assert ("Job-bro", "1.105", "57.460") in tabel.raekker
    assert punkt.indstilling == (
        'godkender, at "Klar til start" optages i tilbudskataloget til 16.990 kr. pr. måned pr. '
        "borger",
    )
    assert publiceringskontrol(punkt) == []


def test_an_investment_item_and_a_budget_item_pass_the_publishing_check():
    case = read_case_yaml(DATA / "varde_2021_jobafklaring_investering.yaml")
    punkt = drafting.investeringscase(business_case(case))
    text = " ".join(punkt.sektion("oekonomi").tekst)
    assert "Nettoresultatet er +765.000 kr., og investeringen er tjent hjem i 2021." in text
    assert "Hvis effekten bliver 50 % af det forventede" in text
    assert publiceringskontrol(punkt) == []


def test_the_publishing_check_finds_a_table_that_does_not_add_up():
    tabel = Tabel(
        "Samlet økonomibesparelse (1.000 kr.)",
        ("Post", "2020", "2021", "2022", "2023"),
        (
            ("Besparelse sygedagpenge", "−1.150", "−3.450", "−3.450", "−3.450"),
            ("Besparelse sygedagpenge", "−600", "−600", "", ""),
            ("Besparelse jobafklaring", "", "−1.200", "−1.200", "−1.200"),
            ("Besparelse jobafklaring", "−300", "−300", "", ""),
            ("Besparelse ledighedsydelse", "−300", "−300", "", ""),
            ("I alt budgetteret årsværk", "−2.350", "−5.840", "−4.650", "−4.650"),
        ),
    )
    punkt = Punkt("Besparelser", sektioner={"oekonomi": Sektion(("Tabellen.",), (tabel,))})
    (problem,) = publiceringskontrol(punkt)
    assert "I alt budgetteret årsværk / 2021: der står −5.840" in problem
    assert "giver −5.850" in problem


@pytest.mark.parametrize(
    ("text", "art"),
    [
        ("Fristen følger lab_31_foerste_samtale.", "id"),
        ("Se docs/companies.md for detaljer.", "filnavn"),
        ("Reglen er VERIFIED.", "engelsk"),
        ("category 3 removed from 2025-01-01", "engelsk"),
        ("Tallet stammer fra seed 000.", "intern kilde"),
        ("Andelen er <5 % af borgerne.", "<5 på en andel"),
    ],
)
def test_the_text_check_finds_what_a_committee_must_not_read(text, art):
    problems = tekstproblemer(f"<html><body><p>{text}</p></body></html>")
    assert art in {p.art for p in problems}


def test_the_text_check_reads_only_visible_text():
    html = '<html><head><title>x_y.md</title><style>.a_b{}</style></head><body class="a_b"><p>Antal borgere: <5.</p></body></html>'
    assert tekstproblemer(html) == []


def _moede() -> Moede:
    aaben = _klar_til_start()
    lukket = Punkt(
        "Klage fra Hans Hansen over afgørelse om sygedagpenge",
        sagsnr="22-099999",
        lukket=True,
        sektioner={"sagsfremstilling": Sektion(("Hans Hansen har klaget over afgørelsen.",))},
        indstilling=("tager klagen til efterretning",),
    )
    return Moede(
        organ="Beskæftigelsesudvalget",
        kommune_navn="Varde",
        tidspunkt=datetime(2026, 11, 19, 15, 0),
        sted="Mødelokale 1, Rådhuset",
        deltagere=("Carsten Bjerg", "Lise Juhl Hansen"),
        punkter=(
            Punkt("Godkendelse af dagsorden", nummer=1),
            Punkt(**{**_fields(aaben), "nummer": 2, "sagsnr": "26-016257"}),
            Punkt(**{**_fields(lukket), "nummer": 3}),
        ),
    )


def _fields(p: Punkt) -> dict:
    return {f: getattr(p, f) for f in Punkt.__dataclass_fields__}


def _decided(m: Moede) -> Moede:
    d = date(2026, 11, 19)
    punkter = tuple(
        Punkt(
            **{
                **_fields(p),
                "beslutning": Beslutning(
                    Udfald.GODKENDT, "Administrationens indstilling godkendes.", d
                ),
            }
        )
        for p in m.punkter
    )
    return Moede(**{**{f: getattr(m, f) for f in Moede.__dataclass_fields__}, "punkter": punkter})


def test_a_closed_item_never_appears_in_the_public_minutes(tmp_path):
    moede = _decided(_moede())
    full = write_documents(
        moededokument(moede, referat=True, offentlig=False), tmp_path / "fuld", stem="referat"
    )
    public = write_documents(
        moededokument(moede, referat=True, offentlig=True), tmp_path / "off", stem="referat"
    )
    secret = ("Hans Hansen", "22-099999", "klaget", "Klage fra")
    full_texts = _texts(full)
    public_texts = _texts(public)
    for fmt in ("html", "pdf", "docx"):
        assert all(s in full_texts[fmt] for s in secret), fmt
        assert not any(s in public_texts[fmt] for s in secret), fmt
        assert "Lukket punkt" in public_texts[fmt] and "Klar til start" in public_texts[fmt]
        assert "Administrationens indstilling godkendes." in public_texts[fmt]


def _texts(files) -> dict[str, str]:
    pdf = " ".join(page.extract_text() for page in PdfReader(files.pdf).pages)
    with zipfile.ZipFile(files.docx) as z:
        docx = z.read("word/document.xml").decode("utf-8")
    return {"html": files.html.read_text(encoding="utf-8"), "pdf": pdf, "docx": docx}


def test_the_pdf_is_tagged_with_language_and_title(tmp_path):
    files = write_documents(
        moededokument(_moede(), referat=False, offentlig=True), tmp_path, stem="dagsorden"
    )
    reader = PdfReader(files.pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Dagsorden: Beskæftigelsesudvalget, 19. november 2026"
    from docx import Document

    props = Document(io.BytesIO(files.docx.read_bytes())).core_properties
    assert props.title == reader.metadata.title and props.language == "da-DK"


def test_the_agenda_has_the_standard_sections_and_is_written_for_the_committee():
    html = render_html(moededokument(_moede(), referat=False, offentlig=True))
    for heading in (
        "Sagsfremstilling",
        "Lovgrundlag og juridisk vurdering",
        "Økonomi",
        "Effektvurdering",
        "Indstilling",
        "Bilag",
    ):
        assert f"<h3>{heading}</h3>" in html
    assert "<h3>Beslutning</h3>" not in html  # an agenda, not minutes
    assert tekstproblemer(html) == []


def test_budget_item(tmp_path):
    from indsats.economics.budget import budgetopfoelgning, read_actuals_csv, read_budget_csv

    (tmp_path / "b.csv").write_text(
        "ydelse;aar;helaarspersoner;enhedspris\nsygedagpenge;2026;585;240.000\n", encoding="utf-8"
    )
    (tmp_path / "a.csv").write_text(
        "aar;maaned;ydelse;helaarspersoner\n2026;1;sygedagpenge;600\n2026;2;sygedagpenge;610\n",
        encoding="utf-8",
    )
    (post,) = read_budget_csv(tmp_path / "b.csv")
    o = budgetopfoelgning(post, read_actuals_csv(tmp_path / "a.csv"))
    punkt = drafting.budgetopfoelgning([o], udvalg="Beskæftigelsesudvalget")
    assert punkt.titel == "Budgetopfølgning 2026"
    assert "til og med februar" in punkt.sektion("sagsfremstilling").tekst[0]
    assert "Sygedagpenge: budgettet er 585 helårspersoner" in punkt.sektion("oekonomi").tekst[0]
    assert publiceringskontrol(punkt) == []


def test_an_effect_evaluation_item_puts_the_naive_figure_beside_the_effect():
    from indsats.evaluation.tekst import Sammenfatning

    s = Sammenfatning(
        navn="Projekt Styrke",
        deltagere=110,
        sammenligningspersoner=430,
        startperiode="uge 2 2023 til uge 40 2024",
        hovedmaal="selvforsørgende efter 52 uger",
        deltagere_andel=0.38,
        sammenligning_andel=0.31,
        effekt=0.07,
        nedre=-0.02,
        oevre=0.16,
        sikker=False,
        naiv_ved_start=0.04,
        naiv_efter=0.38,
        faerre_helaarspersoner=None,
        helaarspersoner_nedre=None,
        helaarspersoner_oevre=None,
        kroner=None,
        parallel_foer=True,
        tekst=(
            "Deltagerne var 7 procentpoint oftere selvforsørgende efter et år end "
            "sammenligningsgruppen; forskellen kan skyldes tilfældigheder.",
            "Før/efter-tallet (fra 4 % til 38 %) siger ikke noget om effekten.",
            "Effekten kan endnu ikke regnes om til kroner.",
        ),
        forbehold=("Matchingen kan ikke se helbred.",),
    )
    punkt = drafting.effektvurdering(s, udvalg="Beskæftigelsesudvalget")
    effekt = " ".join(punkt.sektion("effektvurdering").tekst)
    assert "7 procentpoint" in effekt and "fra 4 % til 38 %" in effekt
    (tabel,) = punkt.sektion("effektvurdering").tabeller
    assert tabel.raekker[0] == ("Deltagere", "110", "38 %")
    assert publiceringskontrol(punkt) == []
