"""Private project spaces: the space, its members, files and activity.

Milestones and tasks are in ``tasks``, threads and posts in ``threads``.

Spaces are plain Django models, not Wagtail pages, so nothing of them can reach the page
tree, the public search index, sitemaps, feeds or the pages API.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from core.fields import MarkdownField, RenderedMarkdownField
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.uploads import FILE_KINDS, UploadPolicy
from core.validators import SingleLineTextMixin
from labs.storage import private_storage

#: What a space accepts: every kind the product knows, up to LABS_MAX_UPLOAD_BYTES each.
SPACE_FILE_POLICY = UploadPolicy(tuple(FILE_KINDS), max_bytes_setting="LABS_MAX_UPLOAD_BYTES")


class SpaceStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ARCHIVED = "archived", _("Archived")


class ProjectSpace(SingleLineTextMixin, models.Model):
    lab = models.ForeignKey("labs.LabPage", on_delete=models.PROTECT, related_name="spaces")
    title = models.CharField(_("title"), max_length=200)
    goal = MarkdownField(
        _("goal"),
        max_length=MAX_POST_MARKDOWN_LENGTH,
        help_text=_("Markdown. What the team sets out to do."),
    )
    goal_html = RenderedMarkdownField(source="goal")
    status = models.CharField(
        _("status"), max_length=20, choices=SpaceStatus.choices, default=SpaceStatus.PLANNING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_listed = models.BooleanField(
        _("list title and status on the lab page"),
        default=False,
        help_text=_("Only the title and status become public; everything else stays private."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("project space")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labs:space_detail", kwargs={"space_id": self.pk})

    @property
    def challenge(self):
        """The governance challenge this space answers, if it came from a selected proposal.

        The link lives on the challenges side (``Proposal.project_space``) because challenges
        sit above labs in the layering.
        """
        proposal = getattr(self, "source_proposal", None)
        return proposal.challenge if proposal is not None else None

    @property
    def is_archived(self) -> bool:
        return self.status == SpaceStatus.ARCHIVED

    @property
    def is_current(self) -> bool:
        return self.status in (SpaceStatus.PLANNING, SpaceStatus.ACTIVE)


class SpaceRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer (read only)")
    #: Named on a cohort team's space by the lab's lead: reads and comments, signs off
    #: deliverables (labs.models.cohorts).
    SUPERVISOR = "supervisor", _("Supervisor")


class NotificationPreference(models.TextChoices):
    IMMEDIATE = "immediate", _("Email me about each new post")
    DIGEST = "digest", _("One daily digest")
    OFF = "off", _("No emails")


class SpaceMembership(models.Model):
    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SpaceRole.choices, default=SpaceRole.MEMBER
    )
    notification_preference = models.CharField(
        _("email notifications"),
        max_length=20,
        choices=NotificationPreference.choices,
        default=NotificationPreference.IMMEDIATE,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    digest_sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="labs_space_member_unique"),
            models.UniqueConstraint(
                fields=["space"],
                condition=models.Q(role="supervisor"),
                name="labs_space_one_supervisor",
            ),
        ]
        verbose_name = _("space membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.space}"

    @property
    def can_write(self) -> bool:
        return self.role in (SpaceRole.OWNER, SpaceRole.MEMBER)

    @property
    def can_comment(self) -> bool:
        """Writers, and the supervisor, who reads and comments but changes nothing else."""
        return self.can_write or self.is_supervisor

    @property
    def is_owner(self) -> bool:
        return self.role == SpaceRole.OWNER

    @property
    def is_supervisor(self) -> bool:
        return self.role == SpaceRole.SUPERVISOR


class SpaceFile(SingleLineTextMixin, models.Model):
    """A named document in a space; each replacement adds a version, none is thrown away."""

    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("name"), max_length=255)
    post = models.ForeignKey(
        "labs.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("file")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("labs:file_detail", kwargs={"space_id": self.space_id, "file_id": self.pk})

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


def space_file_path(instance: "SpaceFileVersion", filename: str) -> str:
    safe_name = get_valid_filename(PurePath(filename).name)[:100] or "file"
    return f"spaces/{instance.file.space_id}/{uuid.uuid4().hex}/{safe_name}"


class SpaceFileVersion(models.Model):
    file = models.ForeignKey(SpaceFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.FileField(upload_to=space_file_path, storage=private_storage, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="labs_file_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"


class ActivityVerb(models.TextChoices):
    CREATED_SPACE = "created_space", _("created the space")
    UPDATED_SPACE = "updated_space", _("updated the overview")
    ADDED_MEMBER = "added_member", _("added a member")
    REMOVED_MEMBER = "removed_member", _("removed a member")
    CHANGED_ROLE = "changed_role", _("changed a member's role")
    LEFT = "left", _("left the space")
    STARTED_THREAD = "started_thread", _("started a thread")
    POSTED = "posted", _("posted")
    EDITED_POST = "edited_post", _("edited a post")
    ADDED_MILESTONE = "added_milestone", _("added a milestone")
    ADDED_TASK = "added_task", _("added a task")
    UPDATED_TASK = "updated_task", _("updated a task")
    UPLOADED_FILE = "uploaded_file", _("uploaded a file")
    REPLACED_FILE = "replaced_file", _("uploaded a new version")
    DOWNLOADED_FILE = "downloaded_file", _("downloaded a file")
    PROPOSED_FINDING = "proposed_finding", _("proposed a finding for publication")
    CLEARED_FINDING = "cleared_finding", _("cleared a finding for publication")
    FINDING_CHANGES_REQUESTED = "finding_changes", _("asked for changes before clearing a finding")
    DECLINED_FINDING = "declined_finding", _("declined to clear a finding")
    RESUBMITTED_FINDING = "resubmitted_finding", _("resubmitted a finding for clearance")
    ADDED_DELIVERABLE = "added_deliverable", _("added a deliverable")
    EDITED_DELIVERABLE = "edited_deliverable", _("edited a deliverable")
    DELIVERABLE_READY = "deliverable_ready", _("marked a deliverable ready for sign-off")
    APPROVED_DELIVERABLE = "approved_deliverable", _("approved a deliverable")
    REQUESTED_CHANGES = "requested_changes", _("requested changes to a deliverable")
    ASSIGNED_SUPERVISOR = "assigned_supervisor", _("assigned a supervisor")
    REMOVED_SUPERVISOR = "removed_supervisor", _("removed the supervisor")


class SpaceActivity(models.Model):
    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=30, choices=ActivityVerb.choices)
    summary = models.CharField(max_length=300, blank=True)
    target_url = models.CharField(max_length=300, blank=True)
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # A space's newest entries without sorting all of its activity (12 ms at 1,200 rows).
        indexes = [
            models.Index(fields=["space", "-created_at", "-id"], name="labs_activity_newest")
        ]
        verbose_name = _("space activity")
        verbose_name_plural = _("space activity")

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()} {self.summary}"
