"""Plan data on pages of lower apps (the start page): the årshjul's overdue steps, through a
template tag, so Python imports stay layered (docs/architecture.md)."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("plans/_forfaldne_kort.html", takes_context=True)
def plan_forfaldne(context):
    user = context["request"].user
    from indsats.web.plans.selectors import aarshjul_overdue_list

    return {"trin": aarshjul_overdue_list(actor=user, i_dag=timezone.localdate())}
