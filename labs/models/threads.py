"""A project space's discussion: threads, their posts and each post's earlier versions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MarkdownField, RenderedMarkdownField
from core.html_sanitize import mentioned_handles
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.validators import SingleLineTextMixin

#: Milestones show their description as plain text, a line or two under the title.
from .spaces import ProjectSpace, SpaceMembership


class Thread(SingleLineTextMixin, models.Model):
    space = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_post_at"]
        verbose_name = _("discussion thread")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "labs:thread_detail", kwargs={"space_id": self.space_id, "thread_id": self.pk}
        )


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="space_posts"
    )
    body = MarkdownField(
        _("message"), max_length=MAX_POST_MARKDOWN_LENGTH, help_text=_("Markdown.")
    )
    body_html = RenderedMarkdownField(source="body", mention_links="mention_links")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")

    def __str__(self) -> str:
        return f"Post #{self.pk} in {self.thread}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    def mention_links(self) -> dict[str, str]:
        """Where each @mention of a current member of the space links to (when saved).

        The link stays inside the space (``labs:space_person``), which decides on each click
        whether the reader may see the person's profile; mentions of anyone else stay text.
        """
        handles = mentioned_handles(self.body)
        if not handles:
            return {}
        space_id = self.thread.space_id
        usernames = SpaceMembership.objects.filter(
            space_id=space_id, user__deleted_at__isnull=True
        ).values_list("user__username", flat=True)
        # Spaces are small; matching in Python keeps handles case-insensitive everywhere.
        return {
            username.lower(): reverse(
                "labs:space_person", kwargs={"space_id": space_id, "username": username}
            )
            for username in usernames
            if username.lower() in handles
        }


class PostRevision(models.Model):
    """The text a post had before an edit; kept so the thread's history stays honest."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = MarkdownField(max_length=MAX_POST_MARKDOWN_LENGTH)
    body_html = RenderedMarkdownField(source="body")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier text of post #{self.post_id}"
