"""Project spaces: members, threads and posts, tasks, files, notifications and digests.

Notifications only ever go to current members of the space, after the transaction commits.
"""

import logging
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.addresses import absolute_url
from core.background import retry_later
from core.emails import email_after_commit, email_send, emails_after_commit
from core.html_sanitize import mentioned_handles
from core.middleware import database_busy
from core.text import html_to_plain_text
from labs.models import (
    SPACE_FILE_POLICY,
    ActivityVerb,
    Milestone,
    NotificationPreference,
    Post,
    PostRevision,
    ProjectSpace,
    SpaceActivity,
    SpaceFile,
    SpaceFileVersion,
    SpaceMembership,
    SpaceRole,
    Task,
    Thread,
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


def mentioned_members(*, space: ProjectSpace, body: str, exclude=None) -> list:
    """Members of ``space`` named as @username in ``body``; nobody outside is ever notified."""
    handles = mentioned_handles(body)
    if not handles:
        return []
    # Spaces are small; matching in Python keeps handles case-insensitive on every database.
    return [
        membership.user
        for membership in space.memberships.select_related("user")
        if membership.user.username.lower() in handles
        and membership.user.deleted_at is None
        and (exclude is None or membership.user_id != exclude.pk)
    ]


def _notify_post(
    *, post: Post, mentioned: list, is_new_thread: bool, mentioned_only: bool = False
) -> None:
    """Immediate emails to members who asked for them; digests pick up the rest later.
    ``mentioned_only`` limits them to the people in ``mentioned`` (an edited post).

    All of them are one batch for the worker, which renders and sends them over one connection.
    """
    thread = post.thread
    space = thread.space
    mentioned_ids = {person.pk for person in mentioned}
    recipients = [
        membership.user
        for membership in space.memberships.select_related("user").filter(
            notification_preference=NotificationPreference.IMMEDIATE,
            user__deleted_at__isnull=True,
        )
        if membership.user_id != post.author_id
        and (not mentioned_only or membership.user_id in mentioned_ids)
    ]
    if not recipients:
        return
    thread_url = absolute_url(post.get_absolute_url())
    excerpt = html_to_plain_text(post.body_html)[:600]  # rendered once already, on save
    settings_url = absolute_url(reverse("labs:space_notifications", kwargs={"space_id": space.pk}))

    def send():
        for person in recipients:
            email_send(
                to=[person.email],
                template="labs/emails/space_post",
                context={
                    "space": space,
                    "thread": thread,
                    "post": post,
                    "person": person,
                    "excerpt": excerpt,
                    "thread_url": thread_url,
                    "is_mention": person.pk in mentioned_ids,
                    "is_new_thread": is_new_thread,
                    "settings_url": settings_url,
                },
            )

    emails_after_commit(send)


def _require_writer(*, space: ProjectSpace, user) -> SpaceMembership:
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_write:
        raise PermissionError("Only owners and members may change a space.")
    if space.is_archived:
        raise PermissionError("An archived space can be read but not changed.")
    return membership


def _require_commenter(*, space: ProjectSpace, user) -> SpaceMembership:
    """Writers, and the space's supervisor, who reads and comments."""
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_comment:
        raise PermissionError("Only owners, members and the supervisor may post in a space.")
    if space.is_archived:
        raise PermissionError("An archived space can be read but not changed.")
    return membership


def _attach_files(*, space, post, author, uploads) -> list[SpaceFile]:
    return [
        space_file_upload(space=space, uploaded_by=author, upload=upload, post=post, quiet=True)
        for upload in uploads
    ]


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, attachments=(), _is_new_thread=False) -> Post:
    space = thread.space
    _require_commenter(space=space, user=author)
    post = Post.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    files = _attach_files(space=space, post=post, author=author, uploads=attachments)
    mentioned = mentioned_members(space=space, body=body, exclude=author)
    summary = thread.title
    if files:
        summary += " · " + ", ".join(f.name for f in files)
    activity_record(
        space=space,
        actor=author,
        verb=ActivityVerb.STARTED_THREAD if _is_new_thread else ActivityVerb.POSTED,
        summary=summary,
        target_url=post.get_absolute_url(),
        mentioned=mentioned,
    )
    _notify_post(post=post, mentioned=mentioned, is_new_thread=_is_new_thread)
    return post


