"""Writes for the offer catalogue and the economics inputs, scoped to the actor's municipality."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from indsats.domain.ydelser import Ydelse
from indsats.economics.business_case import Investeringscase as CoreCase
from indsats.economics.business_case import read_case_yaml
from indsats.economics.catalogue import demo_price_list_path, read_price_list
from indsats.web.accounts.permissions import require_kommune, require_perm
from indsats.web.offers.models import Budget, Investeringscase, Leverandoer, Maanedstal, Tilbud


@transaction.atomic
def leverandoer_create(*, actor, navn: str, kind: str) -> Leverandoer:
    require_perm(actor, "offers.add_leverandoer")
    lev = Leverandoer(navn=navn, kind=kind, kommune_kode=require_kommune(actor))
    lev.full_clean()
    lev.save()
    return lev


@transaction.atomic
def tilbud_create(
    *,
    actor,
    leverandoer: Leverandoer,
    navn: str,
    type: str,
    maalgrupper: list[str] | None = None,
    pris_pr_uge: Decimal | None = None,
    pris_pr_maaned: Decimal | None = None,
    kapacitet: int | None = None,
    gyldig_fra: date | None = None,
    gyldig_til: date | None = None,
    kilde: str = "",
) -> Tilbud:
    require_perm(actor, "offers.add_tilbud")
    if leverandoer.kommune_kode != require_kommune(actor):
        raise PermissionDenied("Leverandøren hører til en anden kommune.")
    tilbud = Tilbud(
        leverandoer=leverandoer,
        navn=navn,
        type=type,
        maalgrupper=list(maalgrupper or []),
        pris_pr_uge=pris_pr_uge,
        pris_pr_maaned=pris_pr_maaned,
        kapacitet=kapacitet,
        gyldig_fra=gyldig_fra,
        gyldig_til=gyldig_til,
        kilde=kilde,
    )
    tilbud.full_clean()
    tilbud.save()
    return tilbud


@transaction.atomic
def budget_set(
    *, actor, aar: int, ydelse: str, helaarspersoner: Decimal, enhedspris: Decimal, kilde: str = ""
) -> Budget:
    """Create or replace the budget for one benefit and year."""
    require_perm(actor, "offers.add_budget")
    kommune_kode = require_kommune(actor)
    budget = Budget.objects.filter(kommune_kode=kommune_kode, aar=aar, ydelse=ydelse).first()
    budget = budget or Budget(kommune_kode=kommune_kode, aar=aar, ydelse=ydelse)
    budget.helaarspersoner, budget.enhedspris, budget.kilde = helaarspersoner, enhedspris, kilde
    budget.demotal = False
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def investeringscase_create(*, actor, case: CoreCase) -> Investeringscase:
    require_perm(actor, "offers.add_investeringscase")
    row = Investeringscase.from_core(case, kommune_kode=require_kommune(actor))
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def maanedstal_import(*, kommune_kode: int, maanedstal, fordelinger, kilde: str) -> int:
    """Store monthly helårspersoner and refusion splits (replacing the same months)."""
    splits = {(f.ydelse.value, f.aar, f.maaned): f for f in fordelinger}
    n = 0
    for m in maanedstal:
        f = splits.get((m.ydelse.value, m.aar, m.maaned))
        shares = [f.andele.get(t, Decimal(0)) if f else None for t in (1, 2, 3, 4)]
        Maanedstal.objects.update_or_create(
            kommune_kode=kommune_kode,
            aar=m.aar,
            maaned=m.maaned,
            ydelse=m.ydelse.value,
            defaults={
                "helaarspersoner": round(m.helaarspersoner, 1),
                "kilde": kilde,
                **{
                    f"andel_trin{t}": None if s is None else round(s, 4)
                    for t, s in zip((1, 2, 3, 4), shares, strict=True)
                },
            },
        )
        n += 1
    return n


def maanedstal_import_from_register(*, actor, register_dir, aar: int) -> int:
    """Compute the year's monthly helårspersoner and refusion splits for the actor's municipality
    from a register directory (Parquet) with the analytics (DuckDB), and store them."""
    require_perm(actor, "offers.add_budget")
    kommune_kode = require_kommune(actor)
    from indsats.analytics.backend import connect, read_register
    from indsats.economics.fra_register import fra_register

    reg = read_register(connect("duckdb"), register_dir)
    ms, fs = fra_register(reg, kommune=kommune_kode, aar=aar)
    return maanedstal_import(
        kommune_kode=kommune_kode, maanedstal=ms, fordelinger=fs, kilde="Ydelsesregistret"
    )


# --- demo data ------------------------------------------------------------------------------

DEMO_BUDGET_AAR = 2021
_DEMO = "Demotal"
_VARDE_PLAN = "Varde Kommune, Beskæftigelsesplan 2020-2023, revideret 2021"

# Budgeted helårspersoner 2021 from the plan's tables ("I alt budgetteret årsværk", 2021); the
# unit costs (gross, before refusion) are ASSUMED demo figures: the plan gives none.
DEMO_BUDGET = [
    (Ydelse.SYGEDAGPENGE, Decimal(585), Decimal(240000), "tabel Sygedagpenge, 2021: 590 - 5"),
    (
        Ydelse.JOBAFKLARINGSFORLOEB,
        Decimal(118),
        Decimal(180000),
        "tabel Jobafklaring, 2021: 120 - 2",
    ),
    (Ydelse.LEDIGHEDSYDELSE, Decimal(158), Decimal(200000), "tabel Ledighedsydelse, 2021: 160 - 2"),
]
# Demo actuals January-June 2021 (the plan's follow-up date is 30.06) and demo refusion splits
# (share of expenditure at tier 1-4). Invented, deterministic, and marked "Demotal".
DEMO_MAANEDER = {
    Ydelse.SYGEDAGPENGE: ([612, 606, 598, 594, 589, 583], ("0.14", "0.50", "0.23", "0.13")),
    Ydelse.JOBAFKLARINGSFORLOEB: ([126, 125, 123, 122, 121, 119], ("0", "0.03", "0.09", "0.88")),
    Ydelse.LEDIGHEDSYDELSE: ([161, 160, 160, 159, 158, 157], ("0.02", "0.08", "0.10", "0.80")),
}
# The business case's benefit (jobparate kontanthjælp), January 2020 - June 2021, demo figures
# around the plan's 130-180 (level without the investment assumed 155).
DEMO_KONTANTHJAELP = [
    150,
    147,
    146,
    143,
    141,
    139,
    137,
    136,
    135,
    134,
    133,
    131,
    130,
    129,
    128,
    128,
    127,
    126,
]
DEMO_KONTANTHJAELP_SPLIT = ("0.03", "0.12", "0.10", "0.75")


def _split_rows(
    kommune_kode: int,
    ydelse: Ydelse,
    aar: int,
    maaned: int,
    hp: Decimal,
    split: tuple[str, str, str, str],
) -> None:
    # Vary the split a little month by month (deterministic), keeping the sum at 1.
    shares = [Decimal(s) for s in split]
    shift = Decimal("0.005") * ((maaned % 3) - 1)
    if shares[1] + shift >= 0 and shares[3] - shift >= 0:
        shares[1] += shift
        shares[3] -= shift
    Maanedstal.objects.update_or_create(
        kommune_kode=kommune_kode,
        aar=aar,
        maaned=maaned,
        ydelse=ydelse.value,
        defaults={
            "helaarspersoner": hp,
            "andel_trin1": shares[0],
            "andel_trin2": shares[1],
            "andel_trin3": shares[2],
            "andel_trin4": shares[3],
            "kilde": _DEMO,
        },
    )


# The current budget year's benefits and unit costs (gross, before refusion; assumed demo figures
# as for 2021).
DEMO_AARETS_BUDGET = [(ydelse, enhedspris) for ydelse, _, enhedspris, _ in DEMO_BUDGET]


def demo_budget_year(today: date) -> tuple[int, int]:
    """(year, months) of the demo's current budget: the year of the last complete month and its
    months up to that month (the budget follow-up of the report month)."""
    from indsats.reports.build import demo_month

    month = demo_month(today)
    return int(month[:4]), int(month[5:7])


def demo_budget_current_build(*, kommune_kode: int, today: date, register_dir) -> int:
    """The budget of the demo's current year (`demo_budget_year`), built on the synthetic
    register: each benefit's helårspersoner budgeted at last year's level less 2 % (as the
    current plan's måltal), actuals and refusion splits month by month from the register
    (`indsats.economics.fra_register`). All marked as demo figures. Returns the year."""
    from indsats.analytics.backend import connect, read_register
    from indsats.domain.numbers import format_number
    from indsats.economics.fra_register import fra_register

    aar, maaneder = demo_budget_year(today)
    reg = read_register(connect("duckdb"), register_dir)
    ydelser = {y.value for y, _ in DEMO_AARETS_BUDGET}
    ms, fs = fra_register(
        reg, kommune=kommune_kode, aar=aar, maaneder=f"{aar - 1}-01:{aar}-{maaneder:02d}"
    )
    ms = [m for m in ms if m.ydelse.value in ydelser]
    for ydelse, enhedspris in DEMO_AARETS_BUDGET:
        sidste_aar = [m.helaarspersoner for m in ms if m.ydelse is ydelse and m.aar == aar - 1]
        if len(sidste_aar) != 12:
            continue  # the register does not cover last year: no budget to set
        niveau = sum(sidste_aar, Decimal(0)) / 12
        Budget.objects.update_or_create(
            kommune_kode=kommune_kode,
            aar=aar,
            ydelse=ydelse.value,
            defaults={
                "helaarspersoner": round(niveau * Decimal("0.98")),
                "enhedspris": enhedspris,
                "demotal": True,
                "kilde": (
                    f"Helårspersoner: niveauet i {aar - 1} i det syntetiske ydelsesregister "
                    f"({format_number(niveau, decimals=1)}) minus 2 %. Enhedspris: antaget "
                    "demotal."
                ),
            },
        )
    maanedstal_import(
        kommune_kode=kommune_kode,
        maanedstal=[m for m in ms if m.aar == aar],
        fordelinger=[f for f in fs if f.aar == aar and f.ydelse.value in ydelser],
        kilde=f"{_DEMO}: syntetisk ydelsesregister",
    )
    return aar


@transaction.atomic
def demo_economics_build(
    *, kommune_kode: int, today: date | None = None, register_dir=None
) -> None:
    """Load the demo catalogue, the 2021 budget and monthly figures of the Varde plan, the
    business case and, with the demo register, the budget of the current year (idempotent)."""
    # 1. The Ringkøbing-Skjern price list (Ringkøbing-Skjern Kommune, Beskæftigelsesudvalget, referat 18.08.2022) as the demo catalogue.
    for t in read_price_list(demo_price_list_path()):
        lev, _ = Leverandoer.objects.get_or_create(
            kommune_kode=kommune_kode,
            navn=t.leverandoer,
            defaults={"kind": t.leverandoer_type.value},
        )
        Tilbud.objects.update_or_create(
            leverandoer=lev,
            navn=t.navn,
            defaults={
                "type": t.type.value,
                "maalgrupper": [m.value for m in t.maalgrupper],
                "pris_pr_uge": t.pris.pr_uge,
                "pris_pr_maaned": t.pris.pr_maaned,
                "kapacitet": t.kapacitet,
                "gyldig_fra": date(2022, 8, 18),
                "kilde": f"Priser fra Ringkøbing-Skjern Kommune brugt som demodata; {t.kilde}",
            },
        )
    # 2. Budget 2021 and actuals January-June with refusion splits (the plan's history).
    for ydelse, hp, enhedspris, where in DEMO_BUDGET:
        Budget.objects.update_or_create(
            kommune_kode=kommune_kode,
            aar=DEMO_BUDGET_AAR,
            ydelse=ydelse.value,
            defaults={
                "helaarspersoner": hp,
                "enhedspris": enhedspris,
                "demotal": True,
                "kilde": f"Helårspersoner: {_VARDE_PLAN}, {where}. Enhedspris: antaget demotal.",
            },
        )
        values, split = DEMO_MAANEDER[ydelse]
        for maaned, v in enumerate(values, 1):
            _split_rows(kommune_kode, ydelse, DEMO_BUDGET_AAR, maaned, Decimal(v), split)
    for i, v in enumerate(DEMO_KONTANTHJAELP):
        aar, maaned = 2020 + i // 12, i % 12 + 1
        _split_rows(
            kommune_kode, Ydelse.KONTANTHJAELP, aar, maaned, Decimal(v), DEMO_KONTANTHJAELP_SPLIT
        )
    # 3. The business case the plan describes: one more caseworker for jobparate kontanthjælp.
    from pathlib import Path

    case = read_case_yaml(
        Path(demo_price_list_path()).parent / "varde_2020_kontanthjaelp_investering.yaml"
    )
    if not Investeringscase.objects.filter(kommune_kode=kommune_kode, navn=case.navn).exists():
        row = Investeringscase.from_core(case, kommune_kode=kommune_kode)
        # Approved before its first year (the committee's demo step records that decision).
        row.opfoelgning_fra = date(case.start_aar, 1, 1)
        row.full_clean()
        row.save()
    # 4. This year's budget on the demo register, so the follow-up lives on the demo's day.
    if today is not None and register_dir is not None:
        demo_budget_current_build(kommune_kode=kommune_kode, today=today, register_dir=register_dir)
