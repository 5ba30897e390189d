"""Reviewing and selection: invited reviewers score proposals; the owners shortlist, select one
(which opens its project space) and finalise, which tells every other team."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges import permissions
from challenges.models import (
    ChallengeOutcome,
    ChallengePage,
    CriterionScore,
    Proposal,
    ProposalStatus,
    Review,
    ReviewerInvitation,
)
from challenges.services.engagement import follower_emails
from core.emails import email_after_commit, email_send, emails_after_commit
from labs.services import project_space_create


@transaction.atomic
def reviewer_invite(*, challenge: ChallengePage, reviewer, invited_by) -> ReviewerInvitation:
    if not permissions.can_manage_challenge(invited_by, challenge):
        raise PermissionDenied
    invitation, created = ReviewerInvitation.objects.get_or_create(
        challenge=challenge, reviewer=reviewer, defaults={"invited_by": invited_by}
    )
    if created:
        email_after_commit(
            to=[reviewer.email],
            template="challenges/emails/reviewer_invited",
            context={"challenge": challenge, "invitation": invitation},
        )
    return invitation


@transaction.atomic
def reviewer_remove(*, invitation: ReviewerInvitation, removed_by) -> None:
    if not permissions.can_manage_challenge(removed_by, invitation.challenge):
        raise PermissionDenied
    invitation.delete()


@transaction.atomic
def review_save(
    *, proposal: Proposal, reviewer, scores: dict[int, tuple[int, str]], comments: str = ""
) -> Review:
    """Store one reviewer's scores: ``scores`` maps criterion id → (score 0–10, comment)."""
    if not permissions.can_score_proposal(reviewer, proposal):
        raise PermissionDenied
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED):
        raise ValidationError(
            _("The selection for this proposal has been made; scores are closed.")
        )
    criteria = {criterion.pk: criterion for criterion in proposal.challenge.judging_criteria.all()}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion."))
    review, _created = Review.objects.update_or_create(
        proposal=proposal, reviewer=reviewer, defaults={"comments": comments}
    )
    for criterion_id, (score, comment) in scores.items():
        if not 0 <= score <= 10:
            raise ValidationError(_("Scores go from 0 to 10."))
        CriterionScore.objects.update_or_create(
            review=review,
            criterion=criteria[criterion_id],
            defaults={"score": score, "comment": comment},
        )
    return review


@transaction.atomic
def proposal_shortlist(*, proposal: Proposal, by, shortlisted: bool = True) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.can_manage_challenge(by, proposal.challenge):
        raise PermissionDenied
    if shortlisted and proposal.status == ProposalStatus.SUBMITTED:
        proposal.status = ProposalStatus.SHORTLISTED
    elif not shortlisted and proposal.status == ProposalStatus.SHORTLISTED:
        proposal.status = ProposalStatus.SUBMITTED
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


@transaction.atomic
def proposal_feedback_set(*, proposal: Proposal, by, feedback: str) -> Proposal:
    if not permissions.can_manage_challenge(by, proposal.challenge):
        raise PermissionDenied
    proposal.feedback_to_team = feedback
    proposal.save(update_fields=["feedback_to_team", "updated_at"])
    return proposal


def _selection_allowed(challenge: ChallengePage) -> bool:
    return (
        challenge.proposals_close_at is not None and timezone.now() >= challenge.proposals_close_at
    )


@transaction.atomic
def proposal_select(*, proposal: Proposal, selected_by):
    """Select a proposal and create its project space exactly once.

    The row lock serialises a double click: the second call sees the space the first made and
    returns it. The one-to-one ``project_space`` column backs this up at the database level.
    """
    proposal = (
        Proposal.objects.select_for_update().select_related("challenge", "lab").get(pk=proposal.pk)
    )
    challenge = proposal.challenge
    if not permissions.can_manage_challenge(selected_by, challenge):
        raise PermissionDenied
    if proposal.project_space_id:
        return proposal.project_space
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED):
        raise ValidationError(_("Only submitted proposals can be selected."))
    if not _selection_allowed(challenge):
        raise ValidationError(_("Proposals can be selected once the deadline has passed."))
    team = list(proposal.members.select_related("user").order_by("pk"))
    lead = (
        proposal.created_by if proposal.created_by_id else (team[0].user if team else selected_by)
    )
    members = [(member.user, "member") for member in team]
    members += [(owner, "member") for owner in challenge.owners.all()]
    space = project_space_create(
        lab=proposal.lab,
        title=proposal.title[:200],
        goal=(
            f"{proposal.summary}\n\n"
            + _("This project answers the governance challenge “%(title)s”.")
            % {"title": challenge.title}
        ),
        created_by=lead,
        members=members,
        challenge=challenge,
    )
    proposal.status = ProposalStatus.SELECTED
    proposal.decided_at = timezone.now()
    proposal.project_space = space
    proposal.save(update_fields=["status", "decided_at", "project_space", "updated_at"])
    team_emails = [member.user.email for member in team]
    email_after_commit(
        to=team_emails,
        template="challenges/emails/proposal_selected",
        context={"challenge": challenge, "proposal": proposal, "space": space},
    )
    return space


@transaction.atomic
def selection_finalise(*, challenge: ChallengePage, by) -> int:
    """Decline every other sent proposal and email each team the feedback the owner chose to share.

    Returns how many teams were declined. Running it twice sends nothing new.
    """
    if not permissions.can_manage_challenge(by, challenge):
        raise PermissionDenied
    outcome, _created = ChallengeOutcome.objects.select_for_update().get_or_create(
        challenge=challenge
    )
    pending = list(
        Proposal.objects.select_for_update()
        .filter(
            challenge=challenge, status__in=[ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED]
        )
        .prefetch_related("members__user")
    )
    now = timezone.now()
    for proposal in pending:
        proposal.status = ProposalStatus.DECLINED
        proposal.decided_at = now
        proposal.save(update_fields=["status", "decided_at", "updated_at"])
    outcome.selection_finalised_at = now
    outcome.save(update_fields=["selection_finalised_at", "updated_at"])

    selected = list(
        Proposal.objects.filter(challenge=challenge, status=ProposalStatus.SELECTED).select_related(
            "lab"
        )
    )
    followers = follower_emails(challenge, exclude=[by]) if pending or selected else []
    team_addresses = {m.user.email for p in pending for m in p.members.all()}

    def send():
        for proposal in pending:
            email_send(
                to=[member.user.email for member in proposal.members.all()],
                template="challenges/emails/proposal_declined",
                context={"challenge": challenge, "proposal": proposal},
            )
        # Followers hear the public part only: which lab's project was chosen. One email each:
        # nobody sees who else follows.
        for address in followers:
            if address not in team_addresses:
                email_send(
                    to=[address],
                    template="challenges/emails/selection_announced",
                    context={"challenge": challenge, "selected": selected},
                )

    emails_after_commit(send)
    return len(pending)
