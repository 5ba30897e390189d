"""A project space's plan: milestones and the tasks under them."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MarkdownField, RenderedMarkdownField
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.validators import SingleLineTextMixin

#: Milestones show their description as plain text, a line or two under the title.
from .spaces import ProjectSpace

#: Milestones show their description as plain text, a line or two under the title.
MILESTONE_DESCRIPTION_MAX_LENGTH = 2000


class Milestone(SingleLineTextMixin, models.Model):
    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=MILESTONE_DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(MILESTONE_DESCRIPTION_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Task(SingleLineTextMixin, models.Model):
    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="tasks")
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("title"), max_length=200)
    description = MarkdownField(
        _("description"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True, help_text=_("Markdown.")
    )
    description_html = RenderedMarkdownField(source="description")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_tasks",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("task")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labs:task_detail", kwargs={"space_id": self.space_id, "task_id": self.pk})

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date
            and self.status != TaskStatus.DONE
            and self.due_date < timezone.localdate()
        )
