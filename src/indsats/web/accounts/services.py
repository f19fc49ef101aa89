"""Writes for users, teams and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from indsats.web.accounts.models import Kommuneindstillinger, Team, User
from indsats.web.accounts.roles import ROLE_PERMISSIONS, Rolle


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions in `ROLE_PERMISSIONS`."""
    for rolle, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=rolle.value)
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".")
            try:
                wanted.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist:
                # The app's permissions are created by its own post_migrate; the next run fixes it.
                continue
        group.permissions.set(wanted)


def team_get_or_create(*, kommune_kode: int, navn: str) -> Team:
    team, _ = Team.objects.get_or_create(kommune_kode=kommune_kode, navn=navn)
    return team


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    kommune_kode: int,
    roller: list[Rolle],
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(
        username=username,
        kommune_kode=kommune_kode,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=Rolle.ADMIN in roller,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set(Group.objects.filter(name__in=[r.value for r in roller]))
    return user


def kommuneindstillinger_set(
    *, kommune_kode: int, jobcenter_navn: str, telefon: str = "", adresse: str = "", email: str = ""
):
    """Create or update a municipality's settings (the demo; admins use the admin pages)."""
    row = Kommuneindstillinger.objects.filter(kommune_kode=kommune_kode).first()
    row = row or Kommuneindstillinger(kommune_kode=kommune_kode)
    row.jobcenter_navn, row.telefon, row.adresse, row.email = (
        jobcenter_navn,
        telefon,
        adresse,
        email,
    )
    row.full_clean()
    row.save()
    return row
