"""Writes of the labs app. Keyword-only, typed, atomic; views and other apps call these.

Membership changes are recorded in ``LabAuditEntry`` and emailed to the person concerned.
Space notifications only ever go to current members of that space, after the transaction
commits (so a rolled-back post never sends an email).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from core.emails import email_send
from core.text import markdown_to_plain_text
from labs.models import (
    ActivityVerb,
    InvitationStatus,
    JoinPolicy,
    JoinRequestStatus,
    LabAuditAction,
    LabAuditEntry,
    LabInvitation,
    LabJoinRequest,
    LabMembership,
    LabPage,
    LabRole,
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
    lead_group_name,
)
from labs.uploads import content_type_for, validate_space_upload

INVITATION_SALT = "labs.invitation"
DEFAULT_INVITATION_DAYS = 14
LEAD_PAGE_PERMISSIONS = ("change_page", "publish_page")
MENTION_PATTERN = re.compile(r"(?<![\w@])@([\w.+-]{2,150})")


class MembershipError(ValidationError):
    """A membership change that cannot happen, with a message for the person who tried."""


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _audit(*, lab, actor, action, subject=None, subject_email="", detail="") -> LabAuditEntry:
    return LabAuditEntry.objects.create(
        lab=lab,
        actor=actor,
        action=action,
        subject=subject,
        subject_email=subject_email or (subject.email if subject else ""),
        detail=detail[:500],
    )


def _email_after_commit(*, to: list[str], template: str, context: dict) -> None:
    transaction.on_commit(lambda: email_send(to=to, template=template, context=context))


def _lab_leads(lab) -> list:
    return [
        membership.user
        for membership in lab.memberships.filter(role=LabRole.LEAD).select_related("user")
    ]


# --- lab lead permissions in the Wagtail admin -------------------------------------------


@transaction.atomic
def lab_lead_group_sync(*, lab: LabPage) -> Group:
    """Give the lab's leads (and only them) edit and publish rights on this one lab page.

    Creates the per-lab group on first call; afterwards keeps its name and members in step
    with the lab's lead memberships. Called when a lab is created and on every role change.
    """
    group = lab.lead_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=lead_group_name(lab))
        LabPage.objects.filter(pk=lab.pk).update(lead_group=group)
        lab.lead_group = group
    elif group.name != lead_group_name(lab):
        group.name = lead_group_name(lab)
        group.save(update_fields=["name"])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in LEAD_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=lab.page_ptr,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    lead_ids = set(lab.memberships.filter(role=LabRole.LEAD).values_list("user_id", flat=True))
    current_ids = set(group.user_set.values_list("pk", flat=True))
    User = get_user_model()
    group.user_set.remove(*User.objects.filter(pk__in=current_ids - lead_ids))
    group.user_set.add(*User.objects.filter(pk__in=lead_ids - current_ids))
    return group


# --- membership ---------------------------------------------------------------------------


def _membership_create(*, lab, user, role, actor, action) -> LabMembership:
    membership, created = LabMembership.objects.get_or_create(
        lab=lab, user=user, defaults={"role": role}
    )
    if created:
        _audit(
            lab=lab, actor=actor, action=action, subject=user, detail=membership.get_role_display()
        )
        if membership.role == LabRole.LEAD:
            lab_lead_group_sync(lab=lab)
    return membership


@transaction.atomic
def lab_join_request_create(
    *, lab: LabPage, user, message: str = "", role: str = LabRole.STUDENT
) -> LabJoinRequest | LabMembership:
    """Ask to join ``lab``. Open labs admit at once (returns the membership).

    The lab row is locked so that parallel requests by one person queue up; the partial
    unique constraint on pending requests is the final guard (and covers SQLite, which
    ignores SELECT … FOR UPDATE).
    """
    lab = LabPage.objects.select_for_update().get(pk=lab.pk)
    if role == LabRole.LEAD:
        raise MembershipError(_("Leads are appointed by the lab; choose another role."))
    if LabMembership.objects.filter(lab=lab, user=user).exists():
        raise MembershipError(_("You are already a member of this lab."))
    if lab.join_policy == JoinPolicy.INVITATION:
        raise MembershipError(_("This lab admits members by invitation only."))
    if lab.join_policy == JoinPolicy.OPEN:
        membership = _membership_create(
            lab=lab, user=user, role=role, actor=user, action=LabAuditAction.JOINED
        )
        _email_after_commit(
            to=[user.email],
            template="labs/emails/membership_welcome",
            context={"lab": lab, "person": user, "membership": membership},
        )
        return membership
    existing = LabJoinRequest.objects.filter(
        lab=lab, user=user, status=JoinRequestStatus.PENDING
    ).first()
    if existing is not None:
        raise MembershipError(_("You have already asked to join; the leads will reply soon."))
    try:
        with transaction.atomic():
            join_request = LabJoinRequest.objects.create(
                lab=lab, user=user, message=message.strip(), role=role
            )
    except IntegrityError as error:
        raise MembershipError(
            _("You have already asked to join; the leads will reply soon.")
        ) from error
    _audit(lab=lab, actor=user, action=LabAuditAction.REQUESTED, subject=user, detail=message[:200])
    _email_after_commit(
        to=[user.email],
        template="labs/emails/join_request_received",
        context={"lab": lab, "person": user, "join_request": join_request},
    )
    dashboard_url = _absolute(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk}))
    for lead in _lab_leads(lab):
        _email_after_commit(
            to=[lead.email],
            template="labs/emails/join_request_for_leads",
            context={
                "lab": lab,
                "lead": lead,
                "person": user,
                "join_request": join_request,
                "dashboard_url": dashboard_url,
            },
        )
    return join_request


@transaction.atomic
def lab_join_request_decide(
    *, join_request: LabJoinRequest, decided_by, approve: bool, reason: str = ""
) -> LabJoinRequest:
    join_request = LabJoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.PENDING:
        raise MembershipError(_("This request has already been answered."))
    join_request.status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.DECLINED
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.reason = reason.strip()
    join_request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    lab = join_request.lab
    if approve:
        _membership_create(
            lab=lab,
            user=join_request.user,
            role=join_request.role,
            actor=decided_by,
            action=LabAuditAction.APPROVED,
        )
    else:
        _audit(
            lab=lab,
            actor=decided_by,
            action=LabAuditAction.DECLINED,
            subject=join_request.user,
            detail=reason,
        )
    _email_after_commit(
        to=[join_request.user.email],
        template="labs/emails/join_request_approved"
        if approve
        else "labs/emails/join_request_declined",
        context={"lab": lab, "person": join_request.user, "join_request": join_request},
    )
    return join_request


@transaction.atomic
def lab_join_request_withdraw(*, join_request: LabJoinRequest, user) -> LabJoinRequest:
    join_request = LabJoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.user_id != user.pk or join_request.status != JoinRequestStatus.PENDING:
        raise MembershipError(_("This request can no longer be withdrawn."))
    join_request.status = JoinRequestStatus.WITHDRAWN
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_at"])
    _audit(lab=join_request.lab, actor=user, action=LabAuditAction.WITHDRAWN, subject=user)
    _email_after_commit(
        to=[user.email],
        template="labs/emails/join_request_withdrawn",
        context={"lab": join_request.lab, "person": user},
    )
    return join_request


def invitation_token(invitation: LabInvitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> LabInvitation | None:
    """The invitation a link points to, or None if the link was altered or is too old."""
    days = int(getattr(settings, "LABS_INVITATION_DAYS", DEFAULT_INVITATION_DAYS))
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=days))
    except signing.BadSignature:
        return None
    return LabInvitation.objects.select_related("lab").filter(pk=payload.get("invitation")).first()


@transaction.atomic
def lab_invitation_create(
    *, lab: LabPage, email: str, role: str, invited_by, message: str = ""
) -> LabInvitation:
    """Invite someone by email. Re-inviting a pending address renews and resends it."""
    email = email.strip().lower()
    if LabMembership.objects.filter(lab=lab, user__email__iexact=email).exists():
        raise MembershipError(_("%(email)s is already a member of this lab.") % {"email": email})
    days = int(getattr(settings, "LABS_INVITATION_DAYS", DEFAULT_INVITATION_DAYS))
    expires_at = timezone.now() + timedelta(days=days)
    invitation = (
        LabInvitation.objects.select_for_update()
        .filter(lab=lab, email=email, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None:
        invitation = LabInvitation.objects.create(
            lab=lab,
            email=email,
            role=role,
            message=message.strip(),
            invited_by=invited_by,
            expires_at=expires_at,
        )
    else:
        invitation.role = role
        invitation.message = message.strip()
        invitation.invited_by = invited_by
        invitation.expires_at = expires_at
        invitation.save(update_fields=["role", "message", "invited_by", "expires_at"])
    _audit(
        lab=lab,
        actor=invited_by,
        action=LabAuditAction.INVITED,
        subject_email=email,
        detail=invitation.get_role_display(),
    )
    accept_url = _absolute(
        reverse("labs:invitation_accept", kwargs={"token": invitation_token(invitation)})
    )
    _email_after_commit(
        to=[email],
        template="labs/emails/invitation",
        context={"lab": lab, "invitation": invitation, "accept_url": accept_url},
    )
    return invitation


@transaction.atomic
def lab_invitation_revoke(*, invitation: LabInvitation, revoked_by) -> LabInvitation:
    invitation = LabInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise MembershipError(_("This invitation is no longer pending."))
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    _audit(
        lab=invitation.lab,
        actor=revoked_by,
        action=LabAuditAction.INVITATION_REVOKED,
        subject_email=invitation.email,
    )
    _email_after_commit(
        to=[invitation.email],
        template="labs/emails/invitation_revoked",
        context={"lab": invitation.lab, "invitation": invitation},
    )
    return invitation


def _user_emails(user) -> set[str]:
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {user.email.lower(), *(address.lower() for address in verified)}


@transaction.atomic
def lab_invitation_accept(*, invitation: LabInvitation, user) -> LabMembership:
    """Use an invitation once; the signed-in person's address must be the one invited."""
    invitation = LabInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == InvitationStatus.ACCEPTED:
        raise MembershipError(_("This invitation has already been used."))
    if invitation.status == InvitationStatus.REVOKED:
        raise MembershipError(_("This invitation was withdrawn by the lab."))
    if invitation.is_expired:
        raise MembershipError(_("This invitation has expired. Ask the lab for a new one."))
    if invitation.email.lower() not in _user_emails(user):
        raise MembershipError(
            _(
                "This invitation was sent to another email address. Sign in with that "
                "address, or add and verify it on your account."
            )
        )
    if LabMembership.objects.filter(lab=invitation.lab, user=user).exists():
        raise MembershipError(_("You are already a member of this lab."))
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    membership = _membership_create(
        lab=invitation.lab,
        user=user,
        role=invitation.role,
        actor=user,
        action=LabAuditAction.INVITATION_ACCEPTED,
    )
    LabJoinRequest.objects.filter(
        lab=invitation.lab, user=user, status=JoinRequestStatus.PENDING
    ).update(status=JoinRequestStatus.APPROVED, decided_at=timezone.now())
    _email_after_commit(
        to=[user.email],
        template="labs/emails/membership_welcome",
        context={"lab": invitation.lab, "person": user, "membership": membership},
    )
    return membership


