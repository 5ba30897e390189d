"""The challenge owner's manage page counts in the singular and the plural ("1 proposal submitted")."""

import re

import pytest
from django.urls import reverse

from challenges.models import ProposalStatus
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def challenge(home, policymaker):
    return ChallengePageFactory(owners=[policymaker])


def manage_text(client, policymaker, challenge) -> str:
    client.force_login(policymaker)
    return text(client.get(reverse("challenges:manage", args=[challenge.pk])).content.decode())


def test_one_proposal_and_one_drafting_team(client, policymaker, challenge, lab_page):
    ProposalFactory(challenge=challenge, lab=lab_page, title="Submitted")
    ProposalFactory(
        challenge=challenge,
        lab=LabPageFactory(title="Drafting Lab"),
        status=ProposalStatus.DRAFT,
        title="Draft",
    )

    page = manage_text(client, policymaker, challenge)

    assert "1 proposal submitted" in page
    assert "1 team drafting" in page
    assert "0 reviewers invited" in page


def test_several_proposals(client, policymaker, challenge, lab_page, other_lab):
    ProposalFactory(challenge=challenge, lab=lab_page, title="First")
    ProposalFactory(challenge=challenge, lab=other_lab, title="Second")

    page = manage_text(client, policymaker, challenge)

    assert "2 proposals submitted" in page
    assert "0 teams drafting" in page
