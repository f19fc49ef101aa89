"""An obligation's "Hvorfor?" (the rule, the law, the parameter version, the source), rendered
once per rule version and process: it depends on the rule only, never on the case or the
citizen, and the worklist shows it on every row of every caseworker's page (issue 12: rendering
it per row was a third of the page's cost)."""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def begrundelse(ob) -> SafeString:
    return _rendered(
        ob.rule_id, ob.legal_reference, ob.parameter_from, ob.parameter_to, ob.status,
        ob.source_url,
    )  # fmt: skip


@lru_cache(maxsize=1024)
def _rendered(rule_id, legal_reference, parameter_from, parameter_to, status, source_url):
    return mark_safe(  # the output of a template, which escapes what it inserts
        render_to_string(
            "partials/_obligation_why.html",
            {
                "rule_id": rule_id,
                "legal_reference": legal_reference,
                "parameter_from": parameter_from,
                "parameter_to": parameter_to,
                "status": status,
                "source_url": source_url,
            },
        )
    )
