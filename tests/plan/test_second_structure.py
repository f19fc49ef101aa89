"""A second plan: Vordingborg 2019 (one year, six focus areas with måltal), so the model is not
shaped to one municipality."""

from datetime import date
from pathlib import Path

from indsats.goals.loader import goal_from_dict
from indsats.plan import load_plan, validate_version
from indsats.plan.document import dokument, render_html
from indsats.plan.validation import kendte_maal

FILE = Path(__file__).parent / "data" / "vordingborg_2019.yaml"

UNGE = goal_from_dict(
    {
        "id": "unge-uddannelseshjaelp-vb",
        "titel": "Unge på uddannelseshjælp",
        "ejer": "Ungeenheden",
        "indikator": "fuldtidspersoner",
        "filtre": {"ydelse": ["uddannelseshjaelp"]},
        "baseline": {"vaerdi": 365, "periode": "2018"},
        "target": {"vaerdi": 310, "periode": "2019"},
        "forloeb": "trinvis_aar",
        "retning": "lavere",
        "kommune": 390,
    }
)


def test_vordingborg_2019_is_a_valid_one_year_plan_with_six_focus_areas():
    v = load_plan(FILE)
    assert v.aarene == (2019,)
    assert len(v.fokusomraader) == 6
    goals = kendte_maal(v, ekstra=[UNGE])
    assert validate_version(v, goals=goals) == []
    # the bundled Vordingborg goal (a linear goal to 20 % in 2025) with this year's måltal
    off = next(m for m in v.alle_maal() if m.id == "offentlig-forsoergelse")
    assert goals[off.goal_id].target.vaerdi == 0.20 and off.maaltal_i(2019) == 0.235
    html = render_html(dokument(v, goals=goals, i_dag=date(2018, 11, 1)))
    assert "<td>Måltal 2019</td>" not in html and "<th>Måltal 2019</th>" in html
    assert "KLADDE – ikke godkendt" in html
    assert "Muligheder ved anlæg af ny Storstrømsbro" in html


def test_a_plan_without_the_goal_it_names_is_refused():
    v = load_plan(FILE)
    fejl = validate_version(v, goals=kendte_maal(v))
    assert [f.besked for f in fejl] == [
        "Målet »Færre unge på uddannelseshjælp«: målet 'unge-uddannelseshjaelp-vb' findes ikke "
        "i målmodulet."
    ]
