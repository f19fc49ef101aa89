"""Goal pages: roles, suppression for the committee, drill-down, goal form, report download."""

import pytest
from django.urls import reverse

MONTH = "2024-06"
KOMMUNE = 573

SMALL_GOAL = {
    "id": "revalidering",
    "titel": "Personer i revalidering",
    "ejer": "Teamleder",
    "indikator": "fuldtidspersoner",
    "measure": "personer",
    "filtre": {"ydelse": ["revalidering"]},
    "forloeb": "maaned_mod_sidste_aar",
    "retning": "hoejere",
    "kommune": KOMMUNE,
}


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """A var/ directory with a small synthetic register for 573 and the month's report."""
    from indsats.goals.loader import demo_goals, goal_from_dict
    from indsats.register import generator, weeks
    from indsats.reports.build import build_report, report_dir

    var = tmp_path_factory.mktemp("var")
    reg = var / "register" / str(KOMMUNE)
    # scale 0.1: a small municipality, so small cells occur (revalidering: a handful)
    generator.generate_register(
        reg, [KOMMUNE], weeks.parse_week("2023W01"), weeks.parse_week("2024W26"), seed=0, scale=0.1
    )
    goals = [*demo_goals(KOMMUNE)[:2], goal_from_dict(SMALL_GOAL)]
    build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=reg,
        out_dir=report_dir(var / "reports", KOMMUNE, MONTH),
        goals=goals,
    )
    return var


@pytest.fixture
def with_report(settings, var_dir):
    settings.VAR_DIR = var_dir
    return var_dir


