"""Policymaker verification: a person asks, a moderator verifies and grants the status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validators import SingleLineTextMixin


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    APPROVED = "approved", _("Verified")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class PolicymakerVerification(SingleLineTextMixin, models.Model):
    """A request for policymaker status. An approved, unrevoked one makes a verified policymaker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="policymaker_verifications",
    )
    agency = models.ForeignKey(
        "network.PartnerPage",
        verbose_name=_("agency in the network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency_name = models.CharField(
        _("agency"),
        max_length=200,
        help_text=_("The ministry, department or authority you work for."),
    )
    position = models.CharField(_("position"), max_length=200)
    official_email = models.EmailField(
        _("official email"), help_text=_("Your government address, so moderators can check it.")
    )
    note = models.TextField(
        _("note to the moderators"), max_length=1000, blank=True, help_text=_("Optional.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(
        _("message to the person"),
        blank=True,
        help_text=_("Sent with the decision, e.g. why it was declined."),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("policymaker verification")
        verbose_name_plural = _("policymaker verifications")
        constraints = [
            # One open request per person: a double-submitted form cannot queue two.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="challenges_one_pending_verification_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.position}, {self.agency_name}"


class AgencyProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ProposedAgency(SingleLineTextMixin, models.Model):
    """A government agency a policymaker named in a brief because it is not in the network yet.

    Moderators approve or decline it in the admin; a brief shows it only once approved.
    """

    name = models.CharField(_("agency name"), max_length=200)
    country = models.ForeignKey(
        "core.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgencyProposalStatus.choices,
        default=AgencyProposalStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed agency")
        verbose_name_plural = _("proposed agencies")

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def is_approved(self) -> bool:
        return self.status == AgencyProposalStatus.APPROVED
