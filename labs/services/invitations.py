"""Lab invitations: by email, with a signed link, used once by the address invited.

Every change is recorded in ``LabAuditEntry`` and emailed to the person concerned.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.emails import email_after_commit
from labs.models import (
    InvitationStatus,
    JoinRequestStatus,
    LabAuditAction,
    LabInvitation,
    LabJoinRequest,
    LabMembership,
    LabPage,
)
from labs.services.membership import MembershipError, lab_audit_record, lab_membership_add

INVITATION_SALT = "labs.invitation"
DEFAULT_INVITATION_DAYS = 14


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


def invitation_is_usable(invitation: LabInvitation) -> bool:
    """Still waiting to be accepted: neither used, withdrawn nor expired."""
    return invitation.status == InvitationStatus.PENDING and not invitation.is_expired


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
    lab_audit_record(
        lab=lab,
        actor=invited_by,
        action=LabAuditAction.INVITED,
        subject_email=email,
        detail=invitation.get_role_display(),
    )
    accept_url = absolute_url(
        reverse("labs:invitation_accept", kwargs={"token": invitation_token(invitation)})
    )
    email_after_commit(
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
    lab_audit_record(
        lab=invitation.lab,
        actor=revoked_by,
        action=LabAuditAction.INVITATION_REVOKED,
        subject_email=invitation.email,
    )
    email_after_commit(
        to=[invitation.email],
        template="labs/emails/invitation_revoked",
        context={"lab": invitation.lab, "invitation": invitation},
    )
    return invitation


def _user_emails(user) -> set[str]:
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
    membership = lab_membership_add(
        lab=invitation.lab,
        user=user,
        role=invitation.role,
        actor=user,
        action=LabAuditAction.INVITATION_ACCEPTED,
    )
    LabJoinRequest.objects.filter(
        lab=invitation.lab, user=user, status=JoinRequestStatus.PENDING
    ).update(status=JoinRequestStatus.APPROVED, decided_at=timezone.now())
    email_after_commit(
        to=[user.email],
        template="labs/emails/membership_welcome",
        context={"lab": invitation.lab, "person": user, "membership": membership},
    )
    return membership
