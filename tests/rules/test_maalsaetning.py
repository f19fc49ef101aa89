"""Municipality-level 75 % / 25 % figures from 2026-07-01 (lov 1750/2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from indsats.rules.maalsaetning import FIGURES, maal_pr_sag, maalopfyldelse
from indsats.rules.model import Sag
from indsats.rules.obligations import obligations
from indsats.rules.vectorised import cases_to_frames, obligations_frame


def _kh(i: int, samtaler: int, tilbud: bool) -> Sag:
    raw = {
        "sag_id": f"K{i}",
        "ydelse": "kontanthjaelp",
        "visitation": "jobparat",
        "foedselsdato": "1980-01-01",
        "start": "2026-07-06",
        "samtaler": [{"dato": f"2026-07-{7 + k:02d}"} for k in range(samtaler)],
    }
    if tilbud:
        raw["tilbud"] = [
            {"type": "virksomhedspraktik", "start": "2026-10-01", "slut": "2026-10-31"}
        ]
    return Sag.from_dict(raw)


SAGER = [_kh(0, 4, True), _kh(1, 4, False), _kh(2, 1, True), _kh(3, 4, True), _kh(4, 0, False)]
AS_OF = date(2027, 2, 1)


def test_lov1750_shares_from_list() -> None:
    rows = [o for s in SAGER for o in obligations(s, AS_OF)]
    res = maalopfyldelse(rows, AS_OF, fritagne_sager=["K4"])
    assert res["samtale"] == {
        "sager": 4,
        "opfyldt": 3,
        "andel": Decimal("0.75"),
        "maalsaetning": Decimal("0.75"),
        "naaet": True,
    }
    assert res["tilbud"]["opfyldt"] == 3 and res["tilbud"]["naaet"] is True
    assert res["fritagne"]["andel"] == Decimal("0.2000") and res["fritagne"]["overholdt"] is True
    assert res["status"] == "verified"


def test_lov1750_same_from_frame() -> None:
    df = obligations_frame(cases_to_frames(SAGER), AS_OF)
    rows = [o for s in SAGER for o in obligations(s, AS_OF)]
    assert maalopfyldelse(df, AS_OF, fritagne_sager=["K4"]) == maalopfyldelse(
        rows, AS_OF, fritagne_sager=["K4"]
    )


@pytest.mark.parametrize("as_of", [date(2026, 8, 1), date(2026, 10, 15), AS_OF])
@pytest.mark.parametrize("periode", [None, (date(2026, 7, 1), date(2026, 12, 31))])
def test_the_cases_parts_add_up_to_the_figures(as_of, periode) -> None:
    """`maal_pr_sag` is what the web app stores per case: counted over a period, from a list or
    a frame, it gives `maalopfyldelse`'s figures."""
    rows = [o for s in SAGER for o in obligations(s, as_of)]
    df = obligations_frame(cases_to_frames(SAGER), as_of)
    figures = maalopfyldelse(rows, as_of, periode=periode)
    parts = maal_pr_sag(rows, as_of)
    assert maal_pr_sag(df, as_of) == parts
    for figure in FIGURES:
        shown = [
            met
            for last, met in parts[figure].values()
            if periode is None or periode[0] <= last <= periode[1]
        ]
        assert (len(shown), sum(shown)) == (
            figures[figure]["sager"],
            figures[figure]["opfyldt"],
        )
    if as_of == AS_OF:
        assert parts["samtale"]["K2"][1] is False and parts["samtale"]["K0"][1] is True


def test_lov1750_too_many_exempt_and_missed_target() -> None:
    rows = [o for s in SAGER for o in obligations(s, AS_OF)]
    res = maalopfyldelse(rows, AS_OF, fritagne_sager=["K0", "K3"])
    assert res["fritagne"]["overholdt"] is False
    assert res["samtale"]["andel"] == Decimal("0.3333") and res["samtale"]["naaet"] is False


