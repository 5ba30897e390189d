"""The email a supervisor receives when a lead names them on a cohort team (issue 18
leftover): its own subject and body, naming the space, the cohort and the lab and saying what
a supervisor does, rather than the generic "you were added to a space" message."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.labs.cohort_world import CohortWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(home):
    return CohortWorld()


def assign(client, cw, person):
    client.force_login(cw.lead)
    url = reverse(
        "labs:cohort_team_supervisor",
        kwargs={"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk, "team_id": cw.team.pk},
    )
    return client.post(url, {"supervisor": person.pk if person else ""})


def test_the_new_supervisor_is_told_which_team_and_what_supervising_means(client, cw):
    mail.outbox.clear()
    assign(client, cw, cw.other_supervisor)

    to_new = [m for m in mail.outbox if m.to == [cw.other_supervisor.email]]
    assert len(to_new) == 1
    message = to_new[0]
    space, cohort = cw.space.title, cw.cohort.name
    assert message.subject.endswith(f"You supervise “{space}” in the cohort “{cohort}”")
    body = message.body
    assert f"named you supervisor of the team “{space}”" in body
    assert f"cohort “{cohort}”" in body and cw.lab.title in body
    # What a supervisor does, so the email is useful on its own.
    assert "sign off" in body and "request changes" in body
    assert "read and reply" in body
    assert reverse("labs:space_detail", kwargs={"space_id": cw.space.pk}) in body
    assert reverse("labs:supervision") in body
    # Not the generic message for members added by the space's owner.
    assert "You were added to the project space" not in message.subject
    assert "Only members of the space can see" not in body


def test_a_member_added_by_the_owner_still_gets_the_generic_email(client, cw):
    from labs.models import SpaceRole
    from labs.services import space_member_add
    from tests.factories import PersonFactory

    person = PersonFactory(username="newcomer")
    mail.outbox.clear()
    space_member_add(space=cw.space, user=person, role=SpaceRole.MEMBER, added_by=cw.owner)
    [message] = mail.outbox
    assert message.subject.endswith(f'You were added to the project space "{cw.space.title}"')
