"""The one permission check for services and selectors.

Views carry `permission_required` for the page; services and selectors check again, because they
are also called from other apps, the demo and the CLI, where no view stands in front of them.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from indsats.web.accounts.models import User


def require_perm(actor: User | AnonymousUser, *perms: str, message: str = "") -> None:
    """Raise PermissionDenied (with `message`, if given) unless `actor` is logged in and holds
    every one of `perms` ("app_label.codename")."""
    if not actor.is_authenticated or not all(actor.has_perm(p) for p in perms):
        raise PermissionDenied(message) if message else PermissionDenied


def require_kommune(actor: User | AnonymousUser) -> int:
    """The actor's municipality code; PermissionDenied for a user without one (whatever they
    write would belong to no municipality)."""
    if not isinstance(actor, User) or not actor.is_authenticated or not actor.kommune_kode:
        raise PermissionDenied("Brugeren hører ikke til en kommune.")
    return int(actor.kommune_kode)
