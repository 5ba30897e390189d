"""Reads for the personal dashboard: a person's labs, requests, invitations, tasks and activity."""

from dataclasses import dataclass, field
from datetime import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from labs.models import (
    InvitationStatus,
    JoinRequestStatus,
    LabInvitation,
    LabJoinRequest,
    LabMembership,
    LabRole,
    ProjectSpace,
    SpaceActivity,
    Task,
    TaskStatus,
)


def user_lab_memberships(user):
    return LabMembership.objects.filter(user=user).select_related("lab").order_by("lab__title")


def user_pending_requests(user):
    return LabJoinRequest.objects.filter(
        user=user, status=JoinRequestStatus.PENDING
    ).select_related("lab")


def user_pending_invitations(user):
    emails = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    return (
        LabInvitation.objects.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())
        .filter(email__in=emails)
        .select_related("lab", "invited_by")
    )


def user_tasks_due(user, *, limit: int = 10):
    return (
        Task.objects.filter(assignee=user, space__memberships__user=user)
        .exclude(status=TaskStatus.DONE)
        .select_related("space")
        .order_by("due_date")[:limit]
    )


def user_activity(user):
    """What others did in the person's spaces, newest first (their own actions left out)."""
    return (
        SpaceActivity.objects.filter(space__memberships__user=user)
        .exclude(actor=user)
        .select_related("actor", "space")
    )


@dataclass
class ActivityEntry:
    """Consecutive activity of one person, of one kind, in one space: one row of a feed."""

    actor: object
    verb: str
    space: ProjectSpace
    latest: datetime
    count: int = 1
    #: (summary, address) of what was acted on, newest first, each once.
    targets: list[tuple[str, str]] = field(default_factory=list)

    def add_target(self, summary: str, url: str) -> None:
        if summary and (summary, url) not in self.targets:
            self.targets.append((summary, url))


def activity_entries(activities) -> list[ActivityEntry]:
    """``activities`` (newest first) with bursts folded: five posts in a row by one person in
    one space become one entry "posted 5 times", naming each thread once."""
    entries: list[ActivityEntry] = []
    for activity in activities:
        last = entries[-1] if entries else None
        if (
            last is not None
            and last.actor == activity.actor
            and last.space.pk == activity.space_id
            and last.verb == activity.get_verb_display()
        ):
            last.count += 1
        else:
            last = ActivityEntry(
                actor=activity.actor,
                verb=activity.get_verb_display(),
                space=activity.space,
                latest=activity.created_at,
            )
            entries.append(last)
        last.add_target(activity.summary, activity.target_url)
    return entries


def lab_requests_awaiting(user):
    """Pending join requests in labs the user leads, for the lead's dashboard panel."""
    led_lab_ids = LabMembership.objects.filter(user=user, role=LabRole.LEAD).values("lab_id")
    return (
        LabJoinRequest.objects.filter(lab_id__in=led_lab_ids, status=JoinRequestStatus.PENDING)
        .select_related("lab", "user")
        .order_by("created_at")
    )
