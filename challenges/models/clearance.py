"""Clearance: a challenge's owners decide on a finding from a space that answers their challenge
before it reaches the site's moderators, and may hold its publication until an embargo date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: What an owner's note to the team may hold.
CLEARANCE_NOTE_MAX_LENGTH = 4000


class ClearanceStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting clearance")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    CLEARED = "cleared", _("Cleared")
    DECLINED = "declined", _("Declined")


class ClearanceDecision(models.TextChoices):
    CLEAR = "clear", _("Clear for publication")
    CHANGES = "changes", _("Clear with changes: the team revises and resubmits")
    DECLINE = "decline", _("Decline")


class FindingClearance(models.Model):
    """One finding's way through its challenge's clearance; the latest decision is kept here and
    every step in the space's activity record."""

    finding = models.OneToOneField(
        "knowledge.FindingPage", on_delete=models.CASCADE, related_name="clearance"
    )
    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="finding_clearances"
    )
    space = models.ForeignKey(
        "labs.ProjectSpace", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClearanceStatus.choices, default=ClearanceStatus.PENDING
    )
    note = models.TextField(_("note to the team"), blank=True, max_length=CLEARANCE_NOTE_MAX_LENGTH)
    embargo_until = models.DateField(_("embargoed until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("finding clearance")

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.finding_id} · {self.challenge_id}"

    @property
    def is_open(self) -> bool:
        """Waiting for the owners' decision."""
        return self.status == ClearanceStatus.PENDING
