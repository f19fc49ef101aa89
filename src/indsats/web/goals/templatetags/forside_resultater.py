"""Results on the start page (leaders, analysts, the committee): the newest monthly report's
goals counted by status, read from its report.json (no register query)."""

from django import template

register = template.Library()


@register.inclusion_tag("goals/_forside.html", takes_context=True)
def forside_resultater(context):
    from indsats.web.goals.selectors import resultater_summary_get

    return {"r": resultater_summary_get(actor=context["request"].user)}
