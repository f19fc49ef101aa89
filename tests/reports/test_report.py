"""The report for a small synthetic municipality: sections, numbers against the analytics,
suppression and the PDF's pages."""

import re

import pytest

from indsats.domain.numbers import format_share
from indsats.goals.numbers import format_value
from indsats.goals.suppression import is_suppressed

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
    assert "Benchmark: andel på offentlig forsørgelse" in html
    assert "Ydelsesregistret til og med 2024 uge 30" in html
    assert "juni 2024" in html and "Læsø" in html
    assert "<script" not in html  # static: no JavaScript
    assert html.count("data:image/svg+xml;base64,") == len(goals) + 1


def test_pdf_has_summary_goal_pages_and_benchmark(built_report, goals):
    # one summary page, one page per goal, one benchmark page
    assert built_report.pages == 1 + len(goals) + 1


def test_goal_numbers_match_the_analytics(built_report, small_register):
    data = {g["id"]: g for g in built_report.data["maal"]}
    rows = _analytics(small_register, "fuldtidspersoner", "2023-01", MONTH)
    sdp = [r for r in rows if r["ydelse"] == "sygedagpenge" and r["periode"] == MONTH][0]
    assert data["sdp"]["actual"] == pytest.approx(sdp["fuldtidspersoner"])
    assert data["sdp"]["personer"] == sdp["personer"]
    assert data["sdp"]["expected"] == 28
    last = [r for r in rows if r["ydelse"] == "sygedagpenge" and r["periode"] == "2023-06"][0]
    assert {p["maaned"]: p["vaerdi"] for p in data["sdp"]["serie"]}["2023-06"] == pytest.approx(
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
        assert data["kh-over-5"]["personer"] == min(
            kh[MONTH]["personer_over"], kh[MONTH]["personer"]
        )
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


def test_benchmark_uses_own_register_and_98_municipalities(built_report, small_register):
    b = built_report.data["benchmark"]
    assert b["n"] == 98 and len(b["naermeste"]) == 8
    ytd = _analytics(small_register, "andel_offentlig_forsoergelse", "2024-01", MONTH, "aar")
    assert b["egen"]["andel"] == pytest.approx(ytd[0]["andel"])
    assert b["egen"]["forskel"] == pytest.approx(b["egen"]["andel"] - b["egen"]["forventet"])
    html = built_report.html.read_text(encoding="utf-8")
    assert format_share(b["egen"]["andel"]) in html
    assert "aldersstruktur" in html  # says what the model lacks


def test_benchmark_ols_recovers_a_known_model():
    import numpy as np

    from indsats.goals.benchmark import fit_ols

    rng = np.random.default_rng(1)
    x = rng.normal(size=(98, 3))
    y = 0.1 + x @ np.array([0.02, -0.01, 0.005])
    beta, r2 = fit_ols(x, y)
    assert beta == pytest.approx([0.1, 0.02, -0.01, 0.005])
    assert r2 == pytest.approx(1.0)


def test_extra_sections_hook(tmp_path, small_register, national, goals):
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
        shares=national,
        extra_sections=[sec],
        charts=False,
    )
    assert "Økonomi" in r.html.read_text(encoding="utf-8")
    assert r.pages == 1 + 1 + 1 + 1


def test_duration_goals_warn_when_the_register_starts_too_late(built_report):
    data = {g["id"]: g for g in built_report.data["maal"]}
    # the register starts in 2023 W01: spells over 5 years cannot be seen before 2028
    assert "Registret begynder i 2023 uge 01" in data["kh-over-5"]["forbehold"]
    assert data["sdp"]["forbehold"] == ""
    assert "Forbehold:" in built_report.html.read_text(encoding="utf-8")


def test_demo_report_generates_the_register_and_writes_under_var(tmp_path, national, monkeypatch):
    from indsats.reports import build

    monkeypatch.setattr(build, "DEMO_REGISTER_WEEKS", ("2023W01", "2024W26"))
    calls = {}
    real = build.build_report

    def fake_build(**kw):
        calls.update(kw)
        return real(**{**kw, "shares": national, "pdf": False, "charts": False})

    monkeypatch.setattr(build, "build_report", fake_build)
    r = build.demo_report(kommune=825, var_dir=tmp_path)
    assert (tmp_path / "register" / "825").is_dir()
    assert r.html == tmp_path / "reports" / "825" / "2024-06" / "report.html"
    assert r.html.exists()


def test_a_version_1_report_json_reads_as_the_current_version(built_report, tmp_path):
    """Reports built before the names were settled (issue 11) still open in the web app."""
    import json

    from indsats.reports.build import _V1_KEYS, SCHEMA_VERSION, read_report_data

    current = read_report_data(built_report.json)
    assert current["version"] == SCHEMA_VERSION
    old = json.loads(built_report.json.read_text(encoding="utf-8"))
    old["version"] = 1
    for goal in old["maal"]:
        for v1, v2 in _V1_KEYS.items():
            goal[v1] = goal.pop(v2)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert read_report_data(path) == current
    newer = {**current, "version": SCHEMA_VERSION + 1}
    path.write_text(json.dumps(newer), encoding="utf-8")
    with pytest.raises(ValueError, match="newer than this program"):
        read_report_data(path)
