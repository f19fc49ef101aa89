"""The vectorised paths give exactly the per-case results (hypothesis on generated cases)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indsats.domain.maalgrupper import Maalgruppe, Visitation
from indsats.domain.tilbud import TilbudType
from indsats.domain.ydelser import Ydelse
from indsats.rules.model import (
    Forlaengelse,
    InputError,
    Periode,
    Repatriering,
    Sag,
    Samtale,
    SygedagpengeInfo,
    Tilbud,
)
from indsats.rules.obligations import obligations
from indsats.rules.refusion import HistoryRow, refusion_tiers_arrays, refusion_weeks
from indsats.rules.vectorised import cases_to_frames, frame_to_dicts, obligations_frame

BOUNDARIES = [
    date(2020, 1, 1),
    date(2023, 3, 22),
    date(2024, 1, 1),
    date(2025, 1, 1),
    date(2025, 7, 1),
    date(2026, 7, 1),
]

# (ydelse, maalgruppe, visitation, valid start range)
KINDS = [
    (Ydelse.DAGPENGE, Maalgruppe.DAGPENGE, None, None),
    (Ydelse.KONTANTHJAELP, Maalgruppe.JOBPARAT_KONTANTHJAELP, Visitation.JOBPARAT, None),
    (
        Ydelse.KONTANTHJAELP,
        Maalgruppe.AKTIVITETSPARAT_KONTANTHJAELP,
        Visitation.AKTIVITETSPARAT,
        None,
    ),
    (
        Ydelse.UDDANNELSESHJAELP,
        Maalgruppe.UDDANNELSESPARAT,
        Visitation.UDDANNELSESPARAT,
        date(2025, 6, 30),
    ),
    (
        Ydelse.UDDANNELSESHJAELP,
        Maalgruppe.UDDANNELSESPARAT,
        Visitation.AABENLYST_UDDANNELSESPARAT,
        date(2025, 6, 30),
    ),
    (
        Ydelse.UDDANNELSESHJAELP,
        Maalgruppe.AKTIVITETSPARAT_UNDER_30,
        Visitation.AKTIVITETSPARAT,
        date(2025, 6, 30),
    ),
    # kontanthjælp under 30 without education after the 2025 reform (tilbud target from 2026)
    (Ydelse.KONTANTHJAELP, Maalgruppe.UDDANNELSESPARAT, Visitation.UDDANNELSESPARAT, None),
    (Ydelse.KONTANTHJAELP, Maalgruppe.AKTIVITETSPARAT_UNDER_30, Visitation.AKTIVITETSPARAT, None),
    (Ydelse.SYGEDAGPENGE, Maalgruppe.SYGEDAGPENGE, None, None),
    (Ydelse.JOBAFKLARINGSFORLOEB, Maalgruppe.JOBAFKLARINGSFORLOEB, None, None),
    (Ydelse.RESSOURCEFORLOEB, Maalgruppe.RESSOURCEFORLOEB, None, None),
    (Ydelse.LEDIGHEDSYDELSE, Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE, None, None),
    (Ydelse.FLEKSJOB, Maalgruppe.FLEKSJOB_LEDIGHEDSYDELSE, None, None),
    (Ydelse.REVALIDERING, Maalgruppe.REVALIDERING, None, None),
    (Ydelse.FOERTIDSPENSION, Maalgruppe.FOERTIDSPENSION, None, None),
]


@st.composite
def dates_near(
    draw, lo: date = date(2020, 1, 1), hi: date = date(2027, 6, 30), spread: int = 200
) -> date:
    base = draw(st.sampled_from(BOUNDARIES))
    day = base + timedelta(days=draw(st.integers(-spread, spread)))
    return min(max(day, lo), hi)


@st.composite
def sager(draw, idx: int) -> Sag:
    ydelse, grp, vis, last = draw(st.sampled_from(KINDS))
    start = draw(dates_near(hi=last or date(2027, 6, 30)))
    opt_date = st.one_of(
        st.none(), st.builds(lambda k: start + timedelta(days=k), st.integers(-20, 400))
    )
    samt = tuple(
        Samtale(
            start + timedelta(days=draw(st.integers(-10, 520))),
            draw(st.sampled_from(["jobcenter", "akasse"])),
            draw(
                st.sampled_from(
                    ["jobsamtale", "jobsamtale", "faelles", "opfoelgning", "repatriering"]
                )
            ),
        )
        for _ in range(draw(st.integers(0, 7)))
    )
    tb = []
    for _ in range(draw(st.integers(0, 3))):
        ts = start + timedelta(days=draw(st.one_of(st.integers(-10, 260), st.integers(175, 215))))
        te = draw(
            st.one_of(
                st.none(),
                st.sampled_from([0, 12, 13, 14, 20, 40]).map(
                    lambda k, ts=ts: ts + timedelta(days=k)
                ),
            )
        )
        to = draw(
            st.one_of(st.none(), st.integers(-60, 10).map(lambda k, ts=ts: ts + timedelta(days=k)))
        )
        tb.append(Tilbud(draw(st.sampled_from(list(TilbudType))), ts, te, to))
    fr = []
    for _ in range(draw(st.integers(0, 2))):
        fs = start + timedelta(days=draw(st.integers(100, 250)))
        fe = draw(
            st.one_of(st.none(), st.integers(0, 120).map(lambda k, fs=fs: fs + timedelta(days=k)))
        )
        fr.append(Periode(fs, fe))
    prior = ()
    if ydelse is Ydelse.DAGPENGE and draw(st.booleans()):
        n = draw(st.integers(1, 250))
        end = start - timedelta(days=draw(st.integers(1, 400)))
        prior = (Periode(end - timedelta(days=n - 1), end),)
    sdp = None
    if ydelse is Ydelse.SYGEDAGPENGE:
        first = start - timedelta(days=draw(st.integers(0, 40)))
        first = max(first, date(2020, 1, 1))
        kats = ["1", "2"] + (["3"] if first < date(2024, 12, 1) else [])
        perioder = ()
        if draw(st.booleans()):
            a_end = first + timedelta(days=draw(st.integers(10, 200)))
            b_start = a_end + timedelta(days=draw(st.integers(2, 300)))
            b_end = draw(
                st.one_of(
                    st.none(), st.integers(0, 300).map(lambda k, b=b_start: b + timedelta(days=k))
                )
            )
            perioder = (Periode(first, a_end), Periode(b_start, b_end))
        if perioder and draw(st.booleans()):  # three absences, the last one short
            c_start = b_end + timedelta(days=draw(st.integers(1, 60))) if b_end else None
            if c_start is not None:
                perioder = (
                    *perioder,
                    Periode(c_start, c_start + timedelta(days=draw(st.integers(0, 40)))),
                )
        grund = draw(st.one_of(st.none(), st.integers(1, 7)))
        ansaettelse = draw(st.sampled_from(["loenmodtager", "selvstaendig", "ledig"]))
        sdp = SygedagpengeInfo(
            first,
            draw(st.sampled_from(kats)),
            ansaettelse,
            perioder,
            Forlaengelse(grund, draw(opt_date)) if grund else None,
            draw(opt_date),
            draw(st.booleans()) if ansaettelse == "loenmodtager" else True,
            draw(st.sampled_from(["ingen", "dag_1", "dag_3"]))
            if ansaettelse == "selvstaendig"
            else "ingen",
            draw(
                st.one_of(
                    st.none(), st.integers(0, 70).map(lambda k, f=first: f + timedelta(days=k))
                )
            ),
            draw(st.booleans()),
            draw(st.booleans()),
        )
    rep = None
    if draw(st.booleans()):
        rep = Repatriering(
            draw(st.booleans()),
            start - timedelta(days=draw(st.integers(0, 4000))),
            draw(st.integers(0, 36)),
        )
    born = start - timedelta(days=draw(st.integers(17 * 365, 60 * 365)))
    foedselsdato = draw(st.one_of(st.none(), st.just(born)))
    alder = None if foedselsdato is not None else draw(st.one_of(st.none(), st.integers(17, 60)))
    return Sag(
        sag_id=f"S{idx}",
        ydelse=ydelse,
        start=start,
        maalgruppe=grp,
        visitation=vis,
        slut=draw(
            st.one_of(st.none(), st.integers(0, 500).map(lambda k: start + timedelta(days=k)))
        ),
        foedselsdato=foedselsdato,
        erhvervskompetencegivende_uddannelse=draw(st.booleans()),
        forsoergerpligt_boern=draw(st.booleans()),
        tidligere_ledighed=prior,
        jobcenter_fra_start=draw(st.booleans()),
        integrationsprogram_start=draw(
            st.one_of(st.none(), st.integers(-30, 30).map(lambda k: start + timedelta(days=k)))
        ),
        repatriering=rep,
        fritagelser=tuple(fr),
        samtaler=samt,
        tilbud=tuple(tb),
        cv_registreret=draw(opt_date),
        uddannelsespaalaeg_givet=draw(opt_date),
        sygedagpenge=sdp,
        visiteret=draw(opt_date),
        alder=alder,
        arbejdspligt=draw(st.booleans()),
    )


@st.composite
def caseloads(draw) -> list[Sag]:
    n = draw(st.integers(1, 12))
    return [draw(sager(i)) for i in range(n)]


def _per_case(load: list[Sag], as_of: date) -> list[dict] | type:
    try:
        return [o.to_dict() for s in load for o in obligations(s, as_of)]
    except InputError:
        return InputError


def _vectorised(load: list[Sag], as_of: date) -> list[dict] | type:
    try:
        return frame_to_dicts(obligations_frame(cases_to_frames(load), as_of))
    except InputError:
        return InputError


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(load=caseloads(), as_of=dates_near(lo=date(2020, 1, 1), hi=date(2028, 1, 1), spread=300))
def test_vectorised_equals_per_case(load: list[Sag], as_of: date) -> None:
    assert _vectorised(load, as_of) == _per_case(load, as_of)


def test_vectorised_without_text_has_same_rows() -> None:
    load = [Sag.from_dict({"sag_id": "x", "ydelse": "dagpenge", "start": "2024-03-04"})]
    df = obligations_frame(cases_to_frames(load), date(2024, 4, 1), text=False)
    assert "text_da" not in df.columns
    assert len(df) == len(obligations(load[0], date(2024, 4, 1)))


def test_vectorised_raises_before_2020_like_per_case() -> None:
    from indsats.rules.parameters import ParameterNotInForce

    load = [
        Sag.from_dict(
            {"sag_id": "x", "ydelse": "dagpenge", "maalgruppe": "dagpenge", "start": "2019-12-31"}
        )
    ]
    with pytest.raises(ParameterNotInForce):
        obligations(load[0], date(2020, 2, 1))
    with pytest.raises(ParameterNotInForce):
        obligations_frame(cases_to_frames(load), date(2020, 2, 1))


# --------------------------------------------------------------------------- refusion

CODES = [
    "kontanthjaelp",
    "dagpenge",
    "sygedagpenge",
    "ledighedsydelse",
    "foertidspension",
    "loentilskud",
]


@st.composite
def histories(draw) -> list[HistoryRow]:
    from indsats.rules.dates import parse_iso_week

    w0 = parse_iso_week("2016-W01")
    rows = []
    for p in range(draw(st.integers(1, 4))):
        w = w0 + draw(st.integers(0, 100))
        for _ in range(draw(st.integers(1, 12))):
            # a run of weeks with benefits, then a gap of self-support
            run = draw(st.integers(1, 60))
            codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=2, unique=True))
            for k in range(run):
                for code in codes:
                    rows.append(HistoryRow(f"p{p}", w + k, code))
            w += run + draw(st.sampled_from([0, 1, 10, 30, 51, 52, 53, 80, 160]))
    return rows


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=histories())
def test_refusion_arrays_equal_scalar(rows: list[HistoryRow]) -> None:
    scalar = refusion_weeks(rows)
    per_week: dict[tuple[str, int], tuple] = {}
    for r in scalar:
        per_week[(r.person_id, r.week)] = (r.anciennitet or 0, r.tier or 0, r.reset)
    keys = sorted(per_week)
    pid = np.array([k[0] for k in keys])
    wk = np.array([k[1] for k in keys])
    covered = np.array(
        [any(r.ydelse != "loentilskud" for r in rows if (r.person_id, r.week) == k) for k in keys]
    )
    res = refusion_tiers_arrays(pid, wk, covered)
    got = {
        k: (int(a), int(t), bool(z))
        for k, a, t, z in zip(keys, res["anciennitet"], res["tier"], res["reset"], strict=True)
    }
    assert got == per_week


def _table_cases() -> list[tuple[Sag, date]]:
    from tests.rules.test_obligations_table import ROWS, _strip_none

    out = []
    for i, row in enumerate(ROWS):
        raw = dict(_strip_none(row[1]))
        raw["sag_id"] = f"row{i}"
        out.append((Sag.from_dict(raw), date.fromisoformat(row[2])))
    return out


@pytest.mark.parametrize("shift", [0, -1, 1, 40, 200, 400])
def test_vectorised_equals_per_case_on_table_rows(shift: int) -> None:
    """Every hand-made boundary case of the table, at its date and at shifted dates."""
    cases = _table_cases()
    for as_of in sorted({d + timedelta(days=shift) for _, d in cases}):
        load = [
            s
            for s, _ in cases
            if not (s.sygedagpenge and s.sygedagpenge.kategori == "3" and as_of >= date(2025, 1, 1))
        ]
        assert _vectorised(load, as_of) == _per_case(load, as_of), as_of


@pytest.mark.parametrize(
    "as_of",
    [
        date(2023, 12, 31),
        date(2024, 1, 1),
        date(2025, 7, 1),
        date(2026, 6, 30),
        date(2026, 7, 1),
        date(2027, 3, 1),
    ],
)
def test_vectorised_equals_per_case_on_synthetic_caseload(as_of: date) -> None:
    from indsats.rules.synthetic import generate_frames
    from indsats.rules.vectorised import frames_to_sager

    frames = generate_frames(1500, seed=7)
    load = frames_to_sager(frames)
    assert frame_to_dicts(obligations_frame(frames, as_of)) == [
        o.to_dict() for s in load for o in obligations(s, as_of)
    ]


def test_unsorted_frame_has_the_same_rows() -> None:
    import json

    from indsats.rules.synthetic import generate_frames
    from indsats.rules.vectorised import frames_to_sager

    frames = generate_frames(800, seed=11)
    as_of = date(2026, 7, 1)
    got = frame_to_dicts(obligations_frame(frames, as_of, sort=False))
    want = [o.to_dict() for s in frames_to_sager(frames) for o in obligations(s, as_of)]
    assert len(got) == len(want)
    assert sorted(json.dumps(x, sort_keys=True) for x in got) == sorted(
        json.dumps(x, sort_keys=True) for x in want
    )
