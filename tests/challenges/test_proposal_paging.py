"""The owner's ranked proposals and a reviewer's list show a page at a time and cost the same
queries with 1 proposal as with more than a page of them (each with reviews)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import ReviewerInvitation
from challenges.views import reviews as review_views
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(home, policymaker, monkeypatch):
    monkeypatch.setattr(review_views, "PROPOSALS_PER_PAGE", 2)
    challenge = ChallengePageFactory(
        owners=[policymaker], closes=timezone.now() - timedelta(days=1)
    )
    reviewer = PersonFactory()
    ReviewerInvitation.objects.create(
        challenge=challenge, reviewer=reviewer, invited_by=policymaker
    )
    return {"challenge": challenge, "owner": policymaker, "reviewer": reviewer}


def _scored_proposals(setting, count, start=0):
    criteria = list(setting["challenge"].judging_criteria.all())
    for number in range(start, start + count):
        proposal = ProposalFactory(
            challenge=setting["challenge"],
            lab=LabPageFactory(title=f"Lab {number}"),
            title=f"Proposal {number}",
        )
        services.review_save(
            proposal=proposal,
            reviewer=setting["reviewer"],
            scores={criterion.pk: (10 - number, "") for criterion in criteria},
        )


@pytest.mark.parametrize(
    ("name", "role"), [("challenges:manage", "owner"), ("challenges:review_list", "reviewer")]
)
def test_proposal_lists_queries_do_not_grow_with_proposals(client, setting, name, role):
    url = reverse(name, args=[setting["challenge"].pk])
    client.force_login(setting[role])
    _scored_proposals(setting, 1)
    small = queries_of(client, url)
    _scored_proposals(setting, 4, start=1)
    assert queries_of(client, url) == small


def test_ranked_proposals_page_two_continues_the_ranking(client, setting):
    _scored_proposals(setting, 5)
    url = reverse("challenges:manage", args=[setting["challenge"].pk])
    client.force_login(setting["owner"])
    first = client.get(url).content.decode()
    assert '5</span> <span class="stat__label">proposals submitted' in first
    assert "Proposal 0" in first and "Proposal 2" not in first
    assert 'aria-label="Pages of proposals"' in first and 'rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert "Proposal 2" in second and "Proposal 0" not in second
    assert "<td>3</td>" in second  # the rank continues from the first page
    assert client.get(url, {"page": "99"}).status_code == 200
    client.force_login(setting["reviewer"])
    reviewer_url = reverse("challenges:review_list", args=[setting["challenge"].pk])
    assert "Proposal 4" in client.get(reviewer_url, {"page": "3"}).content.decode()
    assert client.get(reviewer_url, {"page": "x"}).status_code == 200


def test_proposal_pages_stay_private(client, setting, other_user):
    client.force_login(other_user)
    for name in ("challenges:manage", "challenges:review_list"):
        url = reverse(name, args=[setting["challenge"].pk])
        assert client.get(url, {"page": "2"}).status_code == 404
