"""Min Plan (issue 13): a sub-goal marked as reached (and opened again), a job target removed,
both with optimistic locking on the plan and on the change log like every other edit."""

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from indsats.web.citizens import services
from indsats.web.citizens.models import Delmaal, Jobmaal, Plan


@pytest.fixture
def plan(users, borgere):
    borger = borgere["job"]
    actor = users["jobraadgiver"]
    services.plan_update(actor=actor, borger=borger, maal="Job på lager", version=None)
    services.delmaal_create(
        actor=actor, borger=borger, tekst="Truckcertifikat", frist=None, opfoelgning=None
    )
    services.jobmaal_create(actor=actor, borger=borger, kategori="A", stilling="Lagermedarbejder")
    services.jobmaal_create(actor=actor, borger=borger, kategori="C", stilling="Rengøring")
    return Plan.objects.get(borger=borger)


def _post(client, plan, **data):
    return client.post(reverse("citizens:plan", args=[plan.borger_id]), data, follow=True)


def test_a_delmaal_is_marked_as_reached_and_opened_again(users, plan, login):
    client = login(users["jobraadgiver"])
    delmaal = plan.delmaal.get()
    page = client.get(reverse("citizens:plan", args=[plan.borger_id])).content.decode()
    assert "Markér som nået" in page
    response = _post(
        client, plan, **{"del": "delmaal_status", "punkt": delmaal.pk, "status": "naaet",
                         "version": plan.version}
    )  # fmt: skip
    assert "Delmålet er markeret som nået." in response.content.decode()
    delmaal.refresh_from_db()
    assert delmaal.status == Delmaal.Status.NAAET
    assert "Åbn igen" in response.content.decode()
    change = LogEntry.objects.get_for_object(delmaal).filter(action=LogEntry.Action.UPDATE).get()
    assert change.actor == users["jobraadgiver"] and change.changes_dict["status"] == [
        "aaben",
        "naaet",
    ]
    plan.refresh_from_db()
    _post(
        client, plan, **{"del": "delmaal_status", "punkt": delmaal.pk, "status": "aaben",
                         "version": plan.version}
    )  # fmt: skip
    delmaal.refresh_from_db()
    assert delmaal.status == Delmaal.Status.AABEN


def test_a_job_target_is_removed_and_the_removal_is_logged(users, plan, login):
    client = login(users["jobraadgiver"])
    target = plan.jobmaal.get(stilling="Rengøring")
    response = _post(
        client, plan, **{"del": "jobmaal_slet", "punkt": target.pk, "version": plan.version}
    )
    assert "Jobmålet er fjernet." in response.content.decode()
    assert list(plan.jobmaal.values_list("stilling", flat=True)) == ["Lagermedarbejder"]
    deleted = LogEntry.objects.get(
        content_type__model="jobmaal", object_pk=str(target.pk), action=LogEntry.Action.DELETE
    )
    assert deleted.actor == users["jobraadgiver"]


def test_a_plan_changed_by_someone_else_is_not_changed_again_blindly(users, plan):
    """Two caseworkers open the plan; the first removes a target, the second (on the old page)
    marks the sub-goal as reached: refused with a clear message, nothing changed."""
    first, second = Client(), Client()
    first.force_login(users["jobraadgiver"])
    second.force_login(users["leder"])
    seen = plan.version
    target = plan.jobmaal.get(stilling="Rengøring")
    delmaal = plan.delmaal.get()
    _post(first, plan, **{"del": "jobmaal_slet", "punkt": target.pk, "version": seen})
    refused = _post(
        second, plan, **{"del": "delmaal_status", "punkt": delmaal.pk, "status": "naaet",
                         "version": seen}
    )  # fmt: skip
    assert "ændret af en anden" in refused.content.decode()
    delmaal.refresh_from_db()
    assert delmaal.status == Delmaal.Status.AABEN
    # The same removal twice (a double click on an old page) removes nothing more.
    again = _post(first, plan, **{"del": "jobmaal_slet", "punkt": target.pk, "version": seen})
    assert "ændret af en anden" in again.content.decode()
    assert Jobmaal.objects.filter(plan=plan).count() == 1


def test_only_the_citizens_own_team_may_change_the_plan(users, plan, login):
    client = login(users["jobraadgiver_unge"])
    target = plan.jobmaal.first()
    response = client.post(
        reverse("citizens:plan", args=[plan.borger_id]),
        {"del": "jobmaal_slet", "punkt": target.pk, "version": plan.version},
    )
    assert response.status_code == 404
    assert Jobmaal.objects.filter(pk=target.pk).exists()


def test_an_item_of_another_plan_cannot_be_touched_through_this_one(users, borgere, plan):
    other = borgere["unge"]
    services.jobmaal_create(actor=users["leder"], borger=other, kategori="B", stilling="Chauffør")
    foreign = Jobmaal.objects.get(plan__borger=other)
    with pytest.raises(Exception, match="allerede fjernet"):
        services.jobmaal_delete(
            actor=users["jobraadgiver"], borger=plan.borger, jobmaal_id=foreign.pk,
            version=plan.version,
        )  # fmt: skip
    assert Jobmaal.objects.filter(pk=foreign.pk).exists()