def _guard_last_lead(membership: LabMembership) -> None:
    if (
        membership.role == LabRole.LEAD
        and not LabMembership.objects.filter(lab=membership.lab, role=LabRole.LEAD)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(_("A lab needs at least one lead. Make someone else a lead first."))


@transaction.atomic
def lab_membership_role_change(
    *, membership: LabMembership, role: str, changed_by
) -> LabMembership:
    membership = (
        LabMembership.objects.select_for_update()
        .select_related("lab", "user")
        .get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    if role != LabRole.LEAD:
        _guard_last_lead(membership)
    previous = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    _audit(
        lab=membership.lab,
        actor=changed_by,
        action=LabAuditAction.ROLE_CHANGED,
        subject=membership.user,
        detail=f"{previous} → {membership.get_role_display()}",
    )
    lab_lead_group_sync(lab=membership.lab)
    _email_after_commit(
        to=[membership.user.email],
        template="labs/emails/role_changed",
        context={"lab": membership.lab, "person": membership.user, "membership": membership},
    )
    return membership


@transaction.atomic
def lab_membership_end(*, membership: LabMembership, ended_by, reason: str = "") -> None:
    """Someone leaves (``ended_by`` is themself) or a lead removes them."""
    membership = (
        LabMembership.objects.select_for_update()
        .select_related("lab", "user")
        .get(pk=membership.pk)
    )
    _guard_last_lead(membership)
    lab, person = membership.lab, membership.user
    leaving = ended_by is not None and ended_by.pk == person.pk
    was_lead = membership.role == LabRole.LEAD
    membership.delete()
    _audit(
        lab=lab,
        actor=ended_by,
        action=LabAuditAction.LEFT if leaving else LabAuditAction.REMOVED,
        subject=person,
        detail=reason,
    )
    if was_lead:
        lab_lead_group_sync(lab=lab)
    _email_after_commit(
        to=[person.email],
        template="labs/emails/membership_left" if leaving else "labs/emails/membership_removed",
        context={"lab": lab, "person": person, "reason": reason.strip()},
    )


@transaction.atomic
def lab_membership_listing_set(*, membership: LabMembership, is_listed: bool) -> LabMembership:
    membership.is_listed = is_listed
    membership.save(update_fields=["is_listed"])
    return membership


@transaction.atomic
def lab_lead_appoint(*, lab: LabPage, user, appointed_by=None) -> LabMembership:
    """Make ``user`` a lead of ``lab`` (used by admins and demo data)."""
    membership = _membership_create(
        lab=lab, user=user, role=LabRole.LEAD, actor=appointed_by, action=LabAuditAction.JOINED
    )
    if membership.role != LabRole.LEAD:
        membership = lab_membership_role_change(
            membership=membership, role=LabRole.LEAD, changed_by=appointed_by
        )
    lab_lead_group_sync(lab=lab)
    return membership


# --- project spaces -----------------------------------------------------------------------

ROLE_RANK = {SpaceRole.OWNER: 0, SpaceRole.MEMBER: 1, SpaceRole.OBSERVER: 2}


def _activity(*, space, actor, verb, summary="", target_url="", mentioned=()) -> SpaceActivity:
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
    strongest role. ``challenge`` is the challenges.ChallengePage the space answers, if any
    (stored once the space model has that link).
    """
    space = ProjectSpace.objects.create(lab=lab, title=title, goal=goal, created_by=created_by)
    if challenge is not None and hasattr(space, "challenge_id"):
        space.challenge = challenge
        space.save(update_fields=["challenge"])
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
            _email_after_commit(
                to=[user.email],
                template="labs/emails/space_member_added",
                context={"space": space, "person": user, "added_by": created_by, "role": role},
            )
    _activity(space=space, actor=created_by, verb=ActivityVerb.CREATED_SPACE, summary=title)
    return space


@transaction.atomic
def project_space_update(*, space: ProjectSpace, updated_by, **fields) -> ProjectSpace:
    allowed = {"title", "goal", "status", "start_date", "end_date", "is_listed"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"project_space_update() got an unexpected field {name!r}")
        setattr(space, name, value)
    space.save()
    _activity(
        space=space,
        actor=updated_by,
        verb=ActivityVerb.UPDATED_SPACE,
        target_url=space.get_absolute_url(),
    )
    return space


@transaction.atomic
def space_member_add(*, space: ProjectSpace, user, role: str, added_by) -> SpaceMembership:
    membership, created = SpaceMembership.objects.get_or_create(
        space=space, user=user, defaults={"role": role, "added_by": added_by}
    )
    if not created:
        raise MembershipError(
            _("%(person)s is already in this space.") % {"person": user.public_name}
        )
    _activity(
        space=space,
        actor=added_by,
        verb=ActivityVerb.ADDED_MEMBER,
        summary=f"{user.public_name} ({membership.get_role_display()})",
        target_url=reverse("labs:space_members", kwargs={"space_id": space.pk}),
    )
    _email_after_commit(
        to=[user.email],
        template="labs/emails/space_member_added",
        context={"space": space, "person": user, "added_by": added_by, "role": role},
    )
    return membership


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
    if role != SpaceRole.OWNER:
        _guard_last_owner(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    _activity(
        space=membership.space,
        actor=changed_by,
        verb=ActivityVerb.CHANGED_ROLE,
        summary=f"{membership.user.public_name}: {membership.get_role_display()}",
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
    _guard_last_owner(membership)
    space, person = membership.space, membership.user
    leaving = removed_by.pk == person.pk
    membership.delete()
    _activity(
        space=space,
        actor=removed_by,
        verb=ActivityVerb.LEFT if leaving else ActivityVerb.REMOVED_MEMBER,
        summary="" if leaving else person.public_name,
    )
    if not leaving:
        # The person is no longer a member, so the email names the space and nothing else.
        _email_after_commit(
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
    handles = {handle.rstrip(".").lower() for handle in MENTION_PATTERN.findall(body or "")}
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


def _notify_post(*, post: Post, mentioned: list, is_new_thread: bool) -> None:
    """Immediate emails to members who asked for them; digests pick up the rest later."""
    thread = post.thread
    space = thread.space
    mentioned_ids = {person.pk for person in mentioned}
    recipients = space.memberships.select_related("user").filter(
        notification_preference=NotificationPreference.IMMEDIATE, user__deleted_at__isnull=True
    )
    thread_url = _absolute(post.get_absolute_url())
    excerpt = markdown_to_plain_text(post.body)[:600]
    for membership in recipients:
        person = membership.user
        if post.author_id == person.pk:
            continue
        _email_after_commit(
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
                "settings_url": _absolute(
                    reverse("labs:space_notifications", kwargs={"space_id": space.pk})
                ),
            },
        )


def _require_writer(*, space: ProjectSpace, user) -> SpaceMembership:
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_write:
        raise PermissionError("Only owners and members may change a space.")
    return membership


def _attach_files(*, space, post, author, uploads) -> list[SpaceFile]:
    return [
        space_file_upload(space=space, uploaded_by=author, upload=upload, post=post, quiet=True)
        for upload in uploads
    ]


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, attachments=(), _is_new_thread=False) -> Post:
    space = thread.space
    _require_writer(space=space, user=author)
    post = Post.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    files = _attach_files(space=space, post=post, author=author, uploads=attachments)
    mentioned = mentioned_members(space=space, body=body, exclude=author)
    summary = thread.title
    if files:
        summary += " · " + ", ".join(f.name for f in files)
    _activity(
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
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    _activity(
        space=post.thread.space,
        actor=editor,
        verb=ActivityVerb.EDITED_POST,
        summary=post.thread.title,
        target_url=post.get_absolute_url(),
    )
    return post


@transaction.atomic
def milestone_create(
    *, space: ProjectSpace, created_by, title: str, due_date=None, description: str = ""
) -> Milestone:
    _require_writer(space=space, user=created_by)
    milestone = Milestone.objects.create(
        space=space, title=title, due_date=due_date, description=description
    )
    _activity(
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
            _email_after_commit(
                to=[task.assignee.email],
                template="labs/emails/task_assigned",
                context={
                    "task": task,
                    "space": task.space,
                    "person": task.assignee,
                    "assigned_by": assigned_by,
                    "task_url": _absolute(task.get_absolute_url()),
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
    _activity(
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
    _activity(
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
    validate_space_upload(upload)
    number = (file.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = SpaceFileVersion(
        file=file,
        number=number,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=content_type_for(upload.name),
        uploaded_by=uploaded_by,
    )
    version.content.save(upload.name, upload, save=False)
    version.save()
    return version


@transaction.atomic
def space_file_upload(
    *, space: ProjectSpace, uploaded_by, upload, name: str = "", post=None, quiet: bool = False
) -> SpaceFile:
    _require_writer(space=space, user=uploaded_by)
    validate_space_upload(upload)
    file = SpaceFile.objects.create(
        space=space, name=(name or upload.name)[:255], post=post, created_by=uploaded_by
    )
    _store_version(file=file, upload=upload, uploaded_by=uploaded_by)
    if not quiet:
        _activity(
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
    _activity(
        space=file.space,
        actor=uploaded_by,
        verb=ActivityVerb.REPLACED_FILE,
        summary=f"{file.name} (v{version.number})",
        target_url=file.get_absolute_url(),
    )
    return version


# --- digests ------------------------------------------------------------------------------


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
                    .select_related("actor")
                    .prefetch_related("mentioned")
                    .order_by("created_at")
                )
                SpaceMembership.objects.filter(pk=membership.pk).update(digest_sent_until=now)
                if activities:
                    sections.append(
                        {
                            "space": membership.space,
                            "space_url": _absolute(membership.space.get_absolute_url()),
                            "activities": [
                                {
                                    "activity": activity,
                                    "url": _absolute(activity.target_url)
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
                _email_after_commit(
                    to=[person.email],
                    template="labs/emails/space_digest",
                    context={"person": person, "sections": sections},
                )
                sent += 1
    return sent


# --- publishing ---------------------------------------------------------------------------


@transaction.atomic
def finding_propose_from_space(
    *, space: ProjectSpace, proposed_by, title: str, abstract: str, files=(), authors=()
):
    """Turn a deliverable into a draft knowledge-base finding and submit it for moderation.

    The draft carries the title, abstract, authors (space members chosen by the owner) and
    the lab; the first chosen PDF becomes the finding's document, stored in a collection
    that only moderators can open until they publish. The space itself stays private.
    """
    from knowledge.models import FindingAuthor, FindingPage, KnowledgeIndexPage

    membership = SpaceMembership.objects.filter(space=space, user=proposed_by).first()
    if membership is None or not membership.is_owner:
        raise PermissionError("Only a space owner may propose a finding.")
    index_page = KnowledgeIndexPage.objects.first()
    if index_page is None:
        raise MembershipError(_("The knowledge base is not set up yet."))
    finding = FindingPage(title=title, abstract=abstract, live=False, owner=proposed_by)
    lab = space.lab
    finding_partner = lab.university if lab.university_id else None
    index_page.add_child(instance=finding)
    for position, person in enumerate(authors or [proposed_by]):
        FindingAuthor.objects.create(page=finding, person=person, sort_order=position)
    if lab.country_id:
        finding.countries.add(lab.country)
    if finding_partner is not None:
        finding.partners.add(finding_partner)
    finding.themes.add(*lab.themes.all())
    document = _finding_document(files=files, proposed_by=proposed_by, title=title)
    if document is not None:
        finding.pdf = document
    finding.save()
    finding.save_revision(user=proposed_by, log_action=True)
    from labs.models import LabFinding

    LabFinding.objects.create(lab=lab, finding=finding, space=space, proposed_by=proposed_by)
    _submit_for_moderation(page=finding, user=proposed_by, index_page=index_page)
    _activity(
        space=space,
        actor=proposed_by,
        verb=ActivityVerb.PROPOSED_FINDING,
        summary=title,
        target_url=reverse("labs:space_detail", kwargs={"space_id": space.pk}),
    )
    return finding


def _finding_document(*, files, proposed_by, title):
    """Copy the first chosen PDF into a moderators-only Wagtail collection."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    for file in files:
        version = file.current_version
        if version is None or not version.original_name.lower().endswith(".pdf"):
            continue
        root = Collection.get_first_root_node()
        collection = Collection.objects.filter(name="Findings awaiting moderation").first()
        if collection is None:
            collection = root.add_child(name="Findings awaiting moderation")
        restriction, _created = CollectionViewRestriction.objects.get_or_create(
            collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
        )
        moderators = Group.objects.filter(name="Moderators").first()
        if moderators is not None:
            restriction.groups.add(moderators)
        Document = get_document_model()
        with version.content.open("rb") as handle:
            document = Document(title=f"{title} (PDF)"[:255], collection=collection)
            document.uploaded_by_user = proposed_by
            document.file.save(version.original_name, ContentFile(handle.read()), save=False)
            document.save()
        return document
    return None


def _knowledge_workflow(index_page):
    """The workflow knowledge-base submissions use; created with Wagtail's group task if absent.

    Prefers the knowledge app's own workflow helper (the one case studies go through) so
    findings and case studies share one moderation queue.
    """
    from core.moderation import moderation_workflow_ensure

    try:
        from knowledge import services as knowledge_services
    except ImportError:
        knowledge_services = None
    for helper_name in ("knowledge_workflow_ensure", "case_study_workflow_ensure"):
        helper = getattr(knowledge_services, helper_name, None)
        if helper is not None:
            return helper()
    from wagtail.models import GroupApprovalTask

    return moderation_workflow_ensure(
        name="Knowledge base moderation",
        task_model=GroupApprovalTask,
        task_name="Moderators review",
        pages=[index_page],
    )


def _submit_for_moderation(*, page, user, index_page) -> None:
    from core.moderation import moderation_submit

    moderation_submit(page=page, user=user, workflow=_knowledge_workflow(index_page))
