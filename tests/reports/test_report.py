"""The report for a small synthetic municipality: sections, numbers against the analytics,
suppression and the PDF's pages."""

import re
from datetime import date, datetime

import pytest

from indsats.goals.numbers import format_value
from indsats.goals.suppression import is_suppressed
from indsats.register import weeks

from .conftest import KOMMUNE, MONTH


def _analytics(register_dir, name, first, last, niveau="maaned"):
    from indsats.analytics.backend import connect, read_register
    from indsats.analytics.kontekst import Kontekst
    from indsats.analytics.suite import run_indicators
    from indsats.register.weeks import parse_periode

    reg = read_register(connect(), register_dir)
    ctx = Kontekst(periode=parse_periode(f"{first}:{last}"), niveau=niveau)
    return run_indicators(reg, ctx, [name], kommune=KOMMUNE)[name].to_pylist()


def test_report_files_and_one_section_per_goal(built_report, goals):
    html = built_report.html.read_text(encoding="utf-8")
    assert built_report.html.exists() and built_report.pdf.exists()
    assert built_report.pdf.read_bytes()[:5] == b"%PDF-"
    for g in goals:
        assert f'id="maal-{g.id}"' in html
        assert g.titel in html
    assert "Benchmark på offentlige tal: nettoledige kontanthjælpsmodtagere" in html
    assert "ydelsesregister til og med 2024 uge 30" in html
    assert "juni 2024" in html and "Læsø" in html
    assert "<script" not in html  # static: no JavaScript
    assert html.count("data:image/svg+xml;base64,") == len(goals) + 1


def test_pdf_has_summary_goal_pages_and_benchmark(built_report, goals):
    # one summary page, one page per goal, the benchmark (with its model table) on two pages
    assert built_report.pages == 1 + len(goals) + 2


def test_goal_numbers_match_the_analytics(built_report, small_register):
    data = {g["id"]: g for g in built_report.data["maal"]}
    rows = _analytics(small_register, "fuldtidspersoner", "2023-01", MONTH)
    sdp = [r for r in rows if r["ydelse"] == "sygedagpenge" and r["periode"] == MONTH][0]
    assert data["sdp"]["actual"] == pytest.approx(sdp["fuldtidspersoner"])
    assert data["sdp"]["personer"] == sdp["personer"]
    assert data["sdp"]["expected"] == 28
    last = [r for r in rows if r["ydelse"] == "sygedagpenge" and r["periode"] == "2023-06"][0]
    assert {p["periode"]: p["vaerdi"] for p in data["sdp"]["serie"]}["2023-06"] == pytest.approx(
        last["fuldtidspersoner"]
    )

    share = [
        r
        for r in _analytics(small_register, "andel_offentlig_forsoergelse", "2023-01", MONTH)
        if r["periode"] == MONTH
    ][0]
    assert data["offentlig"]["actual"] == pytest.approx(share["andel"])

    kh = {
        r["periode"]: r
        for r in _analytics(small_register, "kontanthjaelp_over_5_aar", "2023-01", MONTH)
    }
    if MONTH in kh:
        assert data["kh-over-5"]["actual"] == pytest.approx(kh[MONTH]["andel_over"])
        # a share rests on its group: the persons on kontanthjælp (issue 15), not on how few
        # of them are over 5 years
        assert data["kh-over-5"]["personer"] == kh[MONTH]["personer"]
        # month by month: expected = the same month last year
        assert data["kh-over-5"]["expected"] == pytest.approx(kh["2023-06"]["andel_over"])


def test_html_shows_the_numbers_or_suppresses_them(built_report):
    html = built_report.html.read_text(encoding="utf-8")
    for g in built_report.data["maal"]:
        section = html.split(f'id="maal-{g["id"]}"')[1].split("</section>")[0]
        shown = re.search(r'data-felt="tal">([^<]*)<', section).group(1)
        if g["actual"] is None:
            assert shown == "–"
        elif is_suppressed(g["personer"]):
            assert shown == "&lt;5"
        else:
            assert shown == format_value(g["actual"], g["enhed"])


def test_small_cells_are_suppressed_in_the_report(built_report):
    # Læsø is small: at least one figure rests on fewer than 5 persons and shows "<5"
    small = [
        g
        for g in built_report.data["maal"]
        if g["actual"] is not None and is_suppressed(g["personer"])
    ]
    html = built_report.html.read_text(encoding="utf-8")
    assert small, "expected a small cell in the Læsø register"
    for g in small:
        section = html.split(f'id="maal-{g["id"]}"')[1].split("</section>")[0]
        section = re.sub(r'src="data:[^"]*"', "", section).split("Udgangspunkt")[0]
        figure = re.escape(format_value(g["actual"], g["enhed"]))
        assert not re.search(rf"(?<![\d.,]){figure}(?![\d.,])", re.sub(r"<[^>]+>", " ", section))
        for felt in ("tal", "forskel", "prognose"):
            assert re.search(rf'data-felt="{felt}">&lt;5<', section)


