"""Reviewers see only proposals of challenges they were invited to; weighted scores add up."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from challenges import selectors, services
from challenges.models import ProposalStatus, ReviewerInvitation
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(home, policymaker, lab_page, other_lab):
    past = timezone.now() - timedelta(days=1)
    invited = ChallengePageFactory(owners=[policymaker], title="Invited challenge", closes=past)
    other = ChallengePageFactory(owners=[policymaker], title="Other challenge", closes=past)
    reviewer = PersonFactory()
    ReviewerInvitation.objects.create(challenge=invited, reviewer=reviewer, invited_by=policymaker)
    return {
        "invited": invited,
        "other": other,
        "reviewer": reviewer,
        "mine": ProposalFactory(challenge=invited, lab=lab_page),
        "mine_draft": ProposalFactory(
            challenge=invited, lab=other_lab, status=ProposalStatus.DRAFT
        ),
        "foreign": ProposalFactory(challenge=other, lab=lab_page),
    }


def test_reviewer_sees_only_invited_challenges_proposals(client, setting):
    client.force_login(setting["reviewer"])
    assert (
        client.get(reverse("challenges:review_list", args=[setting["invited"].pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("challenges:review_list", args=[setting["other"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("challenges:proposal_detail", args=[setting["mine"].pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("challenges:proposal_detail", args=[setting["foreign"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("challenges:review_edit", args=[setting["foreign"].pk])).status_code
        == 404
    )


def test_reviewer_never_sees_drafts(client, setting):
    client.force_login(setting["reviewer"])
    html = client.get(
        reverse("challenges:review_list", args=[setting["invited"].pk])
    ).content.decode()
    assert setting["mine"].title in html
    assert setting["mine_draft"].title not in html
    assert (
        client.get(
            reverse("challenges:proposal_detail", args=[setting["mine_draft"].pk])
        ).status_code
        == 404
    )


def test_uninvited_person_cannot_score(client, setting, other_user):
    client.force_login(other_user)
    assert (
        client.get(reverse("challenges:review_edit", args=[setting["mine"].pk])).status_code == 404
    )
    with pytest.raises(PermissionDenied):
        services.review_save(proposal=setting["mine"], reviewer=other_user, scores={}, comments="")


def test_removing_the_invitation_cuts_access(client, setting):
    client.force_login(setting["reviewer"])
    url = reverse("challenges:review_list", args=[setting["invited"].pk])
    assert client.get(url).status_code == 200
    ReviewerInvitation.objects.all().delete()
    assert client.get(url).status_code == 404


def test_owner_is_not_a_scorer(client, setting, policymaker):
    client.force_login(policymaker)
    assert (
        client.get(reverse("challenges:review_edit", args=[setting["mine"].pk])).status_code == 404
    )


def _criteria(challenge):
    return {criterion.name: criterion for criterion in challenge.judging_criteria.all()}


def test_weighted_score_of_one_review(client, setting):
    """Feasibility 60%, evidence 40%: 8/10 and 5/10 → 0.8×60 + 0.5×40 = 68."""
    criteria = _criteria(setting["invited"])
    client.force_login(setting["reviewer"])
    response = client.post(
        reverse("challenges:review_edit", args=[setting["mine"].pk]),
        {
            f"score_{criteria['Feasibility'].pk}": "8",
            f"score_{criteria['Evidence'].pk}": "5",
            f"comment_{criteria['Evidence'].pk}": "Thin data",
            "comments": "Promising",
        },
    )
    assert response.status_code == 302
    review = setting["mine"].reviews.get()
    assert review.weighted_total() == Decimal("68.00")


def test_missing_score_is_a_clear_error(client, setting):
    criteria = _criteria(setting["invited"])
    client.force_login(setting["reviewer"])
    response = client.post(
        reverse("challenges:review_edit", args=[setting["mine"].pk]),
        {f"score_{criteria['Feasibility'].pk}": "8", "comments": "Keep me"},
    )
    assert response.status_code == 400
    assert "Keep me" in response.content.decode()
    assert not setting["mine"].reviews.exists()


def test_ranking_averages_reviewers_and_orders_best_first(setting, lab_page, home):
    invited = setting["invited"]
    criteria = _criteria(invited)
    second_reviewer = PersonFactory()
    ReviewerInvitation.objects.create(challenge=invited, reviewer=second_reviewer)
    third_lab = LabPageFactory(title="Third Lab")
    better = ProposalFactory(challenge=invited, lab=third_lab, title="Better")

    def score(proposal, reviewer, feasibility, evidence):
        services.review_save(
            proposal=proposal,
            reviewer=reviewer,
            scores={
                criteria["Feasibility"].pk: (feasibility, ""),
                criteria["Evidence"].pk: (evidence, ""),
            },
        )

    score(setting["mine"], setting["reviewer"], 8, 5)  # 68
    score(setting["mine"], second_reviewer, 10, 7)  # 60 + 28 = 88 → mean 78
    score(better, setting["reviewer"], 9, 9)  # 90
    ranked = selectors.ranked_proposals(challenge=invited)
    assert [p.title for p in ranked] == ["Better", setting["mine"].title]
    assert ranked[0].average_score == Decimal("90.00")
    assert ranked[1].average_score == Decimal("78.00")
    assert ranked[1].review_count == 2
    averages = {item["criterion"].name: item["average"] for item in ranked[1].criterion_averages}
    assert averages == {"Feasibility": Decimal("9.0"), "Evidence": Decimal("6.0")}


def test_scores_are_not_shown_to_the_team(client, setting):
    criteria = _criteria(setting["invited"])
    services.review_save(
        proposal=setting["mine"],
        reviewer=setting["reviewer"],
        scores={criteria["Feasibility"].pk: (8, "secret remark"), criteria["Evidence"].pk: (5, "")},
    )
    team_member = setting["mine"].members.first().user
    client.force_login(team_member)
    html = client.get(
        reverse("challenges:proposal_detail", args=[setting["mine"].pk])
    ).content.decode()
    assert "secret remark" not in html
    # The weighted total (68) must not be shown; look at the visible text only, because
    # timestamps in attributes (e.g. microseconds ...928168) may contain the digits by chance.
    visible_text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert not re.search(r"\b68(\.\d+)?\b", visible_text)
