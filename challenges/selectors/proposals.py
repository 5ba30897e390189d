"""Reads about proposals and their review: the ranked list, a reviewer's share, a team's own."""

from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from challenges.models import (
    ChallengePage,
    Proposal,
    ProposalStatus,
    ReviewerInvitation,
)
from challenges.models.proposals import SENT_STATUSES
from labs.models import LabMembership


def ranked_proposals(*, challenge: ChallengePage) -> list[Proposal]:
    """Sent proposals with ``average_score`` (0–100, mean of reviewers' weighted totals),
    ``review_count`` and ``criterion_averages``; best first, unscored last."""
    proposals = list(
        Proposal.objects.filter(challenge=challenge, status__in=SENT_STATUSES)
        .select_related("lab", "project_space")
        .prefetch_related("reviews__scores__criterion", "members__user")
    )
    criteria = list(challenge.judging_criteria.all())
    for proposal in proposals:
        reviews = list(proposal.reviews.all())
        totals = [review.weighted_total() for review in reviews if review.scores.all()]
        proposal.review_count = len(totals)
        proposal.average_score = (
            (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
        )
        per_criterion = []
        for criterion in criteria:
            scores = [
                s.score
                for review in reviews
                for s in review.scores.all()
                if s.criterion_id == criterion.pk
            ]
            per_criterion.append(
                {
                    "criterion": criterion,
                    "average": (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"))
                    if scores
                    else None,
                }
            )
        proposal.criterion_averages = per_criterion
    proposals.sort(
        key=lambda p: (
            p.average_score is None,
            -(p.average_score or 0),
            p.submitted_at or timezone.now(),
        )
    )
    return proposals


def proposals_for_reviewer(*, challenge: ChallengePage, reviewer) -> QuerySet:
    """Sent proposals of a challenge the person was invited to review; nothing otherwise."""
    if not ReviewerInvitation.objects.filter(challenge=challenge, reviewer=reviewer).exists():
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(challenge=challenge, status__in=SENT_STATUSES)
        .exclude(members__user=reviewer)
        .select_related("lab")
        .order_by("submitted_at")
    )


def proposals_of_user(*, user) -> QuerySet:
    return (
        Proposal.objects.filter(
            members__user=user,
            lab__in=LabMembership.objects.filter(user=user).values("lab_id"),
        )
        .select_related("challenge", "lab", "project_space")
        .distinct()
        .order_by("-updated_at")
    )


def proposal_still_editable(proposal: Proposal, *, now: datetime | None = None) -> bool:
    """The team may still change it: not decided yet, and its challenge still takes proposals."""
    return proposal.status in (
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
    ) and proposal.challenge.accepts_proposals_at(now or timezone.now())


def review_invitations_of(*, user) -> QuerySet:
    return (
        ReviewerInvitation.objects.filter(reviewer=user, challenge__live=True)
        .select_related("challenge")
        .order_by("-created_at")
    )
