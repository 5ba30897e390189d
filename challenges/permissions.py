"""Who may do what with challenges (see /work/shared/ROLES.md). Every view asks these.

Each rule is a small predicate so views, templates and tests share one definition.
They read the database on every call, so removing a role takes effect on the next request.
"""

from core.moderation import is_moderator
from labs.models import LabMembership

from . import selectors
from .models import (
    Proposal,
    ProposalMember,
    ReviewerInvitation,
    VerificationStatus,
)


def is_verified_policymaker(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.policymaker_verifications.filter(status=VerificationStatus.APPROVED).exists()


def can_submit_brief(user) -> bool:
    return is_verified_policymaker(user) or is_moderator(user)


def can_manage_challenge(user, challenge) -> bool:
    """Answer Q&A, invite reviewers, select proposals, record the response: owners and moderators.

    An owner must still be a verified policymaker: revoking the status ends their powers.
    """
    if is_moderator(user):
        return True
    return challenge.is_owner(user) and is_verified_policymaker(user)


def can_clear_findings(user, challenge) -> bool:
    """Clear findings from the challenge's spaces and set their embargo: its own verified owners
    only (ROLES.md), not moderators, who approve after clearance."""
    return challenge.is_owner(user) and is_verified_policymaker(user)


def lab_ids_of(user) -> list[int]:
    """Labs the person belongs to (any role); they may propose on behalf of these."""
    if not user.is_authenticated:
        return []
    return list(LabMembership.objects.filter(user=user).values_list("lab_id", flat=True))


def can_propose(user) -> bool:
    return bool(lab_ids_of(user))


def is_team_member(user, proposal: Proposal) -> bool:
    """Named on the team *and* still in the proposal's lab: the proposal belongs to the lab,
    so leaving or being removed from it ends access on the next request."""
    if not user.is_authenticated:
        return False
    return (
        ProposalMember.objects.filter(proposal=proposal, user=user).exists()
        and LabMembership.objects.filter(lab_id=proposal.lab_id, user=user).exists()
    )


def is_invited_reviewer(user, challenge) -> bool:
    if not user.is_authenticated:
        return False
    return ReviewerInvitation.objects.filter(challenge=challenge, reviewer=user).exists()


def can_read_proposal(user, proposal: Proposal) -> bool:
    """The team always; owners, moderators and invited reviewers once it has been sent in."""
    if is_team_member(user, proposal):
        return True
    if not proposal.is_sent:
        return False
    challenge = proposal.challenge
    return can_manage_challenge(user, challenge) or is_invited_reviewer(user, challenge)


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """Team members, while the challenge takes proposals and the proposal is not decided."""
    return is_team_member(user, proposal) and selectors.proposal_still_editable(proposal)


def can_score_proposal(user, proposal: Proposal) -> bool:
    """Only invited reviewers score, never their own team's proposal, and only sent ones."""
    return (
        proposal.is_sent
        and is_invited_reviewer(user, proposal.challenge)
        # Anyone named on the team, even after leaving the lab, stays conflicted.
        and not ProposalMember.objects.filter(proposal=proposal, user=user).exists()
    )
