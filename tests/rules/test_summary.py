"""The case summary (indsats.rules.summary): one call, JSON-ready, from the obligations."""

from __future__ import annotations

import json
from datetime import date

from indsats.rules.model import Sag
from indsats.rules.summary import case_summary


def test_counts_next_deadline_and_json() -> None:
    sag = Sag.from_dict(
        {
            "sag_id": "A",
            "ydelse": "kontanthjaelp",
            "visitation": "Jobparat",
            "alder": 44,
            "start": "2024-03-04",
            "samtaler": [{"dato": "2024-03-08"}, {"dato": "2024-04-10"}, {"dato": "2024-05-15"}],
        }
    )
    res = case_summary(sag, date(2024, 6, 3), include_obligations=True)
    json.dumps(res)
    samtaler = next(c for c in res["optaelling"] if c["kind"] == "samtale")
    assert (samtaler["forfaldne"], samtaler["opfyldt"], samtaler["senere"]) == (3, 3, 1)
    assert (
        samtaler["text_da"] == "3 af 3 samtaler i jobcentret holdt pr. 03.06.2024; 1 mere senere."
    )
    assert res["naeste_frist"]["due_by"] == "2024-09-03"
    assert [o["rule_id"] for o in res["overskredne"]] == ["LAB.23.cv"]
    assert res["ret_og_pligt"]["due_by"] == "2024-09-04"
    assert res["lab6_nr"] == 2 and res["as_of"] == "2024-06-03"
    assert len(res["obligations"]) > 5


def test_assumptions_transitions_and_unverified_are_listed() -> None:
    sag = Sag.from_dict(
        {"sag_id": "B", "ydelse": "uddannelseshjaelp", "alder": 20, "start": "2025-05-05"}
    )
    res = case_summary(sag, date(2025, 9, 1))
    assert [a["felt"] for a in res["antagelser"]] == ["visitation"]
    assert [t["parameter"] for t in res["overgangsregler"]] == ["overgang.lov_1655_2024"]
    assert res["overgangsregler"][0]["status"] == "secondary"
    assert (
        any(r["rule_id"] == "BEK.6.endelig_visitation" for r in res["ikke_efterproevet"]) is False
    )
    assert "Overgangsregel (01.07.2025)" in res["text_da"]


def test_lov_1655_running_case_is_paid_as_kontanthjaelp_from_2025_07_01() -> None:
    """Overgang, lov 1655/2024 (secondary source): a running uddannelseshjælp case is paid as
    kontanthjælp from 01.07.2025; before that day, and for a case that starts after, nothing."""
    sag = Sag.from_dict(
        {"sag_id": "B", "ydelse": "uddannelseshjaelp", "alder": 20, "start": "2025-05-05"}
    )
    before = case_summary(sag, date(2025, 6, 30))
    assert before["ydelse_paa_dagen"] is None
    assert "udbetales hjælpen som kontanthjælp" not in before["text_da"]
    after = case_summary(sag, date(2025, 7, 1))
    paid = after["ydelse_paa_dagen"]
    assert (paid["ydelse"], paid["fra"], paid["status"]) == (
        "kontanthjaelp",
        "2025-07-01",
        "secondary",
    )
    assert paid["source_url"].startswith("https://lundsteenwiederquist.dk/")
    assert "Fra 01.07.2025 udbetales hjælpen som kontanthjælp." in after["text_da"]
    ended = Sag.from_dict(
        {
            "sag_id": "B2",
            "ydelse": "overgangsydelse",
            "visitation": "jobparat",
            "alder": 40,
            "start": "2025-01-06",
            "slut": "2025-06-20",
        }
    )
    assert case_summary(ended, date(2025, 9, 1))["ydelse_paa_dagen"] is None
    new = Sag.from_dict(
        {"sag_id": "B3", "ydelse": "kontanthjaelp", "alder": 20, "start": "2025-07-01"}
    )
    assert case_summary(new, date(2025, 9, 1))["ydelse_paa_dagen"] is None


def test_lov_727_transition_is_secondary_and_listed_only_for_cases_spanning_it() -> None:
    """Overgang, lov 727/2023: a dagpenge case from before 01.01.2024 keeps the 2020 samtaler
    (a-kasse guidance, secondary); the entry is listed for it and not for a case from the day."""
    old = Sag.from_dict({"sag_id": "D1", "ydelse": "dagpenge", "start": "2023-12-31"})
    res = case_summary(old, date(2024, 2, 1))
    entry = next(t for t in res["overgangsregler"] if t["parameter"] == "overgang.lov_727_2023")
    assert entry["status"] == "secondary" and "nnf.dk" in entry["source_url"]
    assert "fortsætter som udgangspunkt sit forløb i jobcentret" in entry["text_da"]
    new = Sag.from_dict({"sag_id": "D2", "ydelse": "dagpenge", "start": "2024-01-01"})
    params = [t["parameter"] for t in case_summary(new, date(2024, 2, 1))["overgangsregler"]]
    assert "overgang.lov_727_2023" not in params


def test_sygedagpenge_payments_and_revurdering() -> None:
    sag = Sag.from_dict(
        {
            "sag_id": "C",
            "ydelse": "sygedagpenge",
            "start": "2024-01-01",
            "sygedagpenge": {"kategori": "2", "ansaettelse": "ledig"},
        }
    )
    res = case_summary(sag, date(2024, 2, 1))
    sd = res["sygedagpenge"]
    assert sd["kommunen_udbetaler_fra"] == [{"fravaer_nr": 1, "fra": "2024-01-15"}]
    assert sd["revurdering_senest"] == "2024-07-31"
    assert sd["sidste_dag_med_sygedagpenge"] == "2024-07-31"
    assert [a["felt"] for a in res["antagelser"]] == []
    assert "Kommunen udbetaler sygedagpenge fra 15.01.2024" in res["text_da"]
