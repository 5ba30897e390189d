"""Project spaces: creating them, their members and roles, the activity record, who may write,
notification preferences and digests. Threads and posts, tasks and files are in their own
modules (``threads``, ``tasks``, ``files``); the digest task stays here because the task queue
stores it by its path.

Notifications only ever go to current members of the space, after the transaction commits.
"""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.addresses import absolute_url
from core.background import retry_later
from core.emails import email_after_commit
from labs.models import (
    ActivityVerb,
    NotificationPreference,
    ProjectSpace,
    SpaceActivity,
    SpaceMembership,
    SpaceRole,
)
from labs.services.membership import MembershipError

logger = logging.getLogger(__name__)


# --- project spaces -----------------------------------------------------------------------

ROLE_RANK = {SpaceRole.OWNER: 0, SpaceRole.MEMBER: 1, SpaceRole.OBSERVER: 2}


def activity_record(
    *, space, actor, verb, summary="", target_url="", mentioned=()
) -> SpaceActivity:
    """Add an entry to the space's activity feed and mark the space as recently updated."""
    activity = SpaceActivity.objects.create(
        space=space, actor=actor, verb=verb, summary=summary[:300], target_url=target_url[:300]
    )
    if mentioned:
        activity.mentioned.set(mentioned)
    ProjectSpace.objects.filter(pk=space.pk).update(updated_at=timezone.now())
    return activity


@transaction.atomic
def project_space_create(
    *, lab, title: str, goal: str, created_by, members=(), challenge=None
) -> ProjectSpace:
    """Create a private space in ``lab``; ``created_by`` becomes its owner.

    ``members`` is a sequence of ``(user, role)`` with role "owner", "member" or "observer".
    A person listed twice (or the creator listed again) gets one membership, keeping the
    strongest role. ``challenge`` is the challenges.ChallengePage the space answers, if any;
    the challenges app records that link on its Proposal (``ProjectSpace.challenge`` reads it).
    """
    space = ProjectSpace.objects.create(lab=lab, title=title, goal=goal, created_by=created_by)
    roles: dict = {}
    for user, role in [(created_by, SpaceRole.OWNER), *members]:
        role = SpaceRole(role)
        if user.pk not in roles or ROLE_RANK[role] < ROLE_RANK[roles[user.pk][1]]:
            roles[user.pk] = (user, role)
    for user, role in roles.values():
        SpaceMembership.objects.get_or_create(
            space=space, user=user, defaults={"role": role, "added_by": created_by}
        )
        if user.pk != created_by.pk:
            email_after_commit(
                to=[user.email],
                template="labs/emails/space_member_added",
                context={"space": space, "person": user, "added_by": created_by, "role": role},
            )
    activity_record(space=space, actor=created_by, verb=ActivityVerb.CREATED_SPACE, summary=title)
    return space


@transaction.atomic
def project_space_update(*, space: ProjectSpace, updated_by, **fields) -> ProjectSpace:
    allowed = {"title", "goal", "status", "start_date", "end_date", "is_listed"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"project_space_update() got an unexpected field {name!r}")
        setattr(space, name, value)
    space.save()
    activity_record(
        space=space,
        actor=updated_by,
        verb=ActivityVerb.UPDATED_SPACE,
        target_url=space.get_absolute_url(),
    )
    return space


@transaction.atomic
def space_member_add(*, space: ProjectSpace, user, role: str, added_by) -> SpaceMembership:
    if role == SpaceRole.SUPERVISOR:
        raise MembershipError(
            _("The supervisor is assigned by the lab's lead on the cohort's page.")
        )
    membership, created = SpaceMembership.objects.get_or_create(
        space=space, user=user, defaults={"role": role, "added_by": added_by}
    )
    if not created:
        raise MembershipError(
            _("%(person)s is already in this space.") % {"person": user.public_name}
        )
    activity_record(
        space=space,
        actor=added_by,
        verb=ActivityVerb.ADDED_MEMBER,
        summary=f"{user.public_name} ({membership.get_role_display()})",
        target_url=reverse("labs:space_members", kwargs={"space_id": space.pk}),
    )
    email_after_commit(
        to=[user.email],
        template="labs/emails/space_member_added",
        context={"space": space, "person": user, "added_by": added_by, "role": role},
    )
    return membership


def _guard_supervisor(membership: SpaceMembership, *, role: str = "") -> None:
    """A team's supervisor comes and goes only through the cohort (``cohort_team_supervisor_set``):
    otherwise an owner could drop the sign-off their findings wait for."""
    if membership.role == SpaceRole.SUPERVISOR or role == SpaceRole.SUPERVISOR:
        raise MembershipError(
            _("The supervisor is assigned by the lab's lead on the cohort's page.")
        )


