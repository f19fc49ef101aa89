"""The bridge from case records to the rules (web/citizens/obligations.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from indsats.web.citizens.models import Borger, Sag
from indsats.web.citizens.obligations import sag_statuses


@pytest.fixture
def sick_case(users, teams):
    borger = Borger.objects.create(
        cpr="1505891240",
        fornavn="Jonas",
        efternavn="Holm",
        kommune_kode=573,
        team=teams["job"],
        sagsbehandler=users["jobraadgiver"],
    )
    return Sag.objects.create(
        borger=borger,
        ydelse="sygedagpenge",
        foerste_henvendelse=timezone.localdate() - timedelta(days=20),
        team=teams["job"],
        sagsbehandler=users["jobraadgiver"],
    )


def _status(sag):
    sag = Sag.objects.select_related("borger").get(pk=sag.pk)
    return sag_statuses([sag], as_of=timezone.localdate())[0]


@pytest.mark.django_db
def test_a_sick_case_without_category_is_an_error_not_category_2(sick_case):
    status = _status(sick_case)
    assert status.obligations == []
    assert "visitationskategori" in status.error and "§ 12" in status.error


@pytest.mark.django_db
def test_the_category_decides_the_follow_up_samtaler(sick_case):
    sick_case.sygedagpenge_kategori = "2"
    sick_case.save()
    kinds_2 = {o.kind for o in _status(sick_case).obligations}
    sick_case.sygedagpenge_kategori = "1"
    sick_case.save()
    kinds_1 = {o.kind for o in _status(sick_case).obligations}
    assert "opfoelgning" in kinds_2 and "opfoelgning" not in kinds_1