@transaction.atomic
def thread_create(*, space: ProjectSpace, author, title: str, body: str, attachments=()) -> Thread:
    _require_writer(space=space, user=author)
    thread = Thread.objects.create(space=space, title=title, created_by=author)
    post_create(
        thread=thread, author=author, body=body, attachments=attachments, _is_new_thread=True
    )
    return thread


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    """Only the author edits a post; the previous text is kept as a revision."""
    post = Post.objects.select_for_update().select_related("thread__space").get(pk=post.pk)
    if post.author_id != editor.pk:
        raise PermissionError("Only the author may edit a post.")
    _require_writer(space=post.thread.space, user=editor)
    if body == post.body:
        return post
    space = post.thread.space
    already_mentioned = {
        person.pk for person in mentioned_members(space=space, body=post.body, exclude=editor)
    }
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    # People the edit mentions for the first time hear of it as if it were a new post.
    newly_mentioned = [
        person
        for person in mentioned_members(space=space, body=body, exclude=editor)
        if person.pk not in already_mentioned
    ]
    activity_record(
        space=space,
        actor=editor,
        verb=ActivityVerb.EDITED_POST,
        summary=post.thread.title,
        target_url=post.get_absolute_url(),
        mentioned=newly_mentioned,
    )
    if newly_mentioned:
        _notify_post(post=post, mentioned=newly_mentioned, is_new_thread=False, mentioned_only=True)
    return post


@transaction.atomic
def milestone_create(
    *, space: ProjectSpace, created_by, title: str, due_date=None, description: str = ""
) -> Milestone:
    _require_writer(space=space, user=created_by)
    milestone = Milestone.objects.create(
        space=space, title=title, due_date=due_date, description=description
    )
    activity_record(
        space=space,
        actor=created_by,
        verb=ActivityVerb.ADDED_MILESTONE,
        summary=title,
        target_url=reverse("labs:task_list", kwargs={"space_id": space.pk}),
    )
    return milestone


def _notify_assignee(*, task: Task, assigned_by) -> None:
    if task.assignee_id and task.assignee_id != assigned_by.pk:
        membership = task.space.memberships.filter(user_id=task.assignee_id).first()
        if membership and membership.notification_preference != NotificationPreference.OFF:
            email_after_commit(
                to=[task.assignee.email],
                template="labs/emails/task_assigned",
                context={
                    "task": task,
                    "space": task.space,
                    "person": task.assignee,
                    "assigned_by": assigned_by,
                    "task_url": absolute_url(task.get_absolute_url()),
                },
            )


def _check_assignee(*, space, assignee) -> None:
    if assignee is not None and not space.memberships.filter(user=assignee).exists():
        raise ValidationError(
            {"assignee": _("Tasks can only be assigned to members of the space.")}
        )


@transaction.atomic
def task_create(*, space: ProjectSpace, created_by, **fields) -> Task:
    _require_writer(space=space, user=created_by)
    _check_assignee(space=space, assignee=fields.get("assignee"))
    task = Task.objects.create(space=space, created_by=created_by, **fields)
    activity_record(
        space=space,
        actor=created_by,
        verb=ActivityVerb.ADDED_TASK,
        summary=task.title,
        target_url=task.get_absolute_url(),
    )
    _notify_assignee(task=task, assigned_by=created_by)
    return task


