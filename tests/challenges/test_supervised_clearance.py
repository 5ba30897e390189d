"""Where supervision (labs' cohorts) meets clearance (a challenge's owners): a supervised team
whose space answers a challenge proposes a finding from a deliverable its supervisor approved."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from challenges.models import FindingClearance
from challenges.services import proposal_select
from challenges.services.clearance import finding_clearance_decide
from knowledge.models import FindingPage
from labs.models import LabMembership, LabRole
from labs.services.cohorts import (
    cohort_create,
    cohort_team_add,
    cohort_team_supervisor_set,
    deliverable_create,
    deliverable_mark_ready,
    deliverable_sign_off,
)
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Desk tokens end the second queue"


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


class SupervisedChallengeTeam:
    """A selected proposal's space, added to a cohort as a team with a supervisor."""

    def __init__(self):
        lead = PersonFactory()
        lab_page = LabPageFactory(title="Punjab Policy Lab", lead=lead)
        self.policymaker = PersonFactory(policymaker=True, email="owner@ministry.example")
        self.challenge = ChallengePageFactory(
            owners=[self.policymaker], closes=timezone.now() - timedelta(days=1)
        )
        self.owner = PersonFactory(email="team-owner@uni.example")
        self.member = PersonFactory(email="student@uni.example")
        self.supervisor = PersonFactory(
            email="supervisor@uni.example", display_name="Imran Q", faculty=True
        )
        LabMembership.objects.create(lab=lab_page, user=self.supervisor, role=LabRole.FACULTY)
        proposal = ProposalFactory(
            challenge=self.challenge, lab=lab_page, members=[self.owner, self.member]
        )
        self.space = proposal_select(proposal=proposal, selected_by=self.policymaker)
        cohort = cohort_create(
            lab=lab_page,
            name="Spring 2027",
            term_start=timezone.localdate(),
            term_end=timezone.localdate() + timedelta(days=120),
            supervisors=[self.supervisor],
            created_by=lead,
        )
        team = cohort_team_add(cohort=cohort, space=self.space, added_by=lead)
        cohort_team_supervisor_set(team=team, supervisor=self.supervisor, assigned_by=lead)
        self.deliverable = deliverable_create(
            space=self.space,
            created_by=self.member,
            title="Desk observation report",
            summary="A week at two desks.",
        )
        deliverable_mark_ready(deliverable=self.deliverable, marked_by=self.member)
        deliverable_sign_off(
            deliverable=self.deliverable,
            reviewer=self.supervisor,
            decision="approved",
            comment="Well sourced; ready to go out.",
        )

    def propose(self, client):
        client.force_login(self.owner)
        response = client.post(
            reverse("labs:finding_propose", kwargs={"space_id": self.space.pk}),
            {
                "title": TITLE,
                "abstract": "Traders queue twice because of a form.",
                "authors": [self.owner.pk],
                "deliverable": self.deliverable.pk,
            },
            follow=True,
        )
        assert response.status_code == 200, response.content.decode()
        finding = FindingPage.objects.get(title=TITLE)
        return FindingClearance.objects.get(finding=finding)


@pytest.fixture
def team(home):
    return SupervisedChallengeTeam()


def test_the_challenges_owner_sees_the_supervisors_sign_off_when_clearing(client, team):
    clearance = team.propose(client)
    client.force_login(team.policymaker)
    response = client.get(
        reverse(
            "challenges:clearance_detail",
            kwargs={"challenge_id": team.challenge.pk, "clearance_id": clearance.pk},
        )
    )
    page = response.content.decode()
    assert 'id="supervisor-sign-off"' in page
    assert "Imran Q" in page
    assert "Desk observation report" in page
    assert "Well sourced; ready to go out." in page


def test_the_deciding_owner_is_not_emailed_their_own_decision_and_the_supervisor_is(client, team):
    clearance = team.propose(client)
    mail.outbox.clear()
    finding_clearance_decide(
        clearance=clearance,
        decided_by=team.policymaker,
        decision="clear",
        embargo_until=timezone.localdate() + timedelta(days=14),
    )
    cleared = [m for m in mail.outbox if "cleared for publication" in m.subject]
    recipients = [address for message in cleared for address in message.to]
    assert sorted(recipients) == sorted(
        ["team-owner@uni.example", "student@uni.example", "supervisor@uni.example"]
    )


def test_a_deliverable_goes_to_the_owners_once_even_when_the_form_is_sent_twice(client, team):
    team.propose(client)
    mail.outbox.clear()
    response = client.post(
        reverse("labs:finding_propose", kwargs={"space_id": team.space.pk}),
        {
            "title": "Second copy",
            "abstract": "The same report again.",
            "authors": [team.owner.pk],
            "deliverable": team.deliverable.pk,
        },
    )
    assert response.status_code == 400
    assert FindingClearance.objects.filter(space=team.space).count() == 1
    assert not FindingPage.objects.filter(title="Second copy").exists()
    assert not [m for m in mail.outbox if "awaits your clearance" in m.subject]


def test_the_service_refuses_a_second_finding_from_one_deliverable(client, team):
    from labs.services import MembershipError, finding_propose_from_space

    team.propose(client)
    with pytest.raises(MembershipError, match="proposed as a finding already"):
        finding_propose_from_space(
            space=team.space,
            proposed_by=team.owner,
            title="Second copy",
            abstract="The same report again.",
            deliverable=team.deliverable,
        )
