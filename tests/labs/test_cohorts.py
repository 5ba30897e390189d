"""Cohorts and supervision (issue 18): who may open a cohort, enrol, assign supervisors, read
progress and sign off deliverables (ROLES.md), and what each step records and emails."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from labs.models import (
    ActivityVerb,
    Cohort,
    CohortEnrolment,
    DeliverableStatus,
    SpaceMembership,
    SpaceRole,
)
from labs.services.cohorts import deliverable_sign_off
from tests.factories import PersonFactory
from tests.labs.cohort_world import CohortWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(home):
    return CohortWorld()


def as_(client, person):
    client.force_login(person)
    return client


# --- open a cohort ------------------------------------------------------------------------


def cohort_create_url(cw):
    return reverse("labs:cohort_create", kwargs={"lab_id": cw.lab.pk})


def cohort_form(cw, **overrides):
    return {
        "name": "Autumn 2027",
        "term_start": "2027-08-01",
        "term_end": "2027-12-15",
        "supervisors": [cw.supervisor.pk],
        **overrides,
    }


@pytest.mark.parametrize("who", ["lead", "moderator"])
def test_lead_and_moderator_open_a_cohort(client, cw, who):
    response = as_(client, getattr(cw, who)).post(cohort_create_url(cw), cohort_form(cw))
    cohort = Cohort.objects.get(name="Autumn 2027")
    assert response.status_code == 302 and response["Location"] == cohort.get_absolute_url()
    assert list(cohort.supervisors.all()) == [cw.supervisor]
    page = client.get(cohort.get_absolute_url())
    assert "The cohort “Autumn 2027” is open." in page.content.decode()


@pytest.mark.parametrize("who", ["member", "supervisor", "outsider", "other_lead"])
def test_others_cannot_open_a_cohort(client, cw, who):
    client = as_(client, getattr(cw, who))
    assert client.get(cohort_create_url(cw)).status_code == 404
    assert client.post(cohort_create_url(cw), cohort_form(cw)).status_code == 404
    assert not Cohort.objects.filter(name="Autumn 2027").exists()


def test_anonymous_is_sent_to_sign_in(client, cw):
    response = client.get(cohort_create_url(cw))
    assert response.status_code == 302 and "login" in response["Location"]


def test_cohort_form_explains_its_errors_and_keeps_what_was_typed(client, cw):
    response = as_(client, cw.lead).post(
        cohort_create_url(cw),
        cohort_form(cw, term_end="2027-07-01", supervisors=[cw.member.pk]),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The term ends before it starts." in html
    assert "Select a valid choice" in html  # a student is not offered as supervisor
    assert 'value="Autumn 2027"' in html


# --- enrol --------------------------------------------------------------------------------


def enrol_url(cw):
    return reverse("labs:cohort_enrol", kwargs={"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk})


def test_lead_enrols_a_lab_member_once(client, cw):
    client = as_(client, cw.lead)
    response = client.post(enrol_url(cw), {"person": "student-person"})
    assert response.status_code == 302
    assert CohortEnrolment.objects.filter(cohort=cw.cohort, user=cw.student).exists()
    again = client.post(enrol_url(cw), {"person": "student-person"})
    assert again.status_code == 400
    assert "already enrolled" in again.content.decode()


def test_enrolling_someone_outside_the_lab_says_why(client, cw):
    response = as_(client, cw.lead).post(enrol_url(cw), {"person": "outsider-person"})
    assert response.status_code == 400
    assert "is not a member of the lab" in response.content.decode()
    assert not CohortEnrolment.objects.exists()


@pytest.mark.parametrize("who", ["member", "supervisor", "outsider", "other_lead"])
def test_others_cannot_enrol(client, cw, who):
    response = as_(client, getattr(cw, who)).post(enrol_url(cw), {"person": "student-person"})
    assert response.status_code == 404
    assert not CohortEnrolment.objects.exists()


def test_moderator_enrols(client, cw):
    response = as_(client, cw.moderator).post(enrol_url(cw), {"person": "student-person"})
    assert response.status_code == 302


# --- assign a supervisor ------------------------------------------------------------------


def supervisor_url(cw, team):
    return reverse(
        "labs:cohort_team_supervisor",
        kwargs={"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk, "team_id": team.pk},
    )


def test_assigning_makes_the_supervisor_a_space_member_and_removing_ends_access(client, cw):
    space_url = cw.space.get_absolute_url()
    supervisor_client = as_(client, cw.supervisor)
    assert supervisor_client.get(space_url).status_code == 200
    assert SpaceMembership.objects.get(space=cw.space, user=cw.supervisor).role == "supervisor"
    assert cw.space.activities.filter(verb=ActivityVerb.ASSIGNED_SUPERVISOR).exists()

    from django.test import Client

    lead = Client()
    lead.force_login(cw.lead)
    mail.outbox.clear()
    response = lead.post(supervisor_url(cw, cw.team), {"supervisor": ""})
    assert response.status_code == 302
    # Access ends on the supervisor's very next request.
    assert supervisor_client.get(space_url).status_code == 404
    assert cw.space.activities.filter(verb=ActivityVerb.REMOVED_SUPERVISOR).exists()
    assert [m.to for m in mail.outbox] == [[cw.supervisor.email]]


def test_reassigning_moves_the_supervisor(client, cw):
    mail.outbox.clear()
    response = as_(client, cw.lead).post(
        supervisor_url(cw, cw.team), {"supervisor": cw.other_supervisor.pk}
    )
    assert response.status_code == 302
    supervisors = SpaceMembership.objects.filter(space=cw.space, role=SpaceRole.SUPERVISOR)
    assert [m.user for m in supervisors] == [cw.other_supervisor]
    assert {tuple(m.to) for m in mail.outbox} == {
        (cw.supervisor.email,),
        (cw.other_supervisor.email,),
    }


def test_only_the_cohorts_supervisors_can_be_assigned(client, cw):
    response = as_(client, cw.lead).post(
        supervisor_url(cw, cw.team), {"supervisor": cw.student.pk}, follow=True
    )
    assert "Choose one of the cohort&#x27;s supervisors" in response.content.decode()
    assert SpaceMembership.objects.get(space=cw.space, role="supervisor").user == cw.supervisor


@pytest.mark.parametrize("who", ["member", "supervisor", "outsider", "other_lead", "owner"])
def test_others_cannot_assign_supervisors(client, cw, who):
    if who == "owner":
        who = "other_owner"
    response = as_(client, getattr(cw, who)).post(
        supervisor_url(cw, cw.team), {"supervisor": cw.other_supervisor.pk}
    )
    assert response.status_code == 404
    assert SpaceMembership.objects.get(space=cw.space, role="supervisor").user == cw.supervisor


def test_space_owner_cannot_remove_or_demote_the_supervisor(client, cw):
    membership = SpaceMembership.objects.get(space=cw.space, user=cw.supervisor)
    client = as_(client, cw.owner)
    client.post(
        reverse(
            "labs:space_member_remove",
            kwargs={"space_id": cw.space.pk, "membership_id": membership.pk},
        )
    )
    client.post(
        reverse(
            "labs:space_member_role",
            kwargs={"space_id": cw.space.pk, "membership_id": membership.pk},
        ),
        {"role": "member"},
    )
    membership.refresh_from_db()
    assert membership.role == SpaceRole.SUPERVISOR


def test_supervisor_may_reply_in_a_discussion(client, cw):
    response = as_(client, cw.supervisor).post(
        cw.thread.get_absolute_url(), {"body": "Good start.", "submission_token": "t1"}
    )
    assert response.status_code == 302
    assert cw.thread.posts.filter(author=cw.supervisor, body="Good start.").exists()


def test_supervisor_cannot_add_tasks(client, cw):
    response = as_(client, cw.supervisor).post(
        reverse("labs:task_create", kwargs={"space_id": cw.space.pk}), {"title": "Mine"}
    )
    assert response.status_code == 403


# --- progress -----------------------------------------------------------------------------


def progress_url(cw):
    return reverse("labs:cohort_progress", kwargs={"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk})


def test_lead_reads_every_teams_progress(client, cw):
    from labs import services

    services.task_create(
        space=cw.space,
        created_by=cw.owner,
        title="Overdue thing",
        due_date=datetime.date(2020, 1, 1),
    )
    html = as_(client, cw.lead).get(progress_url(cw)).content.decode()
    assert "Smart civil service" in html and "Water tariffs" in html
    assert "0 of 2" in html  # the world's task plus the overdue one
    assert 'badge--warning">1<' in html
    # Tasks and activity only: no thread titles or file names.
    assert "Fieldwork plan" not in html and "guide.pdf" not in html


def test_dashboard_links_a_supervisor_to_their_teams(client, cw):
    supervision = reverse("labs:supervision")
    assert supervision in as_(client, cw.supervisor).get("/dashboard/").content.decode()
    assert supervision not in as_(client, cw.member).get("/dashboard/").content.decode()


def test_supervisor_reads_only_their_own_teams(client, cw):
    html = as_(client, cw.supervisor).get(progress_url(cw)).content.decode()
    assert "Smart civil service" in html
    assert "Water tariffs" not in html
    supervision = client.get(reverse("labs:supervision")).content.decode()
    assert "Smart civil service" in supervision and "Water tariffs" not in supervision


@pytest.mark.parametrize("who", ["member", "outsider", "other_lead", "moderator", "student"])
def test_progress_is_404_to_everyone_else(client, cw, who):
    assert as_(client, getattr(cw, who)).get(progress_url(cw)).status_code == 404


def test_supervisor_of_another_team_gets_404_on_this_team(client, cw):
    client = as_(client, cw.other_supervisor)
    assert client.get(cw.space.get_absolute_url()).status_code == 404
    deliverable = cw.deliverable(ready=True)
    assert client.get(deliverable.get_absolute_url()).status_code == 404
    response = client.post(
        reverse(
            "labs:deliverable_sign_off",
            kwargs={"space_id": cw.space.pk, "deliverable_id": deliverable.pk},
        ),
        {"decision": "approved"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["moderator", "other_lead"])
def test_moderator_and_other_lead_get_404_on_space_content(client, cw, who):
    deliverable = cw.deliverable()
    client = as_(client, getattr(cw, who))
    assert client.get(cw.space.get_absolute_url()).status_code == 404
    assert client.get(deliverable.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("labs:deliverable_list", kwargs={"space_id": cw.space.pk})).status_code
        == 404
    )


# --- deliverables and sign-off ------------------------------------------------------------


def sign_off_url(deliverable):
    return reverse(
        "labs:deliverable_sign_off",
        kwargs={"space_id": deliverable.space_id, "deliverable_id": deliverable.pk},
    )


def test_member_creates_and_marks_ready_and_the_supervisor_is_emailed(client, cw):
    client = as_(client, cw.member)
    response = client.post(
        reverse("labs:deliverable_new", kwargs={"space_id": cw.space.pk}),
        {"title": "Interview report", "summary": "Twelve interviews.", "files": [cw.file.pk]},
    )
    deliverable = cw.space.deliverables.get()
    assert response["Location"] == deliverable.get_absolute_url()
    assert list(deliverable.files.all()) == [cw.file]
    mail.outbox.clear()
    client.post(
        reverse(
            "labs:deliverable_ready",
            kwargs={"space_id": cw.space.pk, "deliverable_id": deliverable.pk},
        )
    )
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.READY
    assert [m.to for m in mail.outbox] == [[cw.supervisor.email]]
    assert "Interview report" in mail.outbox[0].subject
    verbs = list(cw.space.activities.values_list("verb", flat=True)[:2])
    assert verbs == [ActivityVerb.DELIVERABLE_READY, ActivityVerb.ADDED_DELIVERABLE]


def test_deliverable_form_refuses_another_spaces_file(client, cw):
    from labs import services
    from tests.labs.factories import upload

    foreign = services.space_file_upload(
        space=cw.other_space, uploaded_by=cw.other_owner, upload=upload("secret.pdf")
    )
    response = as_(client, cw.member).post(
        reverse("labs:deliverable_new", kwargs={"space_id": cw.space.pk}),
        {"title": "X", "summary": "Y", "files": [foreign.pk]},
    )
    assert response.status_code == 400
    assert not cw.space.deliverables.exists()


def test_observer_cannot_create_deliverables(client, cw):
    response = as_(client, cw.observer).post(
        reverse("labs:deliverable_new", kwargs={"space_id": cw.space.pk}),
        {"title": "X", "summary": "Y"},
    )
    assert response.status_code == 403


def test_supervisor_requests_changes_then_approves_and_the_team_is_emailed(client, cw):
    deliverable = cw.deliverable(ready=True)
    client = as_(client, cw.supervisor)
    empty = client.post(sign_off_url(deliverable), {"decision": "changes_requested"})
    assert empty.status_code == 400 and "Say what should change." in empty.content.decode()

    mail.outbox.clear()
    client.post(
        sign_off_url(deliverable),
        {"decision": "changes_requested", "comment": "Add the district breakdown."},
    )
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.CHANGES_REQUESTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cw.owner.email, cw.member.email])
    assert "Add the district breakdown." in mail.outbox[0].body

    from labs.services.cohorts import deliverable_mark_ready

    deliverable_mark_ready(deliverable=deliverable, marked_by=cw.member)
    mail.outbox.clear()
    client.post(sign_off_url(deliverable), {"decision": "approved", "comment": ""})
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.APPROVED
    assert all("Approved" in m.subject for m in mail.outbox) and len(mail.outbox) == 2
    verbs = set(cw.space.activities.values_list("verb", flat=True))
    assert {ActivityVerb.REQUESTED_CHANGES, ActivityVerb.APPROVED_DELIVERABLE} <= verbs
    page = client.get(deliverable.get_absolute_url()).content.decode()
    assert "Add the district breakdown." in page


@pytest.mark.parametrize("who", ["owner", "member", "observer"])
def test_only_the_supervisor_signs_off(client, cw, who):
    deliverable = cw.deliverable(ready=True)
    response = as_(client, getattr(cw, who)).post(
        sign_off_url(deliverable), {"decision": "approved"}
    )
    assert response.status_code == 403
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.READY


def test_a_draft_cannot_be_signed_off(client, cw):
    deliverable = cw.deliverable()
    response = as_(client, cw.supervisor).post(sign_off_url(deliverable), {"decision": "approved"})
    assert response.status_code == 400
    assert "Only a deliverable marked ready" in response.content.decode()


def test_sign_off_service_refuses_a_former_supervisor(cw):
    deliverable = cw.deliverable(ready=True)
    with pytest.raises(PermissionError):
        deliverable_sign_off(
            deliverable=deliverable, reviewer=cw.other_supervisor, decision="approved"
        )


# --- the gate on proposing a finding ------------------------------------------------------


def propose_url(cw):
    return reverse("labs:finding_propose", kwargs={"space_id": cw.space.pk})


def proposal(cw, **extra):
    return {
        "title": "What twelve interviews said",
        "abstract": "A short abstract.",
        "authors": [cw.owner.pk],
        "licence": "",
        **extra,
    }


def test_supervised_space_without_an_approved_deliverable_cannot_propose(client, cw):
    cw.deliverable(ready=True)
    client = as_(client, cw.owner)
    page = client.get(propose_url(cw)).content.decode()
    assert "none is approved yet" in page
    assert "Send to moderators" not in page
    response = client.post(propose_url(cw), proposal(cw))
    assert response.status_code == 400
    from labs.models import LabFinding

    assert not LabFinding.objects.exists()


def test_owner_proposes_from_the_approved_deliverable(client, cw):
    from labs.models import LabFinding

    deliverable = cw.deliverable(ready=True)
    deliverable_sign_off(deliverable=deliverable, reviewer=cw.supervisor, decision="approved")
    client = as_(client, cw.owner)
    page = client.get(propose_url(cw)).content.decode()
    assert "From the approved deliverable" in page
    response = client.post(propose_url(cw), proposal(cw, deliverable=deliverable.pk))
    assert response.status_code == 302
    assert LabFinding.objects.filter(space=cw.space).exists()


def test_unsupervised_space_proposes_as_before(client, cw):
    page = as_(client, cw.owner).get(propose_url(cw))
    assert "none is approved yet" in page.content.decode()
    SpaceMembership.objects.filter(space=cw.space, role=SpaceRole.SUPERVISOR).delete()
    page = client.get(propose_url(cw)).content.decode()
    assert "none is approved yet" not in page and "Send to moderators" in page
    assert "From the approved deliverable" not in page


def test_new_person_is_not_offered_as_supervisor(cw):
    stranger = PersonFactory(username="stranger")
    from labs.forms import CohortForm

    form = CohortForm(lab=cw.lab)
    offered = set(form.fields["supervisors"].queryset)
    assert cw.supervisor in offered and cw.lead in offered
    assert stranger not in offered and cw.member not in offered


def test_propose_service_refuses_an_unapproved_deliverable(cw):
    from labs.services import MembershipError, finding_propose_from_space

    deliverable = cw.deliverable(ready=True)
    for candidate in (None, deliverable):
        with pytest.raises(MembershipError):
            finding_propose_from_space(
                space=cw.space,
                proposed_by=cw.owner,
                title="T",
                abstract="A",
                deliverable=candidate,
            )
    deliverable_sign_off(deliverable=deliverable, reviewer=cw.supervisor, decision="approved")
    finding = finding_propose_from_space(
        space=cw.space, proposed_by=cw.owner, title="T", abstract="A", deliverable=deliverable
    )
    assert finding.pk
