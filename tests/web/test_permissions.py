"""The one permission helper of services and selectors (accounts/permissions.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from indsats.web.accounts.permissions import require_kommune, require_perm


@pytest.mark.django_db
def test_require_perm_needs_every_permission_and_a_login(users):
    leder, udvalg = users["leder"], users["udvalg"]
    require_perm(leder, "citizens.view_borger", "accounts.view_all_teams")
    with pytest.raises(PermissionDenied):
        require_perm(udvalg, "citizens.view_borger")
    with pytest.raises(PermissionDenied):
        require_perm(leder, "citizens.view_borger", "accounts.view_audit_trail")
    with pytest.raises(PermissionDenied, match="Kun for ledere"):
        require_perm(AnonymousUser(), "citizens.view_borger", message="Kun for ledere")


@pytest.mark.django_db
def test_require_kommune_returns_the_code_and_refuses_a_user_without_one(users):
    assert require_kommune(users["leder"]) == 573
    with pytest.raises(PermissionDenied):
        require_kommune(AnonymousUser())
