"""Cohorts: a term of a lab's students with their supervisors, the teams (project spaces) they
work in, and the deliverables a team hands to its supervisor for sign-off.

A team's supervisor is not stored here: it is the space's membership with the supervisor role
(``SpaceRole.SUPERVISOR``), so that access to the space, and its end, follow the one rule every
space view already reads on each request.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import SingleLineTextMixin

#: Summaries and sign-off comments are plain text, a paragraph or a few.
DELIVERABLE_TEXT_MAX_LENGTH = 2000


class Cohort(SingleLineTextMixin, models.Model):
    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisors"),
        blank=True,
        related_name="supervised_cohorts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-term_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="labs_cohort_term_in_order",
            )
        ]
        verbose_name = _("cohort")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("labs:cohort_detail", kwargs={"lab_id": self.lab_id, "cohort_id": self.pk})


class CohortEnrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="labs_cohort_enrolment_unique")
        ]
        verbose_name = _("cohort enrolment")

    def __str__(self) -> str:
        return f"{self.user} · {self.cohort}"


class CohortTeam(models.Model):
    """A project space working as one of the cohort's teams; a space is in one cohort at most."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="teams")
    space = models.OneToOneField(
        "labs.ProjectSpace", on_delete=models.CASCADE, related_name="cohort_team"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("cohort team")

    def __str__(self) -> str:
        return f"{self.space} · {self.cohort}"


class DeliverableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready for sign-off")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class Deliverable(SingleLineTextMixin, models.Model):
    space = models.ForeignKey(
        "labs.ProjectSpace", on_delete=models.CASCADE, related_name="deliverables"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        max_length=DELIVERABLE_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(DELIVERABLE_TEXT_MAX_LENGTH)],
    )
    files = models.ManyToManyField(
        "labs.SpaceFile", verbose_name=_("files"), blank=True, related_name="deliverables"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("deliverable")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "labs:deliverable_detail",
            kwargs={"space_id": self.space_id, "deliverable_id": self.pk},
        )

    @property
    def can_be_marked_ready(self) -> bool:
        return self.status in (DeliverableStatus.DRAFT, DeliverableStatus.CHANGES_REQUESTED)

    @property
    def is_approved(self) -> bool:
        return self.status == DeliverableStatus.APPROVED


class SignOffDecision(models.TextChoices):
    APPROVE = "approved", _("Approve")
    REQUEST_CHANGES = "changes_requested", _("Request changes")


class DeliverableSignOff(models.Model):
    """One decision of the supervisor on a deliverable; the list is its review history."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="sign_offs")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=SignOffDecision.choices)
    comment = models.TextField(
        _("comments"),
        blank=True,
        max_length=DELIVERABLE_TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(DELIVERABLE_TEXT_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deliverable sign-off")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.deliverable}"