def test_benchmark_is_on_real_public_figures_for_98_municipalities(built_report):
    from indsats.publicdata.offentlige_tal import shipped_series

    b = built_report.data["benchmark"]
    assert b["n"] == 98 and len(b["naermeste"]) == 8
    # the four quarters complete by June 2024, from DST AUK01 (shipped)
    assert list(b["kvartaler"]) == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    real = shipped_series().vaerdier[KOMMUNE]
    mean = sum(real[q] for q in b["kvartaler"]) / 4
    assert b["egen"]["fuldtidspersoner"] == pytest.approx(mean)
    assert b["egen"]["forskel"] == pytest.approx(b["egen"]["andel"] - b["egen"]["forventet"])
    assert b["egen"]["nedre"] < b["egen"]["forventet"] < b["egen"]["oevre"]
    assert not b["alle_ydelser"] and b["serie"] == "Nettoledige kontanthjælpsmodtagere"
    html = built_report.html.read_text(encoding="utf-8")
    assert 'data-daekning="delvis"' in html and "Dækker kun" in html  # says what it covers
    assert "helbred" in html  # says what the model lacks
    assert "R² =" in html and "Kilde: Danmarks Statistik" in html


def test_benchmark_model_uncertainty_and_rank():
    from indsats.goals.benchmark import real_benchmark

    b = real_benchmark(390, "2023-12")
    ranks = sorted(r.placering for r in b.alle)
    assert ranks == list(range(1, 99))
    assert 0 < b.r2 < 1 and b.r2_justeret < b.r2
    for r in b.alle:
        outside = r.andel < r.nedre or r.andel > r.oevre
        assert (r.vurdering != "som forventet") == outside
    assert set(b.standardfejl) == set(b.koefficienter) and all(
        v > 0 for v in b.standardfejl.values()
    )


def test_extra_sections_hook(tmp_path, small_register, goals):
    from indsats.reports.build import build_report
    from indsats.reports.sections import EkstraAfsnit, EkstraTabel

    sec = EkstraAfsnit(
        "Økonomi", (EkstraTabel("Budget", ("Ydelse", "Kr."), (("Sygedagpenge", "1.000"),)),)
    )
    r = build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=small_register,
        out_dir=tmp_path,
        goals=goals[:1],
        extra_sections=[sec],
        charts=False,
    )
    assert "Økonomi" in r.html.read_text(encoding="utf-8")
    assert r.pages == 1 + 1 + 2 + 1


def test_duration_goals_warn_when_the_register_starts_too_late(built_report):
    data = {g["id"]: g for g in built_report.data["maal"]}
    # the register starts in 2023 W01: spells over 5 years cannot be seen before 2028
    assert "Registret begynder i 2023 uge 01" in data["kh-over-5"]["forbehold"]
    assert data["sdp"]["forbehold"] == ""
    assert "Forbehold:" in built_report.html.read_text(encoding="utf-8")


def test_demo_report_generates_the_register_and_writes_under_var(tmp_path, monkeypatch):
    from indsats.reports import build

    calls = {}
    real = build.build_report

    def fake_build(**kw):
        calls.update(kw)
        return real(**{**kw, "pdf": False, "charts": False})

    monkeypatch.setattr(build, "build_report", fake_build)
    # Built on Wednesday 3 July 2024: the register ends with the week that ended on Sunday 30
    # June (2024W26) and the report is for June, the last complete month.
    r = build.demo_report(
        kommune=825, var_dir=tmp_path, today=date(2024, 7, 3), first_week="2023W01"
    )
    assert (tmp_path / "register" / "825").is_dir()
    assert build._coverage(tmp_path / "register" / "825") == (
        weeks.parse_week("2023W01"),
        weeks.parse_week("2024W26"),
    )
    assert r.html == tmp_path / "reports" / "825" / "2024-06" / "report.html"
    assert r.html.exists()


@pytest.mark.parametrize(
    ("today", "week", "month"),
    [
        (date(2026, 12, 3), "2026W48", "2026-11"),  # a Thursday: the week before is complete
        (date(2025, 3, 15), "2025W10", "2025-02"),
        (date(2024, 6, 30), "2024W25", "2024-05"),  # a Sunday: its own week is not over
        (date(2024, 7, 1), "2024W26", "2024-06"),  # a Monday: yesterday ended the week
        # Monday 2 November: the register ends with the week of Thursday 29 October, and the
        # next week (Thursday 5 November) is November's, so October is complete ...
        (date(2026, 11, 2), "2026W44", "2026-10"),
        # ... while on Sunday 1 November the last complete week (Thursday 22 October) leaves
        # October unfinished: the report is for September.
        (date(2026, 11, 1), "2026W43", "2026-09"),
    ],
)
def test_the_demo_lives_on_the_day_it_is_built(today, week, month):
    from indsats.reports import build

    first, last = build.demo_register_weeks(today)
    assert weeks.label(first) == build.DEMO_FIRST_WEEK == "2020W01"
    assert weeks.label(last) == week
    assert build.demo_month(today) == month


