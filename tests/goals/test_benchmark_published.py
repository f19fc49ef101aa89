"""Issue 19: the agreement with the ministry's published benchmark results.

`compare_published()` on the shipped data must give the figures docs/goals.md states (so the
doc cannot drift silently), and on a hand-made series it must report an agreement that is known
by construction.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from indsats.domain.kommuner import all_kommuner, get_kommune
from indsats.goals.benchmark import compare_published
from indsats.publicdata.offentlige_tal import Serie, shipped_series
from indsats.publicdata.rammevilkaar import PublishedRank, structural_inputs_all

GOALS_MD = Path(__file__).resolve().parents[2] / "docs" / "goals.md"


@pytest.fixture
def no_fetched_tables(tmp_path, monkeypatch):
    """An empty var/: the shipped data only, whatever a developer has fetched."""
    monkeypatch.setenv("INDSATS_VAR_DIR", str(tmp_path))


def _documented_rows() -> dict[str, tuple[str, str, str, str]]:
    """docs/goals.md's table: publication -> (our quarters, R², mean place, 'k of n')."""
    text = GOALS_MD.read_text(encoding="utf-8")
    section = text[text.index("**Figures on the shipped series**") :]
    rows = {}
    for line in section.splitlines():
        m = re.match(
            r"\| (\d{4}-\d\d) \([^|]*\) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", line
        )
        if m:
            rows[m[1]] = (m[2].strip(), m[3].strip(), m[4].strip(), m[5].strip())
    return rows


def test_shipped_agreement_is_what_docs_goals_md_states(no_fetched_tables):
    computed = compare_published(shipped_series())
    documented = _documented_rows()
    assert [a.offentliggjort for a in computed] == list(documented)
    for a in computed:
        assert documented[a.offentliggjort] == (
            a.periode,
            f"{a.r2:.2f}",
            f"{a.gennemsnit:.1f}",
            f"{a.i_vores_top_25} of {len(a.ministeriets)}",
        ), a.offentliggjort
    # the finding's prose quotes the same figures
    text = GOALS_MD.read_text(encoding="utf-8")
    means = [a.gennemsnit for a in computed]
    assert f"place {int(min(means))}-{int(max(means))} of 98" in text
    before_2021 = [a.r2 for a in computed if a.offentliggjort < "2021"]
    assert f"R² {min(before_2021):.2f}-{max(before_2021):.2f}" in text
    assert f"({computed[-1].r2:.2f})" in text
    # every municipality the ministry listed is placed, among the 98
    assert all(1 <= ours <= 98 for a in computed for _, _, ours in a.ministeriets)


QUARTERS = ("2023Q1", "2023Q2", "2023Q3", "2023Q4")
LISTED = ("Billund", "Ballerup", "Solrød", "Fredensborg", "Furesø")  # the hand-made list


def _series_with_residuals(residual: dict[int, float], root: Path) -> Serie:
    """A series whose share is 5 % plus `residual` made orthogonal to the model's inputs for
    2023: OLS then fits the constant, leaves exactly that residual and has R² = 0."""
    kommuner = [k.kode for k in all_kommuner()]
    rows, _ = structural_inputs_all(kommuner, 2023, root)
    x = np.array([[1.0, *row.values()] for row in rows])
    r = np.array([residual.get(k, 0.0) for k in kommuner])
    e = r - x @ np.linalg.lstsq(x, r, rcond=None)[0]
    from indsats.register.calibration import befolkning

    values = {
        k: {q: float((0.05 + e[i]) * befolkning(k, 2023)) for q in QUARTERS}
        for i, k in enumerate(kommuner)
    }
    return Serie("i_alt", values, "hand-made test series (not real figures)")


def _published(names) -> list[PublishedRank]:
    kode = {get_kommune(k.kode).navn: k.kode for k in all_kommuner()}
    return [
        PublishedRank("test", "", i, kode[n], n, None, None, "test")
        for i, n in enumerate(names, start=1)
    ]


@pytest.mark.parametrize(
    "sign,places,mean,top25",
    [(-1, [1, 2, 3, 4, 5], 3.0, 5), (+1, [98, 97, 96, 95, 94], 96.0, 0)],
    ids=["full agreement", "full disagreement"],
)
def test_known_agreement_on_a_hand_made_series(
    no_fetched_tables, tmp_path, sign, places, mean, top25
):
    kode = {p.navn: p.kommune for p in _published(LISTED)}
    # the listed municipalities furthest below (or above) expected, in the list's order
    residual = {kode[n]: sign * 0.02 * (len(LISTED) - i) for i, n in enumerate(LISTED)}
    serie = _series_with_residuals(residual, tmp_path / "empty")
    [a] = compare_published(serie, published=_published(LISTED), periods={"test": "2023-12"})
    assert a.periode == "2023K1-2023K4"
    assert [(p, n) for p, n, _ in a.ministeriets] == list(enumerate(LISTED, start=1))
    assert [ours for _, _, ours in a.ministeriets] == places
    assert a.gennemsnit == mean and a.i_vores_top_25 == top25
    assert a.r2 == pytest.approx(0.0, abs=1e-9)


def test_an_unknown_publication_is_an_error(no_fetched_tables):
    with pytest.raises(ValueError, match="no published list 'nope'"):
        compare_published(shipped_series(), periods={"nope": "2023-12"})