def test_lov1750_open_periods_not_counted_and_no_targets_before() -> None:
    rows = [o for s in SAGER for o in obligations(s, date(2026, 8, 1))]
    assert maalopfyldelse(rows, date(2026, 8, 1))["samtale"]["sager"] == 0
    with pytest.raises(ValueError, match="no municipality-level targets"):
        maalopfyldelse(rows, date(2026, 6, 30))


def _dp(i: int, akasse: int, jobcenter: int) -> Sag:
    """A dagpenge case from 2026-07-06: a-kasse samtaler in months 1-3, jobcenter in months 4-6."""
    samtaler = [{"dato": f"2026-07-{8 + k:02d}", "holder": "akasse"} for k in range(akasse)]
    samtaler += [{"dato": f"2026-10-{8 + k:02d}"} for k in range(jobcenter)]
    return Sag.from_dict(
        {"sag_id": f"D{i}", "ydelse": "dagpenge", "start": "2026-07-06", "samtaler": samtaler}
    )


def test_lov1750_akasse_samtaler_are_the_akasses_target() -> None:
    """The municipality's samtale figure counts its own samtaler; the a-kasse's are apart."""
    sager = [_dp(0, 2, 2), _dp(1, 0, 2), _dp(2, 2, 0)]
    rows = [o for s in sager for o in obligations(s, AS_OF)]
    res = maalopfyldelse(rows, AS_OF)
    assert (res["samtale"]["sager"], res["samtale"]["opfyldt"]) == (3, 2)
    assert (res["samtale_akasse"]["sager"], res["samtale_akasse"]["opfyldt"]) == (3, 2)


def test_lov1750_exemptions_per_kind_and_uddannelsesparate_in_the_tilbud_group() -> None:
    udd = Sag.from_dict(
        {
            "sag_id": "U1",
            "ydelse": "kontanthjaelp",
            "visitation": "uddannelsesparat",
            "alder": 22,
            "start": "2026-07-06",
            "tilbud": [{"type": "virksomhedspraktik", "start": "2026-09-01", "slut": "2026-09-30"}],
        }
    )
    rows = [o for s in [*SAGER, udd] for o in obligations(s, AS_OF)]
    res = maalopfyldelse(rows, AS_OF, fritagne_tilbud=["K1", "K4"])
    assert res["tilbud"] == {
        "sager": 4,
        "opfyldt": 4,
        "andel": Decimal("1.0000"),
        "maalsaetning": Decimal("0.75"),
        "naaet": True,
    }
    assert res["fritagne_tilbud"]["maalgruppe_sager"] == 6
    assert res["fritagne_tilbud"]["andel"] == Decimal("0.3333")
    assert res["fritagne_tilbud"]["overholdt"] is False
    assert res["fritagne_samtaler"]["sager"] == 0
    assert res["opgoerelse"]["status"] == "unverified"


def test_lov1750_measurement_period() -> None:
    rows = [o for s in SAGER for o in obligations(s, AS_OF)]
    # the five cases' 6 months end 2027-01-05: inside the first period, outside the second
    assert (
        maalopfyldelse(rows, AS_OF, periode=(date(2027, 1, 1), date(2027, 1, 31)))["samtale"][
            "sager"
        ]
        == 5
    )
    assert (
        maalopfyldelse(rows, AS_OF, periode=(date(2026, 12, 1), date(2026, 12, 31)))["samtale"][
            "sager"
        ]
        == 0
    )
    with pytest.raises(ValueError, match="before it starts"):
        maalopfyldelse(rows, AS_OF, periode=(date(2027, 1, 31), date(2027, 1, 1)))


def test_no_cases_give_no_shares_not_an_error() -> None:
    """A team without cases: the frame from obligations_frame is empty (and may have no
    columns); the targets are there, with nothing to count."""
    import pandas as pd

    figures = maalopfyldelse(pd.DataFrame(), date(2026, 11, 2))
    for figure in ("samtale", "samtale_akasse", "tilbud"):
        assert figures[figure]["sager"] == 0
        assert figures[figure]["andel"] is None
