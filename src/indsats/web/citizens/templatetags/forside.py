"""The caseworker's part of the start page (core/start.html loads it: templates compose, Python
imports stay layered, docs/architecture.md): the worklist in numbers and today's samtaler."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("citizens/_forside.html", takes_context=True)
def forside_jobraadgiver(context):
    from indsats.web.citizens.selectors import kalender_list, worklist_counts_get

    user = context["request"].user
    today = timezone.localdate()
    return {
        "counts": worklist_counts_get(actor=user, as_of=today),
        "samtaler": kalender_list(actor=user, fra=today, til=today),
        "today": today,
        "perms": context.get("perms"),
    }
