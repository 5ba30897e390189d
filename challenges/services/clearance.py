"""Clearance of findings by a challenge's owners, between a space proposing a finding and site
moderation; the owners may set an embargo date, kept as the draft's ``go_live_at`` so Wagtail's
scheduled publishing (``publish_scheduled``) makes it public on that day once moderators approve.

``finding_clearance_open`` is the review step labs calls when a space owner proposes a finding
(registered in ``ChallengesConfig.ready``); labs never imports this app.
"""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import ClearanceDecision, ClearanceStatus, FindingClearance
from challenges.models.clearance import CLEARANCE_NOTE_MAX_LENGTH
from core.emails import email_after_commit
from labs.models import ActivityVerb, SpaceMembership
from labs.services import finding_moderation_submit
from labs.services.spaces import activity_record

_DECISION_VERBS = {
    ClearanceDecision.CLEAR: ActivityVerb.CLEARED_FINDING,
    ClearanceDecision.CHANGES: ActivityVerb.FINDING_CHANGES_REQUESTED,
    ClearanceDecision.DECLINE: ActivityVerb.DECLINED_FINDING,
}
_DECISION_STATUSES = {
    ClearanceDecision.CLEAR: ClearanceStatus.CLEARED,
    ClearanceDecision.CHANGES: ClearanceStatus.CHANGES_REQUESTED,
    ClearanceDecision.DECLINE: ClearanceStatus.DECLINED,
}


def finding_clearance_open(*, finding, space, proposed_by) -> bool:
    """Link a finding from a space that answers a challenge to that challenge and, when the
    challenge has owners to decide, hold it for their clearance. Returns True when held."""
    challenge = space.challenge
    if challenge is None:
        return False
    finding.source_challenge = challenge
    owners = list(challenge.owners.all())
    if not owners:
        # Nobody could clear it (a brief an editor posted without owners): moderators decide.
        return False
    clearance = FindingClearance.objects.create(
        finding=finding, challenge=challenge, space=space, proposed_by=proposed_by
    )
    _email_owners(clearance=clearance, owners=owners, event="awaiting")
    return True


def embargo_go_live_at(embargo_until: date) -> datetime:
    """Publication starts at midnight of the embargo date, in the site's time zone."""
    return timezone.make_aware(datetime.combine(embargo_until, time.min))


@transaction.atomic
def finding_clearance_decide(
    *,
    clearance: FindingClearance,
    decided_by,
    decision: str,
    note: str = "",
    embargo_until: date | None = None,
) -> FindingClearance:
    """Record a challenge owner's decision on a finding awaiting clearance.

    "clear" sends the finding to site moderation (its publication held until ``embargo_until``
    when given); "changes" returns it to the space's owners with ``note``; "decline" stops it
    (``note`` says why). Raises PermissionError for anyone but the challenge's owners and
    ValidationError for a decision that cannot be taken now.
    """
    clearance = FindingClearance.objects.select_for_update().get(pk=clearance.pk)
    challenge = clearance.challenge
    if not challenge.owners.filter(pk=decided_by.pk).exists():
        raise PermissionError("Only the challenge's owners clear its findings.")
    if not clearance.is_open:
        raise ValidationError(_("This finding is not waiting for clearance any more."))
    decision = ClearanceDecision(decision)
    note = note.strip()
    if decision != ClearanceDecision.CLEAR and not note:
        raise ValidationError(_("Tell the team what to change, or why the finding is declined."))
    if len(note) > CLEARANCE_NOTE_MAX_LENGTH:
        raise ValidationError(_("The note is too long."))
    if decision == ClearanceDecision.CLEAR and embargo_until is not None:
        if embargo_until <= timezone.localdate():
            raise ValidationError(_("An embargo date must be after today."))
    else:
        embargo_until = None
    finding = clearance.finding.specific
    clearance.status = _DECISION_STATUSES[decision]
    clearance.note = note
    clearance.embargo_until = embargo_until
    clearance.decided_by = decided_by
    clearance.decided_at = timezone.now()
    clearance.save()
    if decision == ClearanceDecision.CLEAR:
        draft = finding.get_latest_revision_as_object()
        if embargo_until is not None:
            draft.go_live_at = embargo_go_live_at(embargo_until)
            draft.publication_date = embargo_until
        draft.save_revision(user=decided_by, log_action=True)
        # The team proposed it, so the team hears from the moderators.
        finding_moderation_submit(finding=finding, user=clearance.proposed_by or decided_by)
    if clearance.space is not None:
        summary = finding.title
        if embargo_until is not None:
            summary = _("%(title)s (embargoed until %(day)s)") % {
                "title": finding.title,
                "day": embargo_until.isoformat(),
            }
        activity_record(
            space=clearance.space,
            actor=decided_by,
            verb=_DECISION_VERBS[decision],
            summary=summary,
            target_url=_team_url(clearance),
        )
        email_after_commit(
            # The owner who decided sits in the space too (selecting a proposal adds its
            # challenge's owners): they are not told of their own decision.
            to=_team_addresses(clearance.space, exclude=decided_by),
            template=f"challenges/emails/finding_{clearance.status}",
            context={"clearance": clearance, "finding": finding, "challenge": challenge},
        )
    return clearance


@transaction.atomic
def finding_clearance_resubmit(
    *, clearance: FindingClearance, user, title: str, abstract: str
) -> FindingClearance:
    """A space owner revises a finding the challenge's owners asked changes to, and sends it
    back to them. Raises PermissionError for anyone but the space's owners."""
    clearance = FindingClearance.objects.select_for_update().get(pk=clearance.pk)
    if not is_space_owner(user, clearance):
        raise PermissionError("Only the space's owners revise its findings.")
    if clearance.status != ClearanceStatus.CHANGES_REQUESTED:
        raise ValidationError(_("Nobody asked for changes to this finding."))
    finding = clearance.finding.specific
    draft = finding.get_latest_revision_as_object()
    draft.title = title
    draft.draft_title = title
    draft.abstract = abstract
    draft.full_clean(exclude=["slug", "path", "depth"])
    draft.save_revision(user=user, log_action=True)
    clearance.status = ClearanceStatus.PENDING
    clearance.save(update_fields=["status", "updated_at"])
    activity_record(
        space=clearance.space,
        actor=user,
        verb=ActivityVerb.RESUBMITTED_FINDING,
        summary=title,
        target_url=_team_url(clearance),
    )
    _email_owners(
        clearance=clearance, owners=list(clearance.challenge.owners.all()), event="resubmitted"
    )
    return clearance


def is_space_owner(user, clearance: FindingClearance) -> bool:
    return bool(
        user.is_authenticated
        and clearance.space_id
        and SpaceMembership.objects.filter(
            space_id=clearance.space_id, user=user, role="owner"
        ).exists()
    )


def _team_url(clearance: FindingClearance) -> str:
    return reverse("challenges:clearance_team", kwargs={"clearance_id": clearance.pk})


def _team_addresses(space, *, exclude) -> list[str]:
    return list(
        SpaceMembership.objects.filter(space=space)
        .exclude(user__email="")
        .exclude(user=exclude)
        .values_list("user__email", flat=True)
    )


def _email_owners(*, clearance: FindingClearance, owners, event: str) -> None:
    email_after_commit(
        to=[owner.email for owner in owners],
        template=f"challenges/emails/finding_clearance_{event}",
        context={"clearance": clearance},
    )