@transaction.atomic
def task_update(*, task: Task, updated_by, **fields) -> Task:
    _require_writer(space=task.space, user=updated_by)
    _check_assignee(space=task.space, assignee=fields.get("assignee"))
    # Read from the database: a bound ModelForm has already changed the instance.
    previous_assignee = (
        Task.objects.filter(pk=task.pk).values_list("assignee_id", flat=True).first()
    )
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    activity_record(
        space=task.space,
        actor=updated_by,
        verb=ActivityVerb.UPDATED_TASK,
        summary=f"{task.title} · {task.get_status_display()}",
        target_url=task.get_absolute_url(),
    )
    if task.assignee_id != previous_assignee:
        _notify_assignee(task=task, assigned_by=updated_by)
    return task


def _store_version(*, file: SpaceFile, upload, uploaded_by) -> SpaceFileVersion:
    content_type = SPACE_FILE_POLICY.check(upload)
    number = (file.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = SpaceFileVersion(
        file=file,
        number=number,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_by=uploaded_by,
    )
    version.content.save(upload.name, upload, save=False)
    version.save()
    return version


@transaction.atomic
def space_file_upload(
    *, space: ProjectSpace, uploaded_by, upload, name: str = "", post=None, quiet: bool = False
) -> SpaceFile:
    # An attachment to a post is part of a comment, which the supervisor may make too.
    if post is not None:
        _require_commenter(space=space, user=uploaded_by)
    else:
        _require_writer(space=space, user=uploaded_by)
    SPACE_FILE_POLICY.check(upload)
    file = SpaceFile.objects.create(
        space=space, name=(name or upload.name)[:255], post=post, created_by=uploaded_by
    )
    _store_version(file=file, upload=upload, uploaded_by=uploaded_by)
    if not quiet:
        activity_record(
            space=space,
            actor=uploaded_by,
            verb=ActivityVerb.UPLOADED_FILE,
            summary=file.name,
            target_url=file.get_absolute_url(),
        )
    return file


@transaction.atomic
def space_file_replace(*, file: SpaceFile, uploaded_by, upload) -> SpaceFileVersion:
    """Add a new version; earlier versions stay downloadable."""
    file = SpaceFile.objects.select_for_update().select_related("space").get(pk=file.pk)
    _require_writer(space=file.space, user=uploaded_by)
    version = _store_version(file=file, upload=upload, uploaded_by=uploaded_by)
    file.updated_at = timezone.now()
    file.save(update_fields=["updated_at"])
    activity_record(
        space=file.space,
        actor=uploaded_by,
        verb=ActivityVerb.REPLACED_FILE,
        summary=f"{file.name} (v{version.number})",
        target_url=file.get_absolute_url(),
    )
    return version


def space_file_download_record(*, version: SpaceFileVersion, downloaded_by) -> SpaceActivity | None:
    """Note in the space's activity that ``downloaded_by`` fetched ``version`` (once a day).

    Runs on every download, a read request. A repeat download the same day (on the site's
    clock) only reads; the first writes one row in a transaction of its own, and does not
    touch the space's "updated" time. When the database is too busy to take that write
    (SQLite's single write lock held past the busy timeout), the note is dropped rather than
    the download. Two first downloads racing each other may both be noted; that is harmless.
    """
    file = version.file
    today = timezone.localtime(timezone=timezone.get_default_timezone()).date()
    since = timezone.make_aware(datetime.combine(today, time.min), timezone.get_default_timezone())
    entry = {
        "space_id": file.space_id,
        "actor": downloaded_by,
        "verb": ActivityVerb.DOWNLOADED_FILE,
        "summary": f"{file.name} (v{version.number})"[:300],
        "target_url": file.get_absolute_url()[:300],
    }
    if SpaceActivity.objects.filter(**entry, created_at__gte=since).exists():
        return None
    try:
        with transaction.atomic():
            return SpaceActivity.objects.create(**entry)
    except OperationalError as error:
        if not database_busy(error):
            raise
        logger.warning("Download of file %s not noted in its activity: %s", file.pk, error)
        return None


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
