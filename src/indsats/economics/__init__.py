"""Economics: offer prices, refusion-aware budget follow-up, investment business cases, and
arithmetic checks of hand-typed budget tables.

Plain Python (never imports Django); money is `Decimal` kr. See docs/economics.md.

Public API:
    Pris, KatalogTilbud, forloebspris, merudgift, read_price_list   (catalogue)
    BudgetPost, Maanedstal, budgetopfoelgning, budget_total          (budget)
    RefusionFordeling, kommunal_andel, refusion_satser, read_split_csv (refusion, rates from rules)
    Investeringscase, business_case, case_opfoelgning                 (business_case)
    RealiseretEffekt, case_effekt_opfoelgning   (business_case: realised effect from an evaluation)
    check_table                                                       (check)
    fra_register, fra_refusion_fordeling      (fra_register: inputs from the analytics' split)
    report_sections                                                   (report, for the monthly report)
    parse_amount, EconomicsInputError (numbers; formatting is indsats.domain.numbers)
"""

from indsats.economics.budget import BudgetPost, Maanedstal, budget_total, budgetopfoelgning
from indsats.economics.business_case import (
    Investeringscase,
    RealiseretEffekt,
    business_case,
    case_effekt_opfoelgning,
    case_opfoelgning,
)
from indsats.economics.catalogue import (
    KatalogTilbud,
    LeverandoerType,
    Pris,
    VarighedEnhed,
    forloebspris,
    merudgift,
    read_price_list,
)
from indsats.economics.check import check_table
from indsats.economics.numbers import EconomicsInputError, parse_amount
from indsats.economics.refusion import (
    RefusionFordeling,
    kommunal_andel,
    read_split_csv,
    refusion_satser,
)
from indsats.economics.report import Tabel, report_sections

__all__ = [
    "BudgetPost",
    "EconomicsInputError",
    "Investeringscase",
    "KatalogTilbud",
    "LeverandoerType",
    "Maanedstal",
    "Pris",
    "RealiseretEffekt",
    "RefusionFordeling",
    "Tabel",
    "VarighedEnhed",
    "budget_total",
    "budgetopfoelgning",
    "business_case",
    "case_effekt_opfoelgning",
    "case_opfoelgning",
    "check_table",
    "forloebspris",
    "kommunal_andel",
    "merudgift",
    "parse_amount",
    "read_price_list",
    "read_split_csv",
    "refusion_satser",
    "report_sections",
]