def _small_goal(var_dir):
    import json

    data = json.loads((var_dir / "reports" / str(KOMMUNE) / MONTH / "report.json").read_text())
    return next(g for g in data["maal"] if g["id"] == "revalidering")


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", ["leder", "analytiker", "admin", "udvalg"])
def test_results_page_for_allowed_roles(login, users, with_report, rolle):
    c = login(users[rolle])
    r = c.get(reverse("goals:resultater"))
    assert r.status_code == 200
    text = r.content.decode()
    assert "Helårspersoner på sygedagpenge" in text
    assert "Benchmark på offentlige tal" in text
    assert "Månedsrapport" in text  # navigation
    assert c.get(reverse("goals:rapport")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", ["jobraadgiver"])
def test_caseworkers_have_no_results_pages(login, users, with_report, rolle):
    c = login(users[rolle])
    assert c.get(reverse("goals:resultater")).status_code == 403
    assert c.get(reverse("goals:rapport_fil", args=[MONTH, "pdf"])).status_code == 403


@pytest.mark.django_db
def test_committee_sees_small_cells_suppressed_and_no_drilldown(login, users, with_report):
    g = _small_goal(with_report)
    assert g["personer"] is not None and g["personer"] < 5, "fixture should give a small cell"
    c = login(users["udvalg"])
    detail = c.get(reverse("goals:maal_detail", args=["revalidering"])).content.decode()
    assert 'data-felt="tal">&lt;5<' in detail
    assert "drill-down" not in detail and "Personer</th>" not in detail
    overview = c.get(reverse("goals:resultater")).content.decode()
    assert 'data-felt="tal">&lt;5<' in overview
    assert c.get(reverse("goals:maal_create")).status_code == 403
    assert c.post(reverse("goals:rapport_build"), {"maaned": MONTH}).status_code == 403


@pytest.mark.django_db
def test_leader_sees_the_figure_and_drilldown(login, users, with_report):
    from indsats.goals.numbers import format_value

    g = _small_goal(with_report)
    c = login(users["leder"])
    detail = c.get(reverse("goals:maal_detail", args=["revalidering"])).content.decode()
    assert f'data-felt="tal">{format_value(g["actual"], "personer")}<' in detail
    assert "Måned for måned (drill-down)" in detail


@pytest.mark.django_db
def test_report_download(login, users, with_report):
    c = login(users["udvalg"])
    r = c.get(reverse("goals:rapport_fil", args=[MONTH, "pdf"]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content)[:5] == b"%PDF-"
    r = c.get(reverse("goals:rapport_fil", args=[MONTH, "html"]))
    assert r.status_code == 200
    assert c.get(reverse("goals:rapport_fil", args=["2099-01", "pdf"])).status_code == 404
    assert c.get("/resultater/maanedsrapport/..%2F..%2Fetc/rapport.pdf").status_code == 404


@pytest.mark.django_db
def test_goal_form_gives_danish_field_errors(login, users, with_report):
    c = login(users["leder"])
    r = c.post(
        reverse("goals:maal_create"),
        {
            "goal_id": "ny-maal",
            "titel": "Nyt mål",
            "indikator": "fuldtidspersoner",
            "forloeb": "lineaer",
            "retning": "lavere",
            "tolerance": "0.05",
            "baseline_vaerdi": "100",
            "baseline_periode": "2024",
        },
    )
    assert r.status_code == 200
    assert "lineært forløb kræver både" in r.content.decode()
    r = c.post(
        reverse("goals:maal_create"),
        {
            "goal_id": "ny-maal",
            "titel": "Nyt mål",
            "indikator": "fuldtidspersoner",
            "forloeb": "lineaer",
            "retning": "lavere",
            "tolerance": "0.05",
            "baseline_vaerdi": "100",
            "baseline_periode": "2024",
            "target_vaerdi": "90",
            "target_periode": "20x6",
        },
    )
    assert "periode" in r.content.decode() and "skal være et år" in r.content.decode()


@pytest.mark.django_db
def test_leader_creates_a_goal_and_builds_the_report(login, users, settings, tmp_path, var_dir):
    import shutil

    from indsats.web.goals.models import Maal

    settings.VAR_DIR = tmp_path
    shutil.copytree(var_dir / "register", tmp_path / "register")
    c = login(users["leder"])
    r = c.post(
        reverse("goals:maal_create"),
        {
            "goal_id": "kh-fuldtid",
            "titel": "Kontanthjælp, fuldtidspersoner",
            "ejer": "Anne",
            "indikator": "fuldtidspersoner",
            "ydelse": "kontanthjaelp",
            "forloeb": "lineaer",
            "retning": "lavere",
            "tolerance": "0.05",
            "baseline_vaerdi": "60",
            "baseline_periode": "2023",
            "target_vaerdi": "50",
            "target_periode": "2025",
        },
    )
    assert r.status_code == 302, r.content.decode()
    m = Maal.objects.get(goal_id="kh-fuldtid")
    assert m.kommune_kode == KOMMUNE and m.oprettet_af == users["leder"]
    r = c.post(reverse("goals:rapport_build"), {"maaned": MONTH}, follow=True)
    assert "er bygget" in r.content.decode()
    page = c.get(reverse("goals:resultater")).content.decode()
    assert "Kontanthjælp, fuldtidspersoner" in page


@pytest.mark.django_db
def test_pages_mark_the_synthetic_register(login, users, with_report):
    c = login(users["leder"])
    html = c.get(reverse("goals:resultater")).content.decode()
    assert 'data-syntetisk="resultater"' in html and "Syntetiske tal" in html
    assert "Benchmark på offentlige tal" in html and 'data-daekning="delvis"' in html
    detail = c.get(reverse("goals:maal_detail", args=["revalidering"])).content.decode()
    assert 'data-syntetisk="maal"' in detail


@pytest.mark.django_db
def test_a_municipality_without_a_register_follows_its_public_figures(
    login, users, settings, tmp_path
):
    """No register under var/: the leader sets a quarterly goal on public figures and builds
    the report on the shipped DST series; goals on the register are listed as not computable."""
    settings.VAR_DIR = tmp_path
    c = login(users["leder"])
    page = c.get(reverse("goals:rapport")).content.decode()
    assert 'data-grundlag="offentlige_tal"' in page  # says the report will be on public figures
    r = c.post(
        reverse("goals:maal_create"),
        {
            "goal_id": "nettoledige-kh",
            "titel": "Færre nettoledige kontanthjælpsmodtagere",
            "indikator": "offentlige_tal",
            "ydelse": "nettoledige_kontanthjaelp",
            "forloeb": "lineaer",
            "retning": "lavere",
            "tolerance": "0.05",
            "baseline_vaerdi": "63",
            "baseline_periode": "2023K1",
            "target_vaerdi": "43",
            "target_periode": "2025Q1",
        },
    )
    assert r.status_code == 302, r.content.decode()
    r = c.post(reverse("goals:rapport_build"), {"maaned": MONTH}, follow=True)
    assert "er bygget" in r.content.decode(), r.content.decode()
    page = c.get(reverse("goals:resultater")).content.decode()
    assert "Færre nettoledige kontanthjælpsmodtagere" in page
    assert 'data-grundlag="offentlige_tal"' in page and "Offentlige tal, 2. kvt. 2024" in page
    assert "Kan ikke beregnes ud fra offentlige tal" in page
    assert 'data-ikke-beregnet="sdp-helaarspersoner"' in page
    assert 'data-syntetisk="resultater"' not in page
    detail = c.get(reverse("goals:maal_detail", args=["nettoledige-kh"])).content.decode()
    assert "Tal i 2. kvartal 2024" in detail and "Kvartal for kvartal (drill-down)" in detail
    assert "Danmarks Statistik" in detail and "leveret med indsats" in detail
    assert 'data-syntetisk="maal"' not in detail
