"""The measured effect on other apps' pages.

An investment case's page (offers) shows the realised effect its effect evaluations measured.
The offers app sits below this one (evaluations link to cases), so it cannot import the
evaluations; its template loads this tag instead (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from django import template

from indsats.web.evaluation.selectors import case_effekt_list

register = template.Library()


@register.simple_tag(takes_context=True)
def case_effekt(context: template.Context, case: Any) -> list[Any]:
    """[(evaluation, yearly rows of promised and measured effect)] for the case; empty when
    the user may not see evaluations or none is computed."""
    return case_effekt_list(actor=context["request"].user, case=case)
