"""What happened after selection: manual end states and the agency's recorded response."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import MarkdownField, RenderedMarkdownField
from core.validators import SingleLineTextMixin

#: Responses that count as uptake: the work changed what government does.
UPTAKE_KINDS = ("piloted", "adopted")


class ManualState(models.TextChoices):
    FOLLOW_TIMELINE = "", _("Follow the timeline")
    COMPLETED = "completed", _("Completed")
    CLOSED_WITHOUT_AWARD = "closed", _("Closed without award")


class ChallengeOutcome(models.Model):
    """Operational state kept outside page revisions so front-end actions never fight the editor."""

    challenge = models.OneToOneField(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="outcome"
    )
    manual_state = models.CharField(
        _("manual state"), max_length=10, choices=ManualState.choices, blank=True, default=""
    )
    closing_note = models.TextField(
        _("closing note"),
        blank=True,
        help_text=_("Shown publicly when the challenge is closed or completed."),
    )
    selection_finalised_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("challenge outcome")

    def __str__(self) -> str:
        return f"Outcome of {self.challenge}"


class AgencyResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PILOTED = "piloted", _("Piloted")
    ADOPTED = "adopted", _("Adopted into policy")
    DECLINED = "declined", _("Declined")


class AgencyResponse(SingleLineTextMixin, models.Model):
    """The issuing agency's response to the work: the uptake record the platform tracks."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="agency_responses"
    )
    kind = models.CharField(_("response"), max_length=10, choices=AgencyResponseKind.choices)
    responded_on = models.DateField(_("date"))
    statement = MarkdownField(_("statement"), max_length=4000, help_text=_("Markdown."))
    statement_html = RenderedMarkdownField(source="statement")
    document_url = models.URLField(_("link to the official document"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-responded_on", "-created_at"]
        verbose_name = _("agency response")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.challenge}"
