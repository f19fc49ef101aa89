"""The beskæftigelsesplan as data: model, validation, versions and their diff, the yearly
evaluation, the årshjul, the legal requirements and the plan document (HTML, PDF, DOCX).

Plain Python (no Django); the web app `indsats.web.plans` stores plans and calls this package.
See docs/plan.md.
"""

from indsats.plan.errors import PlanError, PlanFejl
from indsats.plan.io import bundled_plan, load_plan, version_from_dict, version_to_dict
from indsats.plan.model import PlanVersion, Status
from indsats.plan.validation import check_version, validate_version

__all__ = [
    "PlanError",
    "PlanFejl",
    "PlanVersion",
    "Status",
    "bundled_plan",
    "check_version",
    "load_plan",
    "validate_version",
    "version_from_dict",
    "version_to_dict",
]
