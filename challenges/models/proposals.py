"""Team proposals to a challenge, reviewer invitations and weighted scores. Never public."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from challenges.storage import private_proposal_storage
from core.fields import MarkdownField, RenderedMarkdownField
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.uploads import UploadPolicy
from core.validators import SingleLineTextMixin

MAX_CRITERION_SCORE = 10


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Proposals the owner and reviewers may see: the team has sent them in.
SENT_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED,
                 ProposalStatus.DECLINED)  # fmt: skip


class Proposal(SingleLineTextMixin, models.Model):
    """A lab team's answer to a challenge. Drafts are private to the team."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="proposals"
    )
    lab = models.ForeignKey("labs.LabPage", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    approach = MarkdownField(
        _("approach"), max_length=MAX_POST_MARKDOWN_LENGTH, help_text=_("Markdown.")
    )
    approach_html = RenderedMarkdownField(source="approach")
    work_plan = MarkdownField(
        _("timeline and work plan"), max_length=MAX_POST_MARKDOWN_LENGTH, help_text=_("Markdown.")
    )
    work_plan_html = RenderedMarkdownField(source="work_plan")
    experience = MarkdownField(
        _("relevant experience"),
        max_length=MAX_POST_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    experience_html = RenderedMarkdownField(source="experience")
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    feedback_to_team = models.TextField(
        _("feedback to share with the team"),
        blank=True,
        max_length=4000,
        help_text=_("Sent to the team when the selection is announced."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    project_space = models.OneToOneField(
        "labs.ProjectSpace",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_proposal",
        help_text=_("Created once, when the proposal is selected."),
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("proposal")
        constraints = [
            # One proposal per lab per challenge: a double-clicked "start" cannot make two.
            models.UniqueConstraint(
                fields=["challenge", "lab"], name="challenges_one_proposal_per_lab"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATUSES


class ProposalMember(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role in the team"), max_length=120)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="challenges_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


#: What a proposal may carry, judged by content (core.uploads), up to CHALLENGES_MAX_UPLOAD_BYTES.
PROPOSAL_ATTACHMENT_POLICY = UploadPolicy(
    ("pdf", "docx", "odt", "xlsx", "csv", "pptx", "txt", "png", "jpg", "jpeg"),
    max_bytes_setting="CHALLENGES_MAX_UPLOAD_BYTES",
)


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        upload_to="proposals/%Y/%m/", storage=private_proposal_storage, max_length=255
    )
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ReviewerInvitation(models.Model):
    """An owner invites a person to review all sent proposals of one challenge."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="reviewer_invitations"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "reviewer"], name="challenges_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} reviews {self.challenge}"


class Review(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comments = models.TextField(_("overall comments"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="challenges_review_once")
        ]

    def __str__(self) -> str:
        return f"Review of {self.proposal} by {self.reviewer}"

    def weighted_total(self) -> Decimal:
        """0–100: each criterion's score out of 10, times its weight, summed."""
        total = Decimal(0)
        for score in self.scores.all():
            total += Decimal(score.score) * Decimal(score.criterion.weight) / MAX_CRITERION_SCORE
        return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "challenges.JudgingCriterion", on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score (0–10)"), validators=[MaxValueValidator(MAX_CRITERION_SCORE)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="challenges_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.score}"
