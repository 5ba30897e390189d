"""Reads about one brief and its owners: their briefs, where a change stands with the moderators,
the agency a policymaker speaks for.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from challenges.models import (
    AgencyProposalStatus,
    ChallengePage,
    PolicymakerVerification,
    ProposedAgency,
    VerificationStatus,
)
from core.moderation import ModerationStatus, latest_workflow_state


def challenges_owned_by(*, user) -> QuerySet:
    return ChallengePage.objects.filter(owners=user).order_by("-latest_revision_created_at")


def published_brief_moderation(page: ChallengePage) -> ModerationStatus:
    """Where an owner's latest change to a live brief stands: with the moderators, sent back
    with their comment, or nothing pending (the live page is the latest word)."""
    state = latest_workflow_state(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationStatus(
            "in-moderation", str(_("Your changes are waiting for a moderator")), badge="warning"
        )
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        return ModerationStatus(
            "changes-requested",
            str(_("Changes requested")),
            comment=task_state.get_comment() if task_state else "",
            badge="warning",
        )
    return ModerationStatus("published", str(_("Published")), badge="success")


def verified_agency_id(*, user) -> int | None:
    """The network agency of the person's approved verification: their brief's default."""
    if not user.is_authenticated:
        return None
    return (
        PolicymakerVerification.objects.filter(
            user=user, status=VerificationStatus.APPROVED, agency__isnull=False
        )
        .values_list("agency_id", flat=True)
        .first()
    )


def approved_proposed_agency(challenge: ChallengePage):
    """The agency the brief's policymaker proposed, once a moderator approved it (else None)."""
    if challenge.agency_id or not challenge.proposed_agency_id:
        return None
    return ProposedAgency.objects.filter(
        pk=challenge.proposed_agency_id, status=AgencyProposalStatus.APPROVED
    ).first()
