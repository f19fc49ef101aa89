"""Writes of citizen data."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from indsats.domain.cpr import Cpr
from indsats.web.accounts.models import Team
from indsats.web.citizens.models import Borger


@transaction.atomic
def borger_create(
    *, actor, cpr: str, fornavn: str, efternavn: str, team: Team | None = None, sagsbehandler=None
) -> Borger:
    if not actor.has_perm("citizens.add_borger"):
        raise PermissionDenied
    team = team or actor.team
    if team is None or team.kommune_kode != actor.kommune_kode:
        raise PermissionDenied("Borgeren skal oprettes i et team i din egen kommune.")
    borger = Borger(
        cpr=Cpr.parse(cpr).digits,
        fornavn=fornavn,
        efternavn=efternavn,
        kommune_kode=actor.kommune_kode,
        team=team,
        sagsbehandler=sagsbehandler,
    )
    borger.full_clean()
    borger.save()
    return borger
