"""Threads and posts in a project space, their @mentions and the emails they send."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.addresses import absolute_url
from core.emails import email_send, emails_after_commit
from core.html_sanitize import mentioned_handles
from core.text import html_to_plain_text
from labs.models import (
    ActivityVerb,
    NotificationPreference,
    Post,
    PostRevision,
    ProjectSpace,
    SpaceFile,
    Thread,
)
from labs.services.files import space_file_upload
from labs.services.spaces import activity_record, require_commenter, require_writer

logger = logging.getLogger(__name__)


def mentioned_members(*, space: ProjectSpace, body: str, exclude=None) -> list:
    """Members of ``space`` named as @username in ``body``; nobody outside is ever notified."""
    handles = mentioned_handles(body)
    if not handles:
        return []
    # Spaces are small; matching in Python keeps handles case-insensitive on every database.
    return [
        membership.user
        for membership in space.memberships.select_related("user")
        if membership.user.username.lower() in handles
        and membership.user.deleted_at is None
        and (exclude is None or membership.user_id != exclude.pk)
    ]


def _notify_post(
    *, post: Post, mentioned: list, is_new_thread: bool, mentioned_only: bool = False
) -> None:
    """Immediate emails to members who asked for them; digests pick up the rest later.
    ``mentioned_only`` limits them to the people in ``mentioned`` (an edited post).

    All of them are one batch for the worker, which renders and sends them over one connection.
    """
    thread = post.thread
    space = thread.space
    mentioned_ids = {person.pk for person in mentioned}
    recipients = [
        membership.user
        for membership in space.memberships.select_related("user").filter(
            notification_preference=NotificationPreference.IMMEDIATE,
            user__deleted_at__isnull=True,
        )
        if membership.user_id != post.author_id
        and (not mentioned_only or membership.user_id in mentioned_ids)
    ]
    if not recipients:
        return
    thread_url = absolute_url(post.get_absolute_url())
    excerpt = html_to_plain_text(post.body_html)[:600]  # rendered once already, on save
    settings_url = absolute_url(reverse("labs:space_notifications", kwargs={"space_id": space.pk}))

    def send():
        for person in recipients:
            email_send(
                to=[person.email],
                template="labs/emails/space_post",
                context={
                    "space": space,
                    "thread": thread,
                    "post": post,
                    "person": person,
                    "excerpt": excerpt,
                    "thread_url": thread_url,
                    "is_mention": person.pk in mentioned_ids,
                    "is_new_thread": is_new_thread,
                    "settings_url": settings_url,
                },
            )

    emails_after_commit(send)


def _attach_files(*, space, post, author, uploads) -> list[SpaceFile]:
    return [
        space_file_upload(space=space, uploaded_by=author, upload=upload, post=post, quiet=True)
        for upload in uploads
    ]


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, attachments=(), _is_new_thread=False) -> Post:
    space = thread.space
    require_commenter(space=space, user=author)
    post = Post.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    files = _attach_files(space=space, post=post, author=author, uploads=attachments)
    mentioned = mentioned_members(space=space, body=body, exclude=author)
    summary = thread.title
    if files:
        summary += " · " + ", ".join(f.name for f in files)
    activity_record(
        space=space,
        actor=author,
        verb=ActivityVerb.STARTED_THREAD if _is_new_thread else ActivityVerb.POSTED,
        summary=summary,
        target_url=post.get_absolute_url(),
        mentioned=mentioned,
    )
    _notify_post(post=post, mentioned=mentioned, is_new_thread=_is_new_thread)
    return post


@transaction.atomic
def thread_create(*, space: ProjectSpace, author, title: str, body: str, attachments=()) -> Thread:
    require_writer(space=space, user=author)
    thread = Thread.objects.create(space=space, title=title, created_by=author)
    post_create(
        thread=thread, author=author, body=body, attachments=attachments, _is_new_thread=True
    )
    return thread


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    """Only the author edits a post; the previous text is kept as a revision."""
    post = Post.objects.select_for_update().select_related("thread__space").get(pk=post.pk)
    if post.author_id != editor.pk:
        raise PermissionError("Only the author may edit a post.")
    require_writer(space=post.thread.space, user=editor)
    if body == post.body:
        return post
    space = post.thread.space
    already_mentioned = {
        person.pk for person in mentioned_members(space=space, body=post.body, exclude=editor)
    }
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    # People the edit mentions for the first time hear of it as if it were a new post.
    newly_mentioned = [
        person
        for person in mentioned_members(space=space, body=body, exclude=editor)
        if person.pk not in already_mentioned
    ]
    activity_record(
        space=space,
        actor=editor,
        verb=ActivityVerb.EDITED_POST,
        summary=post.thread.title,
        target_url=post.get_absolute_url(),
        mentioned=newly_mentioned,
    )
    if newly_mentioned:
        _notify_post(post=post, mentioned=newly_mentioned, is_new_thread=False, mentioned_only=True)
    return post