def test_a_day_the_demo_cannot_be_built_for_is_a_clear_error():
    from indsats.reports import build

    now = date(2026, 12, 3)
    assert build.demo_day_check(date(2025, 3, 15), now=now) == date(2025, 3, 15)
    with pytest.raises(build.DemoDayError, match="earliest day is 2024-01-01"):
        build.demo_day_check(date(2023, 12, 31), now=now)
    with pytest.raises(build.DemoDayError, match=r"lies after today \(2026-12-03\)"):
        build.demo_day_check(date(2026, 12, 4), now=now)


def test_synthetic_figures_are_marked_on_every_page(built_report):
    import re

    data = built_report.data
    assert data["datakilde"]["syntetisk"]
    html = built_report.html.read_text(encoding="utf-8")
    assert 'data-syntetisk="forside"' in html and 'data-syntetisk="data"' in html
    assert html.count('data-syntetisk="maal"') == len(data["maal"])  # each goal page
    assert "(syntetiske tal)" in html  # the summary table's heading
    chart = (built_report.html.parent / "charts" / "sdp.svg").read_text(encoding="utf-8")
    assert "syntetiske tal" in chart
    assert re.search(r"Syntetisk</span> ydelsesregister", html)


def test_a_goal_on_too_few_persons_is_flagged_not_on_track(built_report):
    from indsats.goals.model import Status

    for g in built_report.data["maal"]:
        if g["status"] in (Status.PAA_SPORET, Status.I_RISIKO, Status.BAGUD):
            assert not is_suppressed(g["personer"]), g["id"]
    flagged = [g for g in built_report.data["maal"] if g["status"] == Status.IKKE_VURDERBAR]
    assert flagged and all("færre end 5 personer" in g["text_da"] for g in flagged)


def test_share_goal_on_a_register_without_all_benefits_is_flagged(tmp_path, goals):
    from indsats.register import generator, weeks
    from indsats.register.store import read_register, write_register
    from indsats.reports.build import report_data

    full = tmp_path / "full"
    generator.generate_register(
        full, [KOMMUNE], weeks.parse_week("2023W40"), weeks.parse_week("2024W26"), seed=1
    )
    t = read_register(full)
    import pyarrow.compute as pc

    only_kh = t.filter(pc.equal(t.column("ydelse"), "kontanthjaelp"))
    write_register(only_kh, tmp_path / "kh")
    data = report_data(kommune=KOMMUNE, month=MONTH, register_dir=tmp_path / "kh", goals=goals[1:2])
    [g] = data["maal"]
    assert g["id"] == "offentlig" and g["status"] == "ikke_vurderbar"
    assert "mangler" in g["text_da"] and "alle ydelser" in g["text_da"]
    assert data["register_ydelser"] == ["kontanthjaelp"]
    assert not data["datakilde"]["syntetisk"]  # an imported register is not marked


def test_the_report_is_written_for_the_committee(built_report):
    """Issue 15: no rule or indicator ids, file names, English words or internal document names
    in the report a committee reads, and "<5" only on counts of persons, never on a share."""
    from indsats.committee.text import tekstproblemer

    html = built_report.html.read_text(encoding="utf-8")
    assert tekstproblemer(html) == []
    assert "andel af kontanthjælpsforløb over 5 år" in html  # the measure's name, not its id


def test_the_monthly_report_item_passes_the_publishing_check(built_report):
    from indsats.committee.drafting import maanedsrapport
    from indsats.committee.publishing import publiceringskontrol
    from indsats.reports.render import visning

    punkt = maanedsrapport(visning(built_report.data, skjul=True), udvalg="Beskæftigelsesudvalget")
    assert publiceringskontrol(punkt) == []