def _guard_last_owner(membership: SpaceMembership) -> None:
    if (
        membership.role == SpaceRole.OWNER
        and not SpaceMembership.objects.filter(space=membership.space, role=SpaceRole.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(_("A space needs at least one owner. Make someone else owner first."))


@transaction.atomic
def space_member_role_change(
    *, membership: SpaceMembership, role: str, changed_by
) -> SpaceMembership:
    membership = (
        SpaceMembership.objects.select_for_update()
        .select_related("space", "user")
        .get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    _guard_supervisor(membership, role=role)
    if role != SpaceRole.OWNER:
        _guard_last_owner(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    activity_record(
        space=membership.space,
        actor=changed_by,
        verb=ActivityVerb.CHANGED_ROLE,
        summary=f"{membership.user.public_name}: {membership.get_role_display()}",
    )
    email_after_commit(
        to=[membership.user.email],
        template="labs/emails/space_role_changed",
        context={"space": membership.space, "person": membership.user, "membership": membership},
    )
    return membership


@transaction.atomic
def space_member_remove(*, membership: SpaceMembership, removed_by) -> None:
    """Remove someone from a space (or let them leave); access ends on their next request."""
    membership = (
        SpaceMembership.objects.select_for_update()
        .select_related("space", "user")
        .get(pk=membership.pk)
    )
    _guard_supervisor(membership)
    _guard_last_owner(membership)
    space, person = membership.space, membership.user
    leaving = removed_by.pk == person.pk
    membership.delete()
    activity_record(
        space=space,
        actor=removed_by,
        verb=ActivityVerb.LEFT if leaving else ActivityVerb.REMOVED_MEMBER,
        summary="" if leaving else person.public_name,
    )
    if not leaving:
        # The person is no longer a member, so the email names the space and nothing else.
        email_after_commit(
            to=[person.email],
            template="labs/emails/space_member_removed",
            context={"space_title": space.title, "person": person},
        )


@transaction.atomic
def space_notification_preference_set(
    *, membership: SpaceMembership, preference: str
) -> SpaceMembership:
    membership.notification_preference = NotificationPreference(preference)
    if preference == NotificationPreference.DIGEST and membership.digest_sent_until is None:
        membership.digest_sent_until = timezone.now()
    membership.save(update_fields=["notification_preference", "digest_sent_until"])
    return membership


def require_writer(*, space: ProjectSpace, user) -> SpaceMembership:
    """The person's membership if they may change ``space`` (owners and members, not archived)."""
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_write:
        raise PermissionError("Only owners and members may change a space.")
    if space.is_archived:
        raise PermissionError("An archived space can be read but not changed.")
    return membership


def require_commenter(*, space: ProjectSpace, user) -> SpaceMembership:
    """Writers, and the space's supervisor, who reads and comments."""
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_comment:
        raise PermissionError("Only owners, members and the supervisor may post in a space.")
    if space.is_archived:
        raise PermissionError("An archived space can be read but not changed.")
    return membership


# --- digests ------------------------------------------------------------------------------


@task()
def space_digests_deliver(*, attempt: int = 1) -> int:
    """``space_digests_send`` in the worker (``manage.py send_space_digests`` queues it)."""
    try:
        return space_digests_send()
    except Exception:
        # Memberships already done are not sent twice: each remembers how far it was sent.
        retry_later(space_digests_deliver, attempt=attempt)
        raise


def space_digests_send(*, now=None) -> int:
    """Email each digest subscriber what happened in their spaces since their last digest.

    Returns the number of emails sent. Safe to run more than once a day: each membership
    remembers how far it has been sent.
    """
    now = now or timezone.now()
    sent = 0
    memberships = SpaceMembership.objects.filter(
        notification_preference=NotificationPreference.DIGEST, user__deleted_at__isnull=True
    ).select_related("space", "user")
    by_person: dict = {}
    for membership in memberships:
        by_person.setdefault(membership.user, []).append(membership)
    for person, person_memberships in by_person.items():
        sections = []
        with transaction.atomic():
            for membership in person_memberships:
                since = membership.digest_sent_until or membership.created_at
                activities = list(
                    membership.space.activities.filter(created_at__gt=since, created_at__lte=now)
                    .exclude(actor=person)
                    # Who fetched which file is for the space's record, not worth an email.
                    .exclude(verb=ActivityVerb.DOWNLOADED_FILE)
                    .select_related("actor")
                    .prefetch_related("mentioned")
                    .order_by("created_at")
                )
                SpaceMembership.objects.filter(pk=membership.pk).update(digest_sent_until=now)
                if activities:
                    sections.append(
                        {
                            "space": membership.space,
                            "space_url": absolute_url(membership.space.get_absolute_url()),
                            "activities": [
                                {
                                    "activity": activity,
                                    "url": absolute_url(activity.target_url)
                                    if activity.target_url
                                    else "",
                                    "mentions_you": any(
                                        m.pk == person.pk for m in activity.mentioned.all()
                                    ),
                                }
                                for activity in activities
                            ],
                        }
                    )
            if sections:
                email_after_commit(
                    to=[person.email],
                    template="labs/emails/space_digest",
                    context={"person": person, "sections": sections},
                )
                sent += 1
    return sent
