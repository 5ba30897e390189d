"""A cohort's pages run the same number of SQL queries whatever the number of teams, tasks,
activity and enrolments."""

import datetime

import pytest
from django.urls import reverse

from labs import services
from labs.models import LabMembership, LabRole
from labs.services.cohorts import (
    cohort_member_enrol,
    cohort_team_add,
    cohort_team_supervisor_set,
    deliverable_create,
    deliverable_mark_ready,
)
from tests.factories import PersonFactory
from tests.labs.cohort_world import CohortWorld
from tests.labs.factories import ProjectSpaceFactory, upload
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _grow(cw, *, start: int, count: int) -> None:
    """``count`` more teams, supervised, each with tasks, a deliverable and an enrolled owner."""
    for n in range(start, start + count):
        owner = PersonFactory(username=f"team-owner-{n}")
        LabMembership.objects.create(lab=cw.lab, user=owner, role=LabRole.STUDENT)
        cohort_member_enrol(cohort=cw.cohort, user=owner, enrolled_by=cw.lead)
        space = ProjectSpaceFactory(lab=cw.lab, created_by=owner, title=f"Team {n:03}", members=[])
        team = cohort_team_add(cohort=cw.cohort, space=space, added_by=cw.lead)
        cohort_team_supervisor_set(team=team, supervisor=cw.supervisor, assigned_by=cw.lead)
        for day in range(3):
            services.task_create(
                space=space,
                created_by=owner,
                title=f"Task {day}",
                due_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
            )
        deliverable = deliverable_create(space=space, created_by=owner, title="D", summary="S")
        deliverable_mark_ready(deliverable=deliverable, marked_by=owner)


@pytest.fixture
def cw(home):
    return CohortWorld()


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("lead", "labs:cohort_progress"),
        ("supervisor", "labs:cohort_progress"),
        ("supervisor", "labs:supervision"),
        ("lead", "labs:cohort_detail"),
        ("moderator", "labs:cohort_detail"),
        ("lead", "labs:lab_manage"),
    ],
)
def test_cohort_pages_queries_do_not_grow(client, cw, who, url_name):
    kwargs = {
        "labs:cohort_progress": {"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk},
        "labs:cohort_detail": {"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk},
        "labs:lab_manage": {"lab_id": cw.lab.pk},
        "labs:supervision": {},
    }[url_name]
    url = reverse(url_name, kwargs=kwargs)
    client.force_login(getattr(cw, who))
    _grow(cw, start=0, count=2)
    small = queries_of(client, url)
    _grow(cw, start=2, count=8)
    assert queries_of(client, url) == small


def test_deliverable_pages_queries_do_not_grow(client, cw):
    client.force_login(cw.member)
    list_url = reverse("labs:deliverable_list", kwargs={"space_id": cw.space.pk})
    first = cw.deliverable(ready=True)
    small_list = queries_of(client, list_url)
    small_detail = queries_of(client, first.get_absolute_url())
    for n in range(6):
        cw.deliverable(title=f"Deliverable {n}")
    services.space_file_upload(space=cw.space, uploaded_by=cw.member, upload=upload("b.pdf"))
    assert queries_of(client, list_url) == small_list
    assert queries_of(client, first.get_absolute_url()) == small_detail
