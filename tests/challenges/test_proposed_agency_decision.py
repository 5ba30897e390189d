"""A moderator's decision on a proposed agency reaches the policymaker who proposed it (issue 18
leftover): approving or declining it in the admin emails them, once, after commit; saving the
row again without changing the decision sends nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from challenges.models import AgencyProposalStatus, ProposedAgency
from core.models import Country
from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(policymaker):
    agency = ProposedAgency.objects.create(
        name="Sindh Revenue Board", country=Country.objects.get(code="PK"), proposed_by=policymaker
    )
    ChallengePageFactory(
        title="Sales tax on services", agency=None, proposed_agency=agency, owners=[policymaker]
    )
    return agency


def decide(client, moderator, agency, status, capture, name="Sindh Revenue Board"):
    client.force_login(moderator)
    url = reverse("wagtailsnippets_challenges_proposedagency:edit", args=[agency.pk])
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(url, {"name": name, "country": agency.country_id, "status": status})
    assert response.status_code == 302
    agency.refresh_from_db()
    return (
        [m for m in mail.outbox if m.to == [agency.proposed_by.email]]
        if agency.proposed_by
        else mail.outbox
    )


def test_approving_emails_the_proposer(
    client, moderator, policymaker, proposed, django_capture_on_commit_callbacks
):
    sent = decide(client, moderator, proposed, "approved", django_capture_on_commit_callbacks)
    assert proposed.status == AgencyProposalStatus.APPROVED
    [message] = sent
    assert "Sindh Revenue Board" in message.subject and "approved" in message.subject
    assert "Sindh Revenue Board (Pakistan)" in message.body
    assert "Sales tax on services" in message.body  # the brief that names it
    assert "now shows it" in message.body


def test_declining_emails_the_proposer_with_what_to_do_next(
    client, moderator, policymaker, proposed, django_capture_on_commit_callbacks
):
    sent = decide(client, moderator, proposed, "declined", django_capture_on_commit_callbacks)
    assert proposed.status == AgencyProposalStatus.DECLINED
    [message] = sent
    assert "Sindh Revenue Board" in message.subject and "declined" in message.subject.lower()
    brief = proposed.challenges.get()
    assert "Sales tax on services" in message.body
    where_to_change = "challenges:brief_revise" if brief.live else "challenges:brief_edit"
    assert reverse(where_to_change, args=[brief.pk]) in message.body
    assert "choose an agency from the network" in message.body
    assert "show no issuing agency" in message.body


def test_saving_without_changing_the_decision_sends_nothing(
    client, moderator, proposed, django_capture_on_commit_callbacks
):
    assert (
        decide(
            client,
            moderator,
            proposed,
            "pending",
            django_capture_on_commit_callbacks,
            name="Sindh Revenue Board (FBR)",
        )
        == []
    )
    assert proposed.name == "Sindh Revenue Board (FBR)"
    decide(client, moderator, proposed, "approved", django_capture_on_commit_callbacks)
    assert (
        decide(
            client,
            moderator,
            proposed,
            "approved",
            django_capture_on_commit_callbacks,
            name="Sindh Revenue Board",
        )
        == []
    )


def test_proposals_by_someone_whose_account_is_gone_are_decided_without_email(
    client, moderator, proposed, django_capture_on_commit_callbacks
):
    ProposedAgency.objects.filter(pk=proposed.pk).update(proposed_by=None)
    proposed.refresh_from_db()
    assert decide(client, moderator, proposed, "approved", django_capture_on_commit_callbacks) == []
    assert proposed.status == AgencyProposalStatus.APPROVED


def test_other_briefs_are_not_listed_to_the_proposer(
    client, moderator, policymaker, proposed, django_capture_on_commit_callbacks
):
    """A brief someone else owns that names the same agency is not the proposer's to see."""
    other = PersonFactory(policymaker=True)
    ChallengePageFactory(
        title="Someone else's draft", agency=None, proposed_agency=proposed, owners=[other]
    )
    [message] = decide(client, moderator, proposed, "approved", django_capture_on_commit_callbacks)
    assert "Someone else's draft" not in message.body
