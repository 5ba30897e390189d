"""Lab membership: join requests, roles, leaving, and leads' admin rights.

Every change is recorded in ``LabAuditEntry`` and emailed to the person concerned.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from core.addresses import absolute_url
from core.emails import email_after_commit
from labs.models import (
    JoinPolicy,
    JoinRequestStatus,
    LabAuditAction,
    LabAuditEntry,
    LabJoinRequest,
    LabMembership,
    LabPage,
    LabRole,
    lead_group_name,
)

LEAD_PAGE_PERMISSIONS = ("change_page", "publish_page")


class MembershipError(ValidationError):
    """A membership change that cannot happen, with a message for the person who tried."""


def lab_audit_record(
    *, lab, actor, action, subject=None, subject_email="", detail=""
) -> LabAuditEntry:
    """The audit row every membership change writes (here and in ``invitations``)."""
    return LabAuditEntry.objects.create(
        lab=lab,
        actor=actor,
        action=action,
        subject=subject,
        subject_email=subject_email or (subject.email if subject else ""),
        detail=detail[:500],
    )


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


def lab_membership_add(*, lab, user, role, actor, action) -> LabMembership:
    """The person's membership of ``lab``; a new one is audited and, for a lead, synced to the
    lab's admin group. Runs inside the caller's transaction (a join decision, an invitation)."""
    membership, created = LabMembership.objects.get_or_create(
        lab=lab, user=user, defaults={"role": role}
    )
    if created:
        lab_audit_record(
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
        membership = lab_membership_add(
            lab=lab, user=user, role=role, actor=user, action=LabAuditAction.JOINED
        )
        email_after_commit(
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
    lab_audit_record(
        lab=lab, actor=user, action=LabAuditAction.REQUESTED, subject=user, detail=message[:200]
    )
    email_after_commit(
        to=[user.email],
        template="labs/emails/join_request_received",
        context={"lab": lab, "person": user, "join_request": join_request},
    )
    dashboard_url = absolute_url(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk}))
    for lead in _lab_leads(lab):
        email_after_commit(
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
        lab_membership_add(
            lab=lab,
            user=join_request.user,
            role=join_request.role,
            actor=decided_by,
            action=LabAuditAction.APPROVED,
        )
    else:
        lab_audit_record(
            lab=lab,
            actor=decided_by,
            action=LabAuditAction.DECLINED,
            subject=join_request.user,
            detail=reason,
        )
    email_after_commit(
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
    lab_audit_record(
        lab=join_request.lab, actor=user, action=LabAuditAction.WITHDRAWN, subject=user
    )
    email_after_commit(
        to=[user.email],
        template="labs/emails/join_request_withdrawn",
        context={"lab": join_request.lab, "person": user},
    )
    return join_request


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
    lab_audit_record(
        lab=membership.lab,
        actor=changed_by,
        action=LabAuditAction.ROLE_CHANGED,
        subject=membership.user,
        detail=f"{previous} → {membership.get_role_display()}",
    )
    lab_lead_group_sync(lab=membership.lab)
    email_after_commit(
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
    lab_audit_record(
        lab=lab,
        actor=ended_by,
        action=LabAuditAction.LEFT if leaving else LabAuditAction.REMOVED,
        subject=person,
        detail=reason,
    )
    if was_lead:
        lab_lead_group_sync(lab=lab)
    email_after_commit(
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
    membership = lab_membership_add(
        lab=lab, user=user, role=LabRole.LEAD, actor=appointed_by, action=LabAuditAction.JOINED
    )
    if membership.role != LabRole.LEAD:
        membership = lab_membership_role_change(
            membership=membership, role=LabRole.LEAD, changed_by=appointed_by
        )
    lab_lead_group_sync(lab=lab)
    return membership
