"""Moving a live brief's proposal deadline: recorded in public, announced to teams and followers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Revision

from challenges import permissions
from challenges.models import (
    ChallengePage,
    ChallengeStatus,
    ChallengeUpdate,
    DeadlineExtension,
    ProposalMember,
    ProposalStatus,
)
from challenges.services.engagement import followers_email


def _local_text(moment: datetime) -> str:
    """The moment on the site's clock (the deadline's own, Pakistan Standard Time), whoever
    reads the record."""
    return date_format(timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)), "j M Y, H:i")


def _deadline_check(*, challenge: ChallengePage, new_deadline: datetime, now: datetime) -> None:
    """Refuse a deadline in the past, before the opening, or earlier once teams are working;
    and any move once the challenge is decided (a selection made, or closed by its owners)."""
    if challenge.status_at(now) in (
        ChallengeStatus.IN_PROGRESS,
        ChallengeStatus.COMPLETED,
        ChallengeStatus.CLOSED,
    ):
        raise ValidationError(
            _("Proposals for this challenge are decided, so its deadline can no longer move."),
            code="challenge_decided",
        )
    if new_deadline <= now:
        raise ValidationError(_("The new deadline must be in the future."), code="deadline_in_past")
    if challenge.proposals_open_at and new_deadline <= challenge.proposals_open_at:
        raise ValidationError(
            _("The deadline must come after proposals open."), code="deadline_before_opening"
        )
    current = challenge.proposals_close_at
    if current and new_deadline == current:
        raise ValidationError(_("That is the current deadline."), code="deadline_unchanged")
    if (
        current
        and new_deadline < current
        and challenge.proposals.exclude(status=ProposalStatus.WITHDRAWN).exists()
    ):
        raise ValidationError(
            _(
                "Teams are already writing proposals to the current deadline (%(deadline)s), "
                "so it can only move later."
            )
            % {"deadline": _local_text(current)},
            code="deadline_shortened",
        )


def _revisions_follow_deadline(challenge: ChallengePage, new_deadline: datetime) -> None:
    """Write the new deadline into the live revision and any newer one (a revised brief
    waiting for the moderators), so publishing a revision later cannot undo the extension."""
    revisions = Revision.page_revisions.filter(object_id=str(challenge.pk))
    if challenge.live_revision_id:
        revisions = revisions.filter(pk__gte=challenge.live_revision_id)
    for revision in revisions:
        revision.content["proposals_close_at"] = new_deadline.isoformat()
        revision.save(update_fields=["content"])


def _team_emails(challenge: ChallengePage) -> list[str]:
    """Addresses of everyone on a team with a proposal to this challenge (not withdrawn)."""
    members = ProposalMember.objects.filter(
        proposal__challenge=challenge, user__is_active=True
    ).exclude(proposal__status=ProposalStatus.WITHDRAWN)
    return list(members.values_list("user__email", flat=True).distinct())


@transaction.atomic
def challenge_deadline_extend(
    *, challenge: ChallengePage, user, new_deadline: datetime, note: str = ""
) -> DeadlineExtension:
    """Move the proposal deadline of a live brief (owners and moderators).

    Takes effect at once, without moderation: it is a date, not the brief's words. Once a
    proposal exists the deadline can only move later; it can never move into the past. Teams
    with proposals and the followers are emailed, and the brief's updates record it.
    """
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if not challenge.live or not permissions.can_manage_challenge(user, challenge):
        raise PermissionDenied
    _deadline_check(challenge=challenge, new_deadline=new_deadline, now=timezone.now())
    previous = challenge.proposals_close_at
    challenge.proposals_close_at = new_deadline
    # A save of the one field, not a new published revision: publishing would cancel a
    # revised brief waiting for the moderators. The save still updates the search index.
    challenge.save(update_fields=["proposals_close_at"], clean=False)
    _revisions_follow_deadline(challenge, new_deadline)
    title = _("Deadline moved to %(deadline)s") % {"deadline": _local_text(new_deadline)}
    body = (
        _("The proposal deadline moved from %(previous)s to %(deadline)s (Pakistan Standard Time).")
        % {"previous": _local_text(previous), "deadline": _local_text(new_deadline)}
        if previous
        else _("The proposal deadline is now %(deadline)s (Pakistan Standard Time).")
        % {"deadline": _local_text(new_deadline)}
    )
    if note.strip():
        body = f"{body}\n\n{note.strip()}"
    update = ChallengeUpdate.objects.create(
        challenge=challenge, author=user, title=title, body=body
    )
    extension = DeadlineExtension.objects.create(
        challenge=challenge,
        previous_deadline=previous,
        new_deadline=new_deadline,
        extended_by=user,
        update=update,
    )
    followers_email(
        challenge,
        exclude=[user],
        also_to=_team_emails(challenge),
        template="challenges/emails/deadline_extended",
        context={"challenge": challenge, "extension": extension, "update": update},
    )
    return extension