def _tables(html: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every table in `html` as (header cells, body rows of cells), visible text only."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[tuple[list[str], list[list[str]]]] = []
            self.cell: list[str] | None = None
            self.row: list[str] = []
            self.in_head = False

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append(([], []))
            elif tag == "thead":
                self.in_head = True
            elif tag == "tr":
                self.row = []
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.row.append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "thead":
                self.in_head = False
            elif tag == "tr" and self.tables:
                head, body = self.tables[-1]
                if self.in_head or (not head and not body and all(self.row)):
                    head.extend(self.row)
                else:
                    body.append(self.row)

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    p = P()
    p.feed(html)
    return p.tables


def _no_suppressed_share(html: str) -> None:
    """ "<5" stands only where a count of persons stands: never in a share's column or row."""
    for head, body in _tables(html):
        for row in body:
            for i, cell in enumerate(row):
                if cell != "<5":
                    continue
                column = head[i].lower() if i < len(head) else ""
                assert "andel" not in column and "%" not in column, (head, row)
                assert not row[0].lower().startswith("andel"), (head, row)


def test_small_cells_in_the_rendered_report_and_item(small_register, goals, tmp_path):
    """Issue 15, on the HTML the committee reads (the report and its committee item): a true
    zero is 0, a count of 1-4 persons is "<5", a share is never "<5", and a share derived from
    a suppressed count is hidden too."""
    from indsats.committee.documents import moededokument, render_html
    from indsats.committee.drafting import maanedsrapport
    from indsats.committee.model import Moede
    from indsats.companyservice.barometer import BarometerRaekke
    from indsats.companyservice.measures import ServiceMeasures
    from indsats.reports.build import build_report
    from indsats.reports.render import visning
    from indsats.reports.sections import companyservice_section

    measures = ServiceMeasures(
        fra=date(2024, 6, 1),
        til=date(2024, 6, 30),
        kontakter_i_alt={"telefon": 7},
        placeringer_afsluttet=40,
        placeringer_blev_job=3,  # 3 of 40: the count is "<5", so its share is hidden too
    )
    barometer = [
        BarometerRaekke(1, "Bygge og anlæg", stillinger=6, placeringer_job=0),
        BarometerRaekke(2, "Handel", stillinger=4, placeringer_job=3),
        BarometerRaekke(3, "Industri", stillinger=9, placeringer_job=12),
    ]
    from indsats.goals.loader import load_goals

    # no one on integrationsydelse on Læsø in the register: a count of persons that is a true 0
    nul = tmp_path / "nul.yaml"
    nul.write_text(
        "maal:\n  - id: integration\n    titel: Personer på integrationsydelse\n"
        "    ejer: Teamleder\n    indikator: fuldtidspersoner\n    measure: personer\n"
        "    filtre: {ydelse: [integrationsydelse]}\n    forloeb: maaned_mod_sidste_aar\n"
        "    retning: lavere\n",
        encoding="utf-8",
    )
    report = build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=small_register,
        out_dir=tmp_path / "rapport",
        goals=[*goals, *load_goals(nul)],
        extra_sections=[companyservice_section(measures, barometer)],
        charts=False,
        pdf=False,
    )
    html = report.html.read_text(encoding="utf-8")
    tables = _tables(html)
    noegletal = next(dict(r[:2] for r in body) for head, body in tables if head == ["Mål", "Værdi"])
    assert noegletal["Placeringer afsluttet"] == "40"
    assert noegletal["Heraf blevet til ordinært job"] == "<5"
    assert noegletal["Andel placeringer blevet til job"] == "skjult"
    head, body = next(t for t in tables if "Placeringer blevet til job" in t[0])
    job = {r[0]: r[head.index("Placeringer blevet til job")] for r in body}
    assert job == {"Bygge og anlæg": "0", "Handel": "<5", "Industri": "12"}  # a true zero is 0

    _no_suppressed_share(html)

    # the committee item drafted from the report, as the meeting document renders it
    punkt = maanedsrapport(visning(report.data, skjul=True), udvalg="Beskæftigelsesudvalget")
    moede = Moede(
        organ="Beskæftigelsesudvalget",
        kommune_navn="Læsø",
        tidspunkt=datetime(2024, 7, 10, 15, 0),
        sted="Rådhuset",
        punkter=(punkt,),
    )
    item = render_html(moededokument(moede, referat=False, offentlig=True))
    _no_suppressed_share(item)
    shown_goals = {g["titel"]: g for g in visning(report.data, skjul=True)["maal"]}
    [(head, body)] = [t for t in _tables(item) if t[0][:2] == ["Mål", "Seneste tal"]]
    for row in body:
        g = next(x for x in report.data["maal"] if x["titel"] == row[0])
        last = g["serie"][-1]["personer"] if g["serie"] else None
        if g["measure"] in ("personer", "antal") and last is not None and 0 < last < 5:
            assert row[1] == "<5", row
        elif last == 0:
            assert row[1] != "<5", row
        if g["measure"] not in ("personer", "antal"):
            assert row[1] != "<5", row  # a share of a small group is "skjult"
        assert row[1] == shown_goals[row[0]]["tal"]
    integration = next(r for r in body if r[0] == "Personer på integrationsydelse")
    assert integration[1] == "0", integration  # a true zero discloses no one
