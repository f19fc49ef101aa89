"""Table-driven cases: each row names the § it tests (row id) and the expected fields.

A row is (id, case, as_of, rule_id, nr, expected) where expected is None for "no such
obligation" or a dict of Obligation fields (dates as ISO strings, 'text~' for a substring of
text_da).
"""

from __future__ import annotations

import pytest

from tests.rules.helpers import case, d, find

DP24 = case(ydelse="dagpenge", start="2024-03-04", foedselsdato="1985-01-01")
DP23 = case(ydelse="dagpenge", start="2023-12-15", foedselsdato="1985-01-01")
DP2401 = case(ydelse="dagpenge", start="2024-01-01", foedselsdato="1985-01-01")
DP231231 = case(ydelse="dagpenge", start="2023-12-31", foedselsdato="1985-01-01")
DP_JC24 = case(ydelse="dagpenge", start="2024-02-01", jobcenter_fra_start=True)
DP_JC23 = case(ydelse="dagpenge", start="2023-06-01", jobcenter_fra_start=True)
KHJ24 = case(
    ydelse="kontanthjaelp", visitation="jobparat", start="2024-05-06", foedselsdato="1980-01-01"
)
KHA24 = case(
    ydelse="kontanthjaelp",
    visitation="aktivitetsparat",
    start="2024-05-06",
    foedselsdato="1980-01-01",
)
UHU24 = case(
    ydelse="uddannelseshjaelp",
    visitation="uddannelsesparat",
    start="2024-02-01",
    foedselsdato="2000-01-01",
)
UHA24 = case(
    ydelse="uddannelseshjaelp",
    visitation="aabenlyst_uddannelsesparat",
    start="2024-02-01",
    foedselsdato="2000-01-01",
)
UHAKT24 = case(
    ydelse="uddannelseshjaelp",
    visitation="aktivitetsparat",
    start="2024-02-01",
    foedselsdato="2000-01-01",
)
LY24 = case(ydelse="ledighedsydelse", start="2024-03-01")
FJ24 = case(ydelse="fleksjob", start="2024-03-01")
JA24 = case(ydelse="jobafklaringsforloeb", start="2024-03-01")
REV24 = case(ydelse="revalidering", start="2024-03-01")
FP24 = case(ydelse="foertidspension", start="2024-03-01")
DP26 = case(ydelse="dagpenge", start="2026-07-01", foedselsdato="1985-01-01")
KHJ26 = case(
    ydelse="kontanthjaelp", visitation="jobparat", start="2026-07-06", foedselsdato="1980-01-01"
)
DP_SPAN26 = case(ydelse="dagpenge", start="2026-05-04", foedselsdato="1985-01-01")
KHA26 = case(
    ydelse="kontanthjaelp",
    visitation="aktivitetsparat",
    start="2026-08-03",
    foedselsdato="1980-01-01",
)
LY26 = case(ydelse="ledighedsydelse", start="2026-08-03")
KHJ22 = case(
    ydelse="kontanthjaelp", visitation="jobparat", start="2022-03-01", foedselsdato="1980-01-01"
)
KHJ2403 = case(
    ydelse="kontanthjaelp", visitation="jobparat", start="2024-03-01", foedselsdato="1980-01-01"
)
KHJ_XMAS = case(
    ydelse="kontanthjaelp", visitation="jobparat", start="2024-12-18", foedselsdato="1980-01-01"
)


def w(base: dict, **extra: object) -> dict:
    out = dict(base)
    out.update(extra)
    return out


def tilbud(t: str, start: str, slut: str | None = None, tilbudt: str | None = None) -> dict:
    x: dict = {"type": t, "start": start}
    if slut:
        x["slut"] = slut
    if tilbudt:
        x["tilbudt"] = tilbudt
    return x


def sdp(first: str, kategori: str = "2", **extra: object) -> dict:
    info = {"foerste_fravaersdag": first, "kategori": kategori}
    info.update(extra)
    return case(ydelse="sygedagpenge", start=first, sygedagpenge=info)


def repat(ophold: str, months: int = 0, **extra: object) -> dict:
    return w(
        KHJ24,
        start="2021-06-01",
        repatriering={"ophold_fra": ophold, "maaneder_kontanthjaelp_seneste_36": months},
        **extra,
    )


