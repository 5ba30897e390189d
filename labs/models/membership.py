"""Who belongs to a lab, how they asked or were invited, and the record of every change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LabRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    FACULTY = "faculty", _("Faculty")
    STUDENT = "student", _("Student")
    POLICYMAKER = "policymaker", _("Policymaker partner")


class LabMembership(models.Model):
    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=LabRole.choices, default=LabRole.STUDENT
    )
    is_listed = models.BooleanField(
        _("show me on the lab page"),
        default=True,
        help_text=_("When off, your name does not appear in the lab's public member list."),
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["lab", "user"], name="labs_membership_unique_person")
        ]
        verbose_name = _("lab membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.lab}"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LabJoinRequest(models.Model):
    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_join_requests"
    )
    role = models.CharField(
        _("joining as"), max_length=20, choices=LabRole.choices, default=LabRole.STUDENT
    )
    message = models.TextField(_("message to the leads"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open request per person and lab, enforced by the database so racing
            # double-clicks or parallel tabs cannot create two.
            models.UniqueConstraint(
                fields=["lab", "user"],
                condition=Q(status="pending"),
                name="labs_join_request_one_pending",
            )
        ]
        verbose_name = _("request to join a lab")

    def __str__(self) -> str:
        return f"{self.user} → {self.lab} ({self.get_status_display()})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class LabInvitation(models.Model):
    """An emailed invitation; the link carries a signed, expiring token and works once."""

    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=20, choices=LabRole.choices, default=LabRole.STUDENT
    )
    message = models.TextField(_("personal note"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "email"],
                condition=Q(status="pending"),
                name="labs_invitation_one_pending",
            )
        ]
        verbose_name = _("lab invitation")

    def __str__(self) -> str:
        return f"{self.email} → {self.lab}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class LabAuditAction(models.TextChoices):
    REQUESTED = "requested", _("asked to join")
    APPROVED = "approved", _("approved a request")
    DECLINED = "declined", _("declined a request")
    WITHDRAWN = "withdrawn", _("withdrew a request")
    INVITED = "invited", _("sent an invitation")
    INVITATION_REVOKED = "invitation_revoked", _("revoked an invitation")
    INVITATION_ACCEPTED = "invitation_accepted", _("accepted an invitation")
    JOINED = "joined", _("joined")
    ROLE_CHANGED = "role_changed", _("changed a role")
    LEFT = "left", _("left the lab")
    REMOVED = "removed", _("removed a member")


class LabAuditEntry(models.Model):
    """Append-only: who changed what about a lab's membership, and when."""

    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=LabAuditAction.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_email = models.EmailField(blank=True)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # A lab's newest entries on its manage page without sorting its whole record.
        indexes = [models.Index(fields=["lab", "-created_at", "-id"], name="labs_audit_newest")]
        verbose_name = _("lab audit entry")
        verbose_name_plural = _("lab audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()}"
