"""The job barometer on other apps' pages.

Min Plan (citizens) shows the barometer's need level next to each ABC job target. The citizens
app sits below this one (companies imports citizens for candidates and placements), so it cannot
import the barometer; its template loads this tag instead (docs/architecture.md).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils import timezone

from indsats.companyservice.barometer import barometer_level_for
from indsats.web.companies.selectors import jobbarometer_list

register = template.Library()


@register.simple_tag(takes_context=True)
def jobbarometer_levels(context: template.Context, plan: Any) -> dict[int, Any]:
    """The need level (last 12 months) per ABC job target of `plan`, keyed by the target's pk;
    empty when the user may not see the barometer."""
    user = context["request"].user
    if plan is None or not user.has_perm("companies.view_jobbarometer"):
        return {}
    today = timezone.localdate()
    rows = jobbarometer_list(actor=user, fra=today - timedelta(days=365), til=today)
    return {j.pk: barometer_level_for(rows, j.branche) for j in plan.jobmaal.all() if j.branche}