ROWS = [
    # ---- LAB § 31, 2024 regime (lov 727/2023): a-kasse first 3 months, jobcenter months 4-6
    (
        "LAB31-2024-akasse-first-2-weeks",
        DP24,
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        1,
        {
            "holder": "akasse",
            "due_from": "2024-03-04",
            "due_by": "2024-03-18",
            "parameter_from": "2024-01-01",
        },
    ),
    (
        "LAB31-2024-akasse-nr2-3-months",
        DP24,
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        2,
        {"due_by": "2024-06-03"},
    ),
    ("LAB31-2024-akasse-only-3", DP24, "2024-04-01", "LAB.31.akasse_jobsamtale", 4, None),
    (
        "LAB31-2024-jobcenter-months-4-6",
        DP24,
        "2024-04-01",
        "LAB.31.jobsamtale",
        1,
        {
            "holder": "jobcenter",
            "due_from": "2024-06-04",
            "due_by": "2024-09-03",
            "state": "upcoming",
        },
    ),
    (
        "LAB31-2024-jobcenter-3",
        DP24,
        "2024-04-01",
        "LAB.31.jobsamtale",
        3,
        {"due_by": "2024-09-03"},
    ),
    ("LAB31-2024-jobcenter-not-4", DP24, "2024-04-01", "LAB.31.jobsamtale", 4, None),
    (
        "LAB32-16-month-joint",
        DP24,
        "2024-04-01",
        "LAB.31.faelles_samtale_16_maaneder",
        1,
        {"due_from": "2024-09-04", "due_by": "2025-07-04", "holder": "jobcenter"},
    ),
    (
        "LAB31-2024-starts-on-2024-01-01",
        DP2401,
        "2024-01-02",
        "LAB.31.akasse_jobsamtale",
        1,
        {"due_by": "2024-01-15", "parameter_from": "2024-01-01"},
    ),
    (
        "LAB27.3-jobcenter-from-start-6",
        DP_JC24,
        "2024-03-01",
        "LAB.31.jobsamtale",
        6,
        {"due_from": "2024-02-01", "due_by": "2024-07-31"},
    ),
    ("LAB27.3-no-akasse", DP_JC24, "2024-03-01", "LAB.31.akasse_jobsamtale", 1, None),
    # ---- LAB § 31, 2020 regime (LBK 701/2022); case across 2023-12-31/2024-01-01
    (
        "LAB31-2020-span-2023-2024-four",
        DP23,
        "2024-01-10",
        "LAB.31.jobsamtale",
        4,
        {
            "due_by": "2024-06-14",
            "holder": "jobcenter",
            "parameter_from": "2020-01-01",
            "parameter_to": "2023-12-31",
        },
    ),
    ("LAB31-2020-span-no-akasse", DP23, "2024-01-10", "LAB.31.akasse_jobsamtale", 1, None),
    (
        "LAB31-2020-joint-3-6",
        DP23,
        "2024-01-10",
        "LAB.31.faelles_samtale_3_6_maaneder",
        1,
        {"due_from": "2024-03-15", "due_by": "2024-06-14"},
    ),
    # ---- Overgang, lov 727/2023 (a-kasse guidance, secondary): unemployed before 01.01.2024
    # -> the 2020 samtaler at the jobcenter; from 01.01.2024 -> the a-kasse's first 3 months
    (
        "lov727-overgang-2023-12-31-keeps-jobcenter-four",
        DP231231,
        "2024-02-01",
        "LAB.31.jobsamtale",
        4,
        {"due_by": "2024-06-29", "holder": "jobcenter", "parameter_to": "2023-12-31"},
    ),
    (
        "lov727-overgang-2023-12-31-joint-3-6",
        DP231231,
        "2024-02-01",
        "LAB.31.faelles_samtale_3_6_maaneder",
        1,
        {"due_from": "2024-03-31", "due_by": "2024-06-29"},
    ),
    (
        "lov727-overgang-2023-12-31-no-akasse",
        DP231231,
        "2024-02-01",
        "LAB.31.akasse_jobsamtale",
        1,
        None,
    ),
    (
        "lov727-overgang-2024-01-01-akasse-first",
        DP2401,
        "2024-01-02",
        "LAB.31.akasse_jobsamtale",
        1,
        {"due_by": "2024-01-15", "holder": "akasse", "parameter_from": "2024-01-01"},
    ),
    (
        "lov727-overgang-2024-01-01-jobcenter-months-4-6",
        DP2401,
        "2024-01-02",
        "LAB.31.jobsamtale",
        1,
        {"due_from": "2024-04-01", "due_by": "2024-06-30", "holder": "jobcenter"},
    ),
    (
        "lov727-overgang-2024-01-01-no-joint-3-6",
        DP2401,
        "2024-01-02",
        "LAB.31.faelles_samtale_3_6_maaneder",
        1,
        None,
    ),
    ("LAB27.3-ignored-before-2024", DP_JC23, "2023-07-01", "LAB.31.jobsamtale", 5, None),
    ("LAB27.3-2020-four", DP_JC23, "2023-07-01", "LAB.31.jobsamtale", 4, {"due_by": "2023-11-30"}),
    # ---- kontanthjælp / uddannelseshjælp / others
    (
        "LAB31-KH-first-1-week",
        KHJ24,
        "2024-05-07",
        "LAB.31.jobsamtale",
        1,
        {
            "due_by": "2024-05-13",
            "text~": "Jobcentret skal holde første jobsamtale senest 13.05.2024 (LAB § 31).",
        },
    ),
    (
        "LAB31-KH-four-in-6-months",
        KHJ24,
        "2024-05-07",
        "LAB.31.jobsamtale",
        4,
        {"due_by": "2024-11-05"},
    ),
    (
        "LAB31-KH-aktivitetsparat-first-week",
        KHA24,
        "2024-05-07",
        "LAB.31.jobsamtale",
        1,
        {"due_by": "2024-05-13"},
    ),
    ("LAB31-UH-first-week", UHU24, "2024-02-02", "LAB.31.jobsamtale", 1, {"due_by": "2024-02-08"}),
    (
        "LAB31-ledighedsydelse-four",
        LY24,
        "2024-03-02",
        "LAB.31.jobsamtale",
        4,
        {"due_by": "2024-08-31"},
    ),
    (
        "LAB31-ledighedsydelse-no-first-week",
        LY24,
        "2024-03-02",
        "LAB.31.jobsamtale",
        1,
        {"due_from": "2024-03-01", "due_by": "2024-08-31"},
    ),
    ("LAB31-fleksjob-no-samtaler", FJ24, "2024-03-02", "LAB.31.jobsamtale", 1, None),
    (
        "LAB31-jobafklaring-four",
        JA24,
        "2024-03-02",
        "LAB.31.jobsamtale",
        4,
        {"due_by": "2024-08-31"},
    ),
    ("LAB31-revalidering", REV24, "2024-03-02", "LAB.31.jobsamtale", 1, {"due_by": "2024-08-31"}),
    ("LAB6.11-foertidspension-none", FP24, "2024-03-02", "LAB.31.jobsamtale", 1, None),
    # ---- 2026-07-01 (lov 1750/2025): 75 % targets, personal_duty False
    (
        "L1750-dagpenge-akasse-2-target",
        DP26,
        "2026-07-02",
        "LAB.31.akasse_jobsamtale",
        2,
        {"personal_duty": False, "due_by": "2026-09-30", "parameter_from": "2026-07-01"},
    ),
    ("L1750-dagpenge-akasse-not-3", DP26, "2026-07-02", "LAB.31.akasse_jobsamtale", 3, None),
    (
        "L1750-dagpenge-kommune-2",
        DP26,
        "2026-07-02",
        "LAB.31.jobsamtale",
        2,
        {"personal_duty": False, "due_from": "2026-10-01", "due_by": "2026-12-31"},
    ),
    (
        "L1750-16-month-kept-personal",
        DP26,
        "2026-07-02",
        "LAB.31.faelles_samtale_16_maaneder",
        1,
        {"personal_duty": True, "due_by": "2027-11-01"},
    ),
    (
        "L1750-jobparat-first-personal",
        KHJ26,
        "2026-07-07",
        "LAB.31.jobsamtale",
        1,
        {"personal_duty": True, "due_by": "2026-07-13", "status": "unverified"},
    ),
    (
        "L1750-jobparat-nr2-target",
        KHJ26,
        "2026-07-07",
        "LAB.31.jobsamtale",
        2,
        {"personal_duty": False, "text~": "Fra 01.07.2026 er dette et mål for kommunen"},
    ),
    (
        "L1750-span-2026-first-personal",
        DP_SPAN26,
        "2026-05-05",
        "LAB.31.akasse_jobsamtale",
        1,
        {"personal_duty": True, "due_by": "2026-05-18", "parameter_to": "2026-06-30"},
    ),
    (
        "L1750-span-2026-crossing-target",
        DP_SPAN26,
        "2026-05-05",
        "LAB.31.akasse_jobsamtale",
        3,
        {"personal_duty": False, "due_by": "2026-08-03"},
    ),
    (
        "L1750-span-2026-ret-og-pligt-target",
        DP_SPAN26,
        "2026-05-05",
        "LAB.102.ret_og_pligt",
        1,
        {"personal_duty": False, "due_by": "2026-11-04"},
    ),
    (
        "L1750-aktivitetsparat-carried-over",
        KHA26,
        "2026-08-04",
        "LAB.31.jobsamtale",
        1,
        {"personal_duty": True, "status": "unverified"},
    ),
    (
        "L1750-ledighedsydelse-target",
        LY26,
        "2026-08-04",
        "LAB.31.jobsamtale",
        2,
        {"personal_duty": False},
    ),
    (
        "L1750-ledighedsydelse-first-samtale-with-everyone",
        LY26,
        "2026-08-04",
        "LAB.31.jobsamtale",
        1,
        {"personal_duty": True},
    ),
    # ---- lov 1750/2025: the tilbud target groups (dagpenge, job- and uddannelsesparate KH)
    (
        "L1750-tilbud-target-uddannelsesparat-kontanthjaelp",
        case(
            ydelse="kontanthjaelp",
            visitation="uddannelsesparat",
            start="2026-08-03",
            alder=22,
        ),
        "2026-08-04",
        "LAB.maal.tilbud",
        1,
        {"personal_duty": False, "due_by": "2027-02-03", "met": False, "text~": "75 %"},
    ),
    (
        "L1750-tilbud-target-met-by-a-tilbud-in-6-months",
        case(
            ydelse="kontanthjaelp",
            visitation="uddannelsesparat",
            start="2026-08-03",
            alder=22,
            tilbud=[tilbud("virksomhedspraktik", "2026-10-01", "2026-10-28")],
        ),
        "2026-11-01",
        "LAB.maal.tilbud",
        1,
        {"met": True, "met_on": "2026-10-01"},
    ),
    (
        "L1750-tilbud-target-not-when-6-months-end-before-reform",
        case(ydelse="kontanthjaelp", visitation="uddannelsesparat", start="2025-09-01", alder=22),
        "2026-08-04",
        "LAB.maal.tilbud",
        1,
        None,
    ),
    (
        "L1750-tilbud-target-aktivitetsparat-under-30-outside",
        case(ydelse="kontanthjaelp", visitation="aktivitetsparat", start="2026-08-03", alder=22),
        "2026-08-04",
        "LAB.maal.tilbud",
        1,
        None,
    ),
    (
        "L1750-arbejdspligt-outside-tilbud-target",
        w(KHJ26, arbejdspligt=True),
        "2026-07-07",
        "LAB.102.ret_og_pligt",
        1,
        {"personal_duty": True},
    ),
    (
        "L1750-jobparat-ret-og-pligt-is-target",
        KHJ26,
        "2026-07-07",
        "LAB.102.ret_og_pligt",
        1,
        {"personal_duty": False, "text~": "mål for kommunen"},
    ),
    (
        "L1750-aktivitetsparat-kh-ret-og-pligt-stays-duty",
        KHA26,
        "2026-08-04",
        "LAB.102.ret_og_pligt",
        1,
        {"personal_duty": True},
    ),
    (
        "L1750-ledighedsydelse-no-ret-og-pligt",
        LY26,
        "2026-08-04",
        "LAB.102.ret_og_pligt",
        1,
        None,
    ),
    # ---- lov 295/2023: in force 22.03.2023 (secondary source): § 31 a repealed, ØVO out
    (
        "L295-case-from-21-03-2023-every-samtale-in-person",
        w(KHJ24, start="2023-03-21"),
        "2023-03-22",
        "LAB.31.jobsamtale",
        2,
        {"text~": "personligt fremmøde."},
    ),
    (
        "L295-first-samtale-in-person-from-22-03-2023",
        w(KHJ24, start="2023-05-02"),
        "2023-05-03",
        "LAB.31.jobsamtale",
        1,
        {"status": "verified", "text~": "personligt fremmøde."},
    ),
    (
        "L295-case-from-2024-is-verified",
        KHJ24,
        "2024-05-07",
        "LAB.31.jobsamtale",
        2,
        {"status": "verified"},
    ),
    (
        "L295-case-from-2022-is-verified",
        KHJ22,
        "2022-03-02",
        "LAB.31.jobsamtale",
        2,
        {"status": "verified", "text~": "personligt fremmøde."},
    ),
    (
        "L295-oevo-tilbud-from-22-03-2023-does-not-count",
        w(
            KHJ24,
            start="2023-02-01",
            tilbud=[tilbud("vejledning_og_opkvalificering", "2023-03-22", "2023-04-20")],
        ),
        "2023-06-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "L295-oevo-tilbud-until-21-03-2023-counts",
        w(
            KHJ24,
            start="2023-02-01",
            tilbud=[tilbud("vejledning_og_opkvalificering", "2023-03-01", "2023-03-21")],
        ),
        "2023-06-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": True},
    ),
    (
        "L295-oevo-tilbud-in-2024-does-not-count",
        w(
            KHJ24,
            start="2024-04-01",
            tilbud=[tilbud("vejledning_og_opkvalificering", "2024-06-01", "2024-06-20")],
        ),
        "2024-07-01",
        "LAB.102.ret_og_pligt",
        1,
        {"status": "verified", "met": False},
    ),
    # ---- LAB § 31 a / § 33: form of the samtale
    (
        "LAB31a-2022-all-in-person",
        KHJ22,
        "2022-03-02",
        "LAB.31.jobsamtale",
        3,
        {"text~": "personligt fremmøde"},
    ),
    (
        "LAB33-2024-first-in-person",
        KHJ2403,
        "2024-03-02",
        "LAB.31.jobsamtale",
        1,
        {"text~": "personligt fremmøde"},
    ),
    # ---- public holidays: reported, never moved (no rule counts working days)
    (
        "LAB31-deadline-on-juledag",
        KHJ_XMAS,
        "2024-12-19",
        "LAB.31.jobsamtale",
        1,
        {"due_by": "2024-12-25", "due_by_non_working_day": "Juledag", "text~": "flyttes ikke"},
    ),
    (
        "LAB102-deadline-on-nytaarsdag",
        DP26,
        "2026-07-02",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2027-01-01", "due_by_non_working_day": "Nytårsdag", "personal_duty": False},
    ),
    # ---- fulfilment of samtaler
    (
        "LAB31-met-akasse",
        w(DP24, samtaler=[{"dato": "2024-03-10", "holder": "akasse"}]),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        1,
        {"met": True, "met_on": "2024-03-10", "state": "met"},
    ),
    (
        "LAB31-late-samtale-overdue",
        w(DP24, samtaler=[{"dato": "2024-03-19", "holder": "akasse"}]),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        1,
        {"met": False, "state": "overdue"},
    ),
    (
        "LAB31-late-samtale-counts-later",
        w(
            DP24,
            samtaler=[
                {"dato": "2024-03-10", "holder": "akasse"},
                {"dato": "2024-03-19", "holder": "akasse"},
            ],
        ),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        2,
        {"met": True, "met_on": "2024-03-19"},
    ),
    (
        "LAB31-future-samtale-ignored",
        w(DP24, samtaler=[{"dato": "2024-03-10", "holder": "akasse"}]),
        "2024-03-08",
        "LAB.31.akasse_jobsamtale",
        1,
        {"met": False, "state": "open"},
    ),
    (
        "LAB31-wrong-holder",
        w(DP24, samtaler=[{"dato": "2024-03-10", "holder": "jobcenter"}]),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        1,
        {"met": False},
    ),
    (
        "LAB31-joint-not-jobsamtale",
        w(DP23, samtaler=[{"dato": "2024-04-01", "type": "faelles"}]),
        "2024-05-01",
        "LAB.31.faelles_samtale_3_6_maaneder",
        1,
        {"met": True, "met_on": "2024-04-01"},
    ),
    ("LAB9-case-ended", w(DP24, slut="2024-05-31"), "2024-04-01", "LAB.31.jobsamtale", 1, None),
    # ---- kontanthjælpsreform 2025-07-01 (lov 1655/2024) and integration benefits (LAB § 6 nr. 2-5)
    (
        "L1655-UH-last-start-2025-06-30",
        case(
            ydelse="uddannelseshjaelp",
            visitation="uddannelsesparat",
            start="2025-06-30",
            foedselsdato="2002-01-01",
        ),
        "2025-07-01",
        "LAB.31.jobsamtale",
        1,
        {"due_by": "2025-07-07", "parameter_from": "2024-01-01"},
    ),
    (
        "L1655-KH-under-30-after-reform-no-ret-og-pligt",
        case(
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            start="2025-07-01",
            foedselsdato="2002-01-01",
        ),
        "2025-07-02",
        "LAB.102.ret_og_pligt",
        1,
        None,
    ),
    (
        "L1655-KH-under-30-after-reform-paalaeg",
        case(
            ydelse="kontanthjaelp",
            visitation="aktivitetsparat",
            start="2025-07-01",
            foedselsdato="2002-01-01",
        ),
        "2025-07-02",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"status": "unverified", "due_by": "2025-07-08"},
    ),
    (
        "LAB6.2-sho-ydelse-jobparat-ret-og-pligt",
        case(
            ydelse="sho_ydelse",
            visitation="jobparat",
            start="2024-03-01",
            foedselsdato="1980-01-01",
        ),
        "2024-03-02",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-09-01", "due_by_non_working_day": "søndag"},
    ),
    (
        "LAB6.4-overgangsydelse-under-30-paalaeg",
        case(
            ydelse="overgangsydelse",
            visitation="uddannelsesparat",
            start="2024-03-01",
            foedselsdato="2000-01-01",
        ),
        "2024-03-02",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"due_by": "2024-03-08"},
    ),
    # ---- LAB § 9: summed ledighed for dagpenge
    (
        "LAB9-summed-ret-og-pligt",
        w(DP24, tidligere_ledighed=[{"fra": "2023-01-01", "til": "2023-03-01"}]),
        "2024-04-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-07-04"},
    ),
    (
        "LAB9-summed-past-6-months",
        w(DP24, tidligere_ledighed=[{"fra": "2023-01-01", "til": "2023-07-19"}]),
        "2024-04-01",
        "LAB.102.ret_og_pligt",
        1,
        None,
    ),
    (
        "LAB9-summed-first-akasse-passed",
        w(DP24, tidligere_ledighed=[{"fra": "2023-01-01", "til": "2023-03-01"}]),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        1,
        None,
    ),
    (
        "LAB9-summed-window-clipped",
        w(DP24, tidligere_ledighed=[{"fra": "2023-01-01", "til": "2023-03-01"}]),
        "2024-04-01",
        "LAB.31.akasse_jobsamtale",
        2,
        {"due_from": "2024-03-04", "due_by": "2024-04-03"},
    ),
    # ---- LAB § 102: ret og pligt
    (
        "LAB102-deadline-6-months",
        DP24,
        "2024-04-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-09-04", "met": False},
    ),
    (
        "LAB102-KH-jobparat",
        KHJ24,
        "2024-05-07",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-11-06"},
    ),
    (
        "LAB102-KH-aktivitetsparat",
        KHA24,
        "2024-05-07",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-11-06"},
    ),
    ("LAB102-not-UH", UHU24, "2024-02-02", "LAB.102.ret_og_pligt", 1, None),
    (
        "LAB102-2-weeks-met",
        w(KHJ24, tilbud=[tilbud("virksomhedspraktik", "2024-10-01", "2024-10-14")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": True, "met_on": "2024-10-01"},
    ),
    (
        "LAB102-13-days-too-short",
        w(KHJ24, tilbud=[tilbud("virksomhedspraktik", "2024-10-01", "2024-10-13")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False, "state": "overdue"},
    ),
    (
        "LAB102.6-OEVO-not-counting-2024",
        w(KHJ24, tilbud=[tilbud("vejledning_og_opkvalificering", "2024-10-01", "2024-12-01")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "LAB102-OEVO-counting-2022",
        w(KHJ22, tilbud=[tilbud("vejledning_og_opkvalificering", "2022-05-01", "2022-06-01")]),
        "2022-07-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": True},
    ),
    (
        "L1750-OEVO-counting-again-2026",
        w(KHA26, tilbud=[tilbud("vejledning_og_opkvalificering", "2026-09-01", "2026-10-01")]),
        "2026-10-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": True, "personal_duty": True},
    ),
    (
        "LAB102-reading-course-not-counting",
        w(KHJ24, tilbud=[tilbud("laese_skrive_regne_ordblinde", "2024-10-01", "2024-11-01")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "LAB102-loentilskud-3-weeks-late",
        w(KHJ24, tilbud=[tilbud("loentilskud_privat", "2024-11-20", "2025-03-01", "2024-11-01")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": True, "met_on": "2024-11-20"},
    ),
    (
        "LAB102-loentilskud-too-late",
        w(KHJ24, tilbud=[tilbud("loentilskud_privat", "2024-11-28", "2025-03-01", "2024-11-01")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "LAB102-loentilskud-not-offered-in-time",
        w(KHJ24, tilbud=[tilbud("loentilskud_privat", "2024-11-20", "2025-03-01")]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "LAB102-praktik-after-deadline",
        w(KHJ24, tilbud=[tilbud("virksomhedspraktik", "2024-11-10", "2024-12-10")]),
        "2024-12-15",
        "LAB.102.ret_og_pligt",
        1,
        {"met": False},
    ),
    (
        "LAB102-exempt-at-deadline",
        w(KHJ24, fritagelser=[{"fra": "2024-10-01", "til": "2024-12-15"}]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2025-01-15", "text~": "fritaget"},
    ),
    (
        "LAB102-exempt-open",
        w(KHJ24, fritagelser=[{"fra": "2024-10-01"}]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": None, "state": "open"},
    ),
    (
        "LAB102-exemption-ended-before",
        w(KHJ24, fritagelser=[{"fra": "2024-10-01", "til": "2024-11-05"}]),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2024-11-06"},
    ),
    (
        "LAB102-chained-exemptions",
        w(
            KHJ24,
            fritagelser=[
                {"fra": "2024-10-01", "til": "2024-12-15"},
                {"fra": "2025-01-10", "til": "2025-02-20"},
            ],
        ),
        "2024-12-01",
        "LAB.102.ret_og_pligt",
        1,
        {"due_by": "2025-03-20"},
    ),
    # ---- integration programme
    (
        "IL-first-company-offer-1-month",
        w(KHJ24, integrationsprogram_start="2024-02-01"),
        "2024-02-02",
        "IL.foerste_virksomhedsrettede_tilbud",
        1,
        {"due_by": "2024-03-01", "text~": "helst inden 15.02.2024"},
    ),
    (
        "IL-met-by-praktik",
        w(
            KHJ24,
            integrationsprogram_start="2024-02-01",
            tilbud=[tilbud("virksomhedspraktik", "2024-02-20")],
        ),
        "2024-03-02",
        "IL.foerste_virksomhedsrettede_tilbud",
        1,
        {"met": True, "met_on": "2024-02-20"},
    ),
    (
        "IL-OEVO-not-company",
        w(
            KHJ24,
            integrationsprogram_start="2024-02-01",
            tilbud=[tilbud("vejledning_og_opkvalificering", "2024-02-20")],
        ),
        "2024-03-02",
        "IL.foerste_virksomhedsrettede_tilbud",
        1,
        {"met": False, "state": "overdue"},
    ),
    (
        "IL-month-end-clipped",
        w(KHJ24, integrationsprogram_start="2024-01-31"),
        "2024-02-02",
        "IL.foerste_virksomhedsrettede_tilbud",
        1,
        {"due_by": "2024-02-29"},
    ),
    # ---- LAB § 23: CV; selvbooking
    (
        "LAB23-cv-dagpenge-2-weeks",
        DP24,
        "2024-04-01",
        "LAB.23.cv",
        1,
        {"due_by": "2024-03-18", "holder": "borger"},
    ),
    ("LAB23-cv-jobparat-3-weeks", KHJ24, "2024-05-07", "LAB.23.cv", 1, {"due_by": "2024-05-27"}),
    ("LAB23-cv-not-aktivitetsparat", KHA24, "2024-05-07", "LAB.23.cv", 1, None),
    ("LAB23-cv-aabenlyst-3-weeks", UHA24, "2024-02-02", "LAB.23.cv", 1, {"due_by": "2024-02-22"}),
    ("LAB23-cv-not-uddannelsesparat", UHU24, "2024-02-02", "LAB.23.cv", 1, None),
    ("LAB23-cv-ledighedsydelse", LY24, "2024-03-02", "LAB.23.cv", 1, {"due_by": "2024-03-22"}),
    (
        "LAB23-cv-met",
        w(DP24, cv_registreret="2024-03-10"),
        "2024-04-01",
        "LAB.23.cv",
        1,
        {"met": True, "met_on": "2024-03-10"},
    ),
    (
        "LAB23-cv-late",
        w(DP24, cv_registreret="2024-03-20"),
        "2024-04-01",
        "LAB.23.cv",
        1,
        {"met": False, "state": "overdue"},
    ),
    ("selvbooking-jobparat", KHJ24, "2024-05-07", "LAB.selvbooking", 1, {"state": "info"}),
    ("selvbooking-not-aktivitetsparat", KHA24, "2024-05-07", "LAB.selvbooking", 1, None),
    ("selvbooking-jobafklaring", JA24, "2024-03-02", "LAB.selvbooking", 1, {"state": "info"}),
    # ---- LAB § 30: uddannelsespålæg
    (
        "LAB30-UH-at-first-samtale",
        UHU24,
        "2024-02-02",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"due_from": "2024-02-01", "due_by": "2024-02-08", "status": "verified"},
    ),
    (
        "LAB30-UH-aktivitetsparat",
        UHAKT24,
        "2024-02-02",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"due_by": "2024-02-08"},
    ),
    (
        "LAB30-dagpenge-under-25",
        w(DP24, foedselsdato="2001-01-01"),
        "2024-04-01",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"due_from": "2024-06-04", "due_by": "2024-09-03", "text~": "under 25 år"},
    ),
    (
        "LAB30-dagpenge-exactly-25",
        w(DP24, foedselsdato="1999-03-04"),
        "2024-04-01",
        "LAB.30.uddannelsespaalaeg",
        1,
        None,
    ),
    (
        "LAB30-dagpenge-with-education",
        w(DP24, foedselsdato="2001-01-01", erhvervskompetencegivende_uddannelse=True),
        "2024-04-01",
        "LAB.30.uddannelsespaalaeg",
        1,
        None,
    ),
    (
        "LAB30-dagpenge-with-children",
        w(DP24, foedselsdato="2001-01-01", forsoergerpligt_boern=True),
        "2024-04-01",
        "LAB.30.uddannelsespaalaeg",
        1,
        None,
    ),
    (
        "LAB30-after-KH-reform-unverified",
        case(
            ydelse="kontanthjaelp",
            visitation="uddannelsesparat",
            start="2025-08-04",
            foedselsdato="2000-01-01",
        ),
        "2025-08-05",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"status": "unverified", "due_by": "2025-08-11"},
    ),
    (
        "LAB30-given",
        w(UHU24, uddannelsespaalaeg_givet="2024-02-05"),
        "2024-02-10",
        "LAB.30.uddannelsespaalaeg",
        1,
        {"met": True, "met_on": "2024-02-05"},
    ),
    # ---- BEK § 6: final visitation of uddannelsesparate after 3 months
    (
        "BEK6-final-visitation-3-months",
        UHU24,
        "2024-02-02",
        "BEK.6.endelig_visitation",
        1,
        {"due_from": "2024-02-01", "due_by": "2024-05-01", "status": "verified"},
    ),
    ("BEK6-not-aabenlyst", UHA24, "2024-02-02", "BEK.6.endelig_visitation", 1, None),
    (
        "BEK6-visited-met",
        w(UHU24, visiteret="2024-04-20"),
        "2024-05-02",
        "BEK.6.endelig_visitation",
        1,
        {"met": True, "met_on": "2024-04-20"},
    ),
    (
        "BEK6-after-reform-unverified",
        case(
            ydelse="kontanthjaelp",
            visitation="uddannelsesparat",
            start="2025-08-04",
            foedselsdato="2000-01-01",
        ),
        "2025-08-05",
        "BEK.6.endelig_visitation",
        1,
        {"status": "unverified", "due_by": "2025-11-04"},
    ),
    # ---- repatriering (lov 1190/2021, from 2021-08-01)
    (
        "REPAT-before-2021-08-01",
        repat("2019-01-01"),
        "2021-07-31",
        "REPAT.systematisk_vejledning",
        1,
        None,
    ),
    (
        "REPAT-systematic-under-5-years",
        repat("2019-01-01"),
        "2021-08-01",
        "REPAT.systematisk_vejledning",
        1,
        {"state": "info", "due_from": "2021-08-01"},
    ),
    (
        "REPAT-dedicated-5-years-18-months",
        repat("2016-08-01", 18),
        "2021-08-01",
        "REPAT.saerlig_samtale",
        1,
        {"due_by": None, "state": "open"},
    ),
    (
        "REPAT-5-years-17-months-none",
        repat("2016-08-01", 17),
        "2021-08-01",
        "REPAT.saerlig_samtale",
        1,
        None,
    ),
    (
        "REPAT-4-years-364-days-systematic",
        repat("2016-08-02", 30),
        "2021-08-01",
        "REPAT.systematisk_vejledning",
        1,
        {"state": "info"},
    ),
    (
        "REPAT-dedicated-met",
        repat("2016-08-01", 20, samtaler=[{"dato": "2021-09-01", "type": "repatriering"}]),
        "2021-10-01",
        "REPAT.saerlig_samtale",
        1,
        {"met": True, "met_on": "2021-09-01"},
    ),
    # ---- SDL § 13 b: opfølgning
    (
        "SDL13b-first-by-end-of-week-8",
        sdp("2024-01-01"),
        "2024-02-01",
        "SDL.13b.opfoelgning",
        1,
        {"due_from": "2024-01-01", "due_by": "2024-02-25", "due_by_non_working_day": "søndag"},
    ),
    (
        "SDL13b-four-in-6-months",
        sdp("2024-01-01"),
        "2024-02-01",
        "SDL.13b.opfoelgning",
        4,
        {"due_by": "2024-06-30"},
    ),
    (
        "SDL13b-kategori-1-none",
        sdp("2024-01-01", "1"),
        "2024-02-01",
        "SDL.13b.opfoelgning",
        1,
        None,
    ),
    (
        "SDL12-kategori-3-before-2025",
        sdp("2024-06-03", "3"),
        "2024-09-01",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2024-07-28"},
    ),
    (
        "SDL13b-2025-version",
        sdp("2025-01-06"),
        "2025-02-01",
        "SDL.13b.opfoelgning",
        1,
        {"parameter_from": "2025-01-01"},
    ),
    (
        "SDL13b-met",
        sdp("2024-01-01", samtaler=None)
        | {"samtaler": [{"dato": "2024-02-20", "type": "opfoelgning"}]},
        "2024-03-01",
        "SDL.13b.opfoelgning",
        1,
        {"met": True, "met_on": "2024-02-20"},
    ),
    # ---- SDL § 24: revurdering after > 22 weeks in 9 months
    (
        "SDL24-employee-30-days-not-counted",
        sdp("2024-01-01"),
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-07-03", "due_by": "2024-07-31"},
    ),
    (
        "SDL24-self-employed-2-weeks",
        sdp("2024-01-01", ansaettelse="selvstaendig"),
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-06-17", "due_by": "2024-06-30"},
    ),
    (
        "SDL24-stk2-unemployed-first-30-days-not-counted",
        sdp("2024-01-01", ansaettelse="ledig"),
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-07-03"},
    ),
    (
        "SDL24-exactly-22-weeks-no-revurdering",
        sdp("2024-01-01") | {"slut": "2024-07-02"},
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        None,
    ),
    (
        "SDL24-22-weeks-and-1-day",
        sdp("2024-01-01") | {"slut": "2024-07-03"},
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-07-03"},
    ),
    (
        "SDL24-two-periods",
        sdp(
            "2024-01-01",
            perioder=[{"fra": "2024-01-01", "til": "2024-03-31"}, {"fra": "2024-05-01"}],
        ),
        "2024-06-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-09-01", "due_by": "2024-09-30"},
    ),
    (
        "SDL24-9-month-window",
        sdp(
            "2024-01-01",
            perioder=[{"fra": "2024-01-01", "til": "2024-03-31"}, {"fra": "2025-01-01"}],
        ),
        "2025-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2025-07-04", "due_by": "2025-07-31"},
    ),
    # ---- SDL § 27 forlængelse / § 24 a jobafklaring
    (
        "SDL27-ground-3-134-weeks",
        sdp("2024-01-01", forlaengelse={"grund": 3}),
        "2024-08-01",
        "SDL.27.forlaengelse",
        3,
        {"due_from": "2024-07-31", "due_by": "2027-02-24"},
    ),
    (
        "SDL27-ground-5-no-limit",
        sdp("2024-01-01", forlaengelse={"grund": 5}),
        "2024-08-01",
        "SDL.27.forlaengelse",
        5,
        {"due_by": None, "state": "info"},
    ),
    (
        "SDL24a-jobafklaring-without-ground",
        sdp("2024-01-01"),
        "2024-08-01",
        "SDL.24a.jobafklaring",
        1,
        {"due_by": "2024-07-31"},
    ),
    # ---- SDL §§ 30, 32, 41, 45 and AFL § 62: who pays, and from when the municipality pays
    (
        "SDL30-employer-pays-first-30-calendar-days",
        sdp("2024-03-04"),
        "2024-03-10",
        "SDL.30.arbejdsgiverperiode",
        1,
        {
            "holder": "arbejdsgiver",
            "due_from": "2024-03-04",
            "due_by": "2024-04-02",
            "state": "info",
        },
    ),
    (
        "SDL30-municipality-pays-from-day-31",
        sdp("2024-03-04"),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-04-03", "due_by": None, "text~": "fra 03.04.2024"},
    ),
    (
        "SDL32-no-employer-period-municipality-from-day-1",
        sdp("2024-03-04", ansaettelse="loenmodtager", arbejdsgiverperiode=False),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-03-04"},
    ),
    (
        "SDL30-stk2-not-met-no-employer-period",
        sdp("2024-03-04", ansaettelse="loenmodtager", arbejdsgiverperiode=False),
        "2024-03-10",
        "SDL.30.arbejdsgiverperiode",
        1,
        None,
    ),
    (
        "SDL41-self-employed-from-day-15",
        sdp("2024-03-04", ansaettelse="selvstaendig"),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-03-18", "text~": "efter 2 ugers sygdom (SDL § 41)"},
    ),
    (
        "SDL45-insured-self-employed-from-day-1",
        sdp("2024-03-04", ansaettelse="selvstaendig", forsikring="dag_1"),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-03-04", "text~": "SDL § 45"},
    ),
    (
        "SDL45-insured-self-employed-from-day-3",
        sdp("2024-03-04", ansaettelse="selvstaendig", forsikring="dag_3"),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-03-06"},
    ),
    (
        "AFL62-unemployed-akasse-pays-14-days",
        sdp("2024-03-04", ansaettelse="ledig"),
        "2024-03-10",
        "AFL.62.sygdom",
        1,
        {"holder": "akasse", "due_from": "2024-03-04", "due_by": "2024-03-17"},
    ),
    (
        "SDL32-unemployed-municipality-from-day-15",
        sdp("2024-03-04", ansaettelse="ledig"),
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        {"due_from": "2024-03-18"},
    ),
    (
        "SDL30-short-absence-no-municipal-payment",
        sdp("2024-03-04") | {"slut": "2024-03-20"},
        "2024-03-10",
        "SDL.udbetaling.kommune",
        1,
        None,
    ),
    (
        "SDL30-short-absence-employer-period-ends-with-it",
        sdp("2024-03-04") | {"slut": "2024-03-20"},
        "2024-03-10",
        "SDL.30.arbejdsgiverperiode",
        1,
        {"due_by": "2024-03-20"},
    ),
    (
        "SDL30-new-absence-new-employer-period",
        sdp(
            "2024-03-04",
            perioder=[{"fra": "2024-03-04", "til": "2024-03-20"}, {"fra": "2024-05-01"}],
        ),
        "2024-05-02",
        "SDL.30.arbejdsgiverperiode",
        2,
        {"due_from": "2024-05-01", "due_by": "2024-05-30"},
    ),
    (
        "SDL30-new-absence-municipality-from-its-day-31",
        sdp(
            "2024-03-04",
            perioder=[{"fra": "2024-03-04", "til": "2024-03-20"}, {"fra": "2024-05-01"}],
        ),
        "2024-05-02",
        "SDL.udbetaling.kommune",
        2,
        {"due_from": "2024-05-31"},
    ),
    # ---- SDL § 24 across several absences (each absence's first 30 / 14 days not counted)
    (
        "SDL24-stk2-employer-period-of-each-absence-not-counted",
        sdp(
            "2024-01-01",
            perioder=[{"fra": "2024-01-01", "til": "2024-02-29"}, {"fra": "2024-03-15"}],
        ),
        "2024-04-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-08-16", "due_by": "2024-08-31"},
    ),
    (
        "SDL24-stk2-self-employed-2-weeks-of-each-absence",
        sdp(
            "2024-01-01",
            ansaettelse="selvstaendig",
            perioder=[{"fra": "2024-01-01", "til": "2024-01-31"}, {"fra": "2024-02-10"}],
        ),
        "2024-04-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-07-10", "due_by": "2024-07-31"},
    ),
    (
        "SDL24-stk2-absence-within-employer-period-counts-nothing",
        sdp(
            "2024-01-01",
            perioder=[{"fra": "2024-01-01", "til": "2024-01-25"}, {"fra": "2024-02-01"}],
        ),
        "2024-04-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-08-03", "due_by": "2024-08-31"},
    ),
    # ---- SDL § 13 b stk. 2-3 (early follow-up on request) and § 13 f (from 2025)
    (
        "SDL13b-stk2-early-request-first-samtale-within-2-weeks",
        sdp("2024-03-04", tidlig_opfoelgning="2024-03-11"),
        "2024-03-12",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2024-03-25", "text~": "anmodningen om tidlig opfølgning"},
    ),
    (
        "SDL13b-stk1-late-request-keeps-week-8",
        sdp("2024-03-04", tidlig_opfoelgning="2024-04-20"),
        "2024-04-21",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2024-04-28"},
    ),
    (
        "SDL13b-stk3-declined-early-follow-up",
        sdp("2024-03-04", tidlig_opfoelgning="2024-03-11", tidlig_opfoelgning_afvist=True),
        "2024-03-12",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2024-04-28"},
    ),
    (
        "SDL13b-stk2-early-request-also-in-category-1",
        sdp("2024-03-04", kategori="1", tidlig_opfoelgning="2024-03-06"),
        "2024-03-12",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2024-03-20"},
    ),
    (
        "SDL13b-category-1-early-request-only-first-samtale",
        sdp("2024-03-04", kategori="1", tidlig_opfoelgning="2024-03-06"),
        "2024-03-12",
        "SDL.13b.opfoelgning",
        2,
        None,
    ),
    (
        "SDL13b-category-1-without-request-no-samtale",
        sdp("2024-03-04", kategori="1"),
        "2024-03-12",
        "SDL.13b.opfoelgning",
        1,
        None,
    ),
    (
        "SDL13f-simplified-follow-up-only-first-samtale",
        sdp("2025-03-03", forenklet_opfoelgning=True),
        "2025-03-10",
        "SDL.13b.opfoelgning",
        2,
        None,
    ),
    (
        "SDL13f-first-samtale-still-by-week-8",
        sdp("2025-03-03", forenklet_opfoelgning=True),
        "2025-03-10",
        "SDL.13b.opfoelgning",
        1,
        {"due_by": "2025-04-27", "text~": "SDL § 13 f", "status": "secondary"},
    ),
    (
        "SDL13f-not-in-force-in-2024",
        sdp("2024-03-04", forenklet_opfoelgning=True),
        "2024-03-10",
        "SDL.13b.opfoelgning",
        2,
        {"due_by": "2024-09-03"},
    ),
    # ---- SDL § 27 with a decided end, SDL § 24 a and the rehabiliteringsteam
    (
        "SDL27-ground-5-end-decided-by-municipality",
        sdp("2024-01-01", forlaengelse={"grund": 5, "til": "2025-01-31"}),
        "2024-08-01",
        "SDL.27.forlaengelse",
        5,
        {"due_by": "2025-01-31", "text~": "som kommunen har besluttet"},
    ),
    (
        "SDL24a-jobafklaring-after-decided-end",
        sdp("2024-01-01", forlaengelse={"grund": 5, "til": "2025-01-31"}),
        "2024-08-01",
        "SDL.24a.jobafklaring",
        1,
        {"due_from": "2025-01-31"},
    ),
    (
        "SDL27-ground-5-without-end-no-jobafklaring",
        sdp("2024-01-01", forlaengelse={"grund": 5}),
        "2024-08-01",
        "SDL.24a.jobafklaring",
        1,
        None,
    ),
    (
        "SDL27-ground-3-decided-end-after-limit-keeps-134-weeks",
        sdp("2024-01-01", forlaengelse={"grund": 3, "til": "2030-01-01"}),
        "2024-08-01",
        "SDL.27.forlaengelse",
        3,
        {"due_by": "2027-02-24"},
    ),
    (
        "SDL24a-change-of-benefit-to-ressourceforloebsydelse",
        sdp("2024-01-01"),
        "2024-08-01",
        "SDL.24a.jobafklaring",
        1,
        {"text~": "jobafklaringsforløb med ressourceforløbsydelse"},
    ),
    (
        "JAF-rehabiliteringsteam-within-4-weeks-2024",
        sdp("2024-01-01"),
        "2024-08-01",
        "JAF.rehabiliteringsteam",
        1,
        {"due_from": "2024-08-01", "due_by": "2024-08-29", "state": "open", "status": "secondary"},
    ),
    (
        "JAF-rehabiliteringsteam-only-where-needed-from-2025",
        sdp("2025-01-01"),
        "2025-08-01",
        "JAF.rehabiliteringsteam",
        1,
        {"due_from": "2025-08-01", "state": "info", "text~": "kun hvis kommunen vurderer"},
    ),
    # ---- one input for the first sick day
    (
        "SDL13b-first-absence-day-given-only-as-start",
        case(ydelse="sygedagpenge", start="2024-03-04", sygedagpenge={"kategori": "2"}),
        "2024-03-10",
        "SDL.13b.opfoelgning",
        1,
        {"due_from": "2024-03-04", "due_by": "2024-04-28"},
    ),
    (
        "SDL13b-first-absence-day-given-only-in-sygedagpenge",
        case(
            ydelse="sygedagpenge",
            sygedagpenge={"foerste_fravaersdag": "2024-03-04", "kategori": "2"},
        ),
        "2024-03-10",
        "SDL.13b.opfoelgning",
        1,
        {"due_from": "2024-03-04", "due_by": "2024-04-28"},
    ),
    (
        "SDL24-first-absence-day-from-the-first-period",
        case(
            ydelse="sygedagpenge",
            sygedagpenge={"kategori": "2", "perioder": [{"fra": "2024-01-01"}]},
        ),
        "2024-02-01",
        "SDL.24.revurdering",
        1,
        {"due_from": "2024-07-03"},
    ),
    (
        "SDL24a-after-the-69-weeks-of-ground-2",
        sdp("2024-01-01", forlaengelse={"grund": 2}),
        "2024-08-01",
        "SDL.24a.jobafklaring",
        1,
        {"due_from": "2025-11-26", "text~": "Forlængelsen efter SDL § 27 ophører 26.11.2025"},
    ),
]


def _strip_none(raw: dict) -> dict:
    out = {}
    for k, v in raw.items():
        if isinstance(v, dict):
            out[k] = {kk: vv for kk, vv in v.items() if vv is not None}
        else:
            out[k] = v
    return out


@pytest.mark.parametrize(
    ("raw", "as_of", "rule_id", "nr", "expected"), [pytest.param(*r[1:], id=r[0]) for r in ROWS]
)
def test_obligation_row(
    raw: dict, as_of: str, rule_id: str, nr: int, expected: dict | None
) -> None:
    raw = _strip_none(raw)
    ob = find(raw, as_of, rule_id, nr)
    if expected is None:
        assert ob is None, ob
        return
    assert ob is not None, f"no {rule_id} nr {nr}"
    for key, want in expected.items():
        if key == "text~":
            assert want in ob.text_da, ob.text_da
        elif key in ("due_from", "due_by", "met_on", "parameter_from", "parameter_to"):
            assert getattr(ob, key) == d(want), (key, getattr(ob, key))
        else:
            assert getattr(ob, key) == want, (key, getattr(ob, key))


def test_at_least_164_rows() -> None:
    """124 rows before issue 17; it added at least 40."""
    assert len(ROWS) >= 164


def test_uddannelseshjaelp_after_reform_is_an_input_error() -> None:
    """lov 1655/2024: uddannelseshjælp does not exist from 2025-07-01; no målgruppe is guessed."""
    from indsats.rules.model import InputError, Sag

    with pytest.raises(InputError) as exc:
        Sag.from_dict(
            case(
                ydelse="uddannelseshjaelp",
                visitation="uddannelsesparat",
                start="2025-07-01",
                foedselsdato="2002-01-01",
            )
        )
    assert exc.value.field == "maalgruppe"


def test_sygedagpenge_without_category_is_an_input_error() -> None:
    """SDL § 12 gives no default category, and the categories have different duties."""
    from indsats.rules.model import InputError, Sag

    raw = case(ydelse="sygedagpenge", start="2025-03-03")
    raw["sygedagpenge"] = {"foerste_fravaersdag": "2025-03-03"}
    with pytest.raises(InputError) as exc:
        Sag.from_dict(raw)
    assert exc.value.field == "sygedagpenge.kategori"
