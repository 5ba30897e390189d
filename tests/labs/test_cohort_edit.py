"""Editing a cohort after it is open (issue 18 leftover): name, term dates and supervisors,
by the lab's leads and moderators only (ROLES.md: "open a cohort, enrol members, assign
supervisors"); everyone else gets 404, anonymous visitors the sign-in page."""

import datetime

import pytest
from django.urls import reverse

from labs.models import LabMembership, LabRole
from tests.factories import PersonFactory
from tests.labs.cohort_world import CohortWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(home):
    return CohortWorld()


def edit_url(cw):
    return reverse("labs:cohort_edit", kwargs={"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk})


def edit_form(cw, **overrides):
    return {
        "name": "Spring 2027 (extended)",
        "term_start": "2027-01-15",
        "term_end": "2027-06-30",
        "supervisors": [cw.supervisor.pk, cw.other_supervisor.pk],
        **overrides,
    }


@pytest.mark.parametrize("who", ["lead", "moderator"])
def test_lead_and_moderator_edit_a_cohort_and_are_told_so(client, cw, who):
    client.force_login(getattr(cw, who))
    form_page = client.get(edit_url(cw))
    html = form_page.content.decode()
    assert form_page.status_code == 200
    assert 'value="Spring 2027"' in html and 'value="2027-05-30"' in html

    response = client.post(edit_url(cw), edit_form(cw), follow=True)

    cw.cohort.refresh_from_db()
    assert cw.cohort.name == "Spring 2027 (extended)"
    assert cw.cohort.term_end == datetime.date(2027, 6, 30)
    assert response.redirect_chain[-1][0] == cw.cohort.get_absolute_url()
    assert "The cohort “Spring 2027 (extended)” is saved." in response.content.decode()


def test_manage_page_links_to_the_edit_page(client, cw):
    client.force_login(cw.lead)
    assert edit_url(cw) in client.get(cw.cohort.get_absolute_url()).content.decode()


def test_lead_adds_a_new_faculty_member_as_supervisor(client, cw):
    newcomer = PersonFactory(username="new-faculty", faculty=True)
    LabMembership.objects.create(lab=cw.lab, user=newcomer, role=LabRole.FACULTY)
    client.force_login(cw.lead)
    supervisors = [cw.supervisor.pk, cw.other_supervisor.pk, newcomer.pk]
    response = client.post(edit_url(cw), edit_form(cw, supervisors=supervisors))
    assert response.status_code == 302
    assert set(cw.cohort.supervisors.all()) == {cw.supervisor, cw.other_supervisor, newcomer}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"term_end": "2027-01-01"}, "The term ends before it starts."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_bad_input_is_explained_and_kept(client, cw, overrides, message):
    client.force_login(cw.lead)
    response = client.post(edit_url(cw), edit_form(cw, **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="2027-01-15"' in html  # what was typed is still there
    cw.cohort.refresh_from_db()
    assert cw.cohort.name == "Spring 2027" and cw.cohort.term_end == datetime.date(2027, 5, 30)


@pytest.mark.parametrize("who", ["student", "outsider", "other_lead"])
def test_only_lab_faculty_can_be_supervisors(client, cw, who):
    client.force_login(cw.lead)
    person = getattr(cw, who)
    response = client.post(edit_url(cw), edit_form(cw, supervisors=[cw.supervisor.pk, person.pk]))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert person not in cw.cohort.supervisors.all()


def test_a_supervisor_still_assigned_to_a_team_cannot_be_dropped(client, cw):
    client.force_login(cw.lead)
    response = client.post(edit_url(cw), edit_form(cw, supervisors=[cw.other_supervisor.pk]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "supervises" in html and "Assign another supervisor" in html
    assert cw.supervisor in cw.cohort.supervisors.all()


def test_an_unassigned_supervisor_can_be_dropped(client, cw):
    from labs.services.cohorts import cohort_team_supervisor_set

    cohort_team_supervisor_set(team=cw.team, supervisor=None, assigned_by=cw.lead)
    client.force_login(cw.lead)
    response = client.post(edit_url(cw), edit_form(cw, supervisors=[cw.other_supervisor.pk]))
    assert response.status_code == 302
    assert list(cw.cohort.supervisors.all()) == [cw.other_supervisor]


@pytest.mark.parametrize(
    "who", ["other_lead", "supervisor", "student", "member", "other_owner", "outsider"]
)
def test_everyone_else_gets_404_and_nothing_changes(client, cw, who):
    client.force_login(getattr(cw, who))
    assert client.get(edit_url(cw)).status_code == 404
    assert client.post(edit_url(cw), edit_form(cw)).status_code == 404
    cw.cohort.refresh_from_db()
    assert cw.cohort.name == "Spring 2027"


def test_cohort_of_another_lab_is_404_to_its_lead_through_their_own_lab(client, cw):
    """The other lab's lead cannot reach this cohort by putting it under their own lab."""
    client.force_login(cw.other_lead)
    url = reverse("labs:cohort_edit", kwargs={"lab_id": cw.other_lab.pk, "cohort_id": cw.cohort.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, edit_form(cw)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, cw):
    for response in (client.get(edit_url(cw)), client.post(edit_url(cw), edit_form(cw))):
        assert response.status_code == 302 and "login" in response["Location"]
    cw.cohort.refresh_from_db()
    assert cw.cohort.name == "Spring 2027"
