"""The consultant's part of the start page: the portfolio's next follow-ups."""

from django import template
from django.utils import timezone

register = template.Library()
SHOWN = 8


@register.inclusion_tag("companies/_forside.html", takes_context=True)
def forside_konsulent(context):
    from indsats.web.companies.selectors import virksomhed_portfolio_list

    user = context["request"].user
    today = timezone.localdate()
    portfolio = virksomhed_portfolio_list(actor=user)
    with_followup = [v for v in portfolio if v.naeste_opfoelgning is not None]
    return {
        "virksomheder": portfolio,
        "naeste": with_followup[:SHOWN],
        "overskredne": sum(1 for v in with_followup if v.naeste_opfoelgning < today),
        "uden": len(portfolio) - len(with_followup),
        "aabne_jobordrer": sum(v.aabne_jobordrer for v in portfolio),
        "today": today,
    }
