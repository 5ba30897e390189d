"""Public engagement around a challenge: questions and answers, updates, followers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import MarkdownField, RenderedMarkdownField
from core.validators import SingleLineTextMixin


class ChallengeQuestion(models.Model):
    """A question a signed-in person asks about a brief; public once an owner answers it."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("question"), max_length=2000)
    answer = MarkdownField(_("answer"), blank=True, max_length=5000)
    answer_html = RenderedMarkdownField(source="answer")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by a moderator (spam, abuse).")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("question")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_answered(self) -> bool:
        return bool(self.answered_at)


class ChallengeUpdate(SingleLineTextMixin, models.Model):
    """A news item an owner posts on the brief (extension, clarification, result)."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = MarkdownField(_("update"), max_length=5000, help_text=_("Markdown."))
    body_html = RenderedMarkdownField(source="body")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("challenge update")

    def __str__(self) -> str:
        return self.title


class ChallengeFollower(models.Model):
    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="followers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_challenges"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="challenges_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.challenge}"


class DeadlineExtension(models.Model):
    """An owner (or moderator) moved a live brief's proposal deadline: the public record of it,
    shown in the brief's timeline next to the deadline, with the update that announced it."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage", on_delete=models.CASCADE, related_name="deadline_extensions"
    )
    previous_deadline = models.DateTimeField(_("previous deadline"), null=True, blank=True)
    new_deadline = models.DateTimeField(_("new deadline"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    update = models.OneToOneField(
        ChallengeUpdate,
        verbose_name=_("announcement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deadline_extension",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return f"{self.challenge} → {self.new_deadline:%Y-%m-%d %H:%M}"
