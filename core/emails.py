"""Sending the platform's emails: one template pair per message, text and HTML, sent by the worker.

No request renders or sends an email. ``email_after_commit`` (one message, or one per recipient)
and ``emails_after_commit`` (several messages of one action) collect the messages an action causes and, once its transaction commits, enqueue them as one
``emails_deliver`` task: references to the rows in their context, not rendered text. The worker
renders each message in its recipient's language and sends the whole batch over one
connection with the transport ``EMAIL_URL`` names (``EMAIL_TRANSPORT_BACKEND``). What the mail
server refuses is tried again later (``core.background``); what was sent is not sent twice.

Emails rendered by libraries (allauth, Wagtail) reach ``TaskQueueEmailBackend``, the
``EMAIL_BACKEND``, which queues them the same way, already rendered.
"""

import base64
import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django_tasks import task

from .background import retry_later
from .models import Profile

logger = logging.getLogger("policylab.emails")


def render_plain_text(template_name: str, context: dict) -> str:
    """A text/plain template rendered without HTML escaping: ``Q&A`` stays ``Q&A``.

    Plain text is never read as HTML, so escaping only garbles it (``Q&amp;A``). The
    HTML alternative, when there is one, is rendered with escaping as usual.
    """
    return get_template(template_name).template.render(Context(context, autoescape=False))


def email_send(
    *,
    to: list[str],
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
    connection=None,
) -> int:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and (if present) ``<template>.html``.

    ``template`` is a path prefix such as ``"labs/emails/membership_approved"``. Recipients
    with no address (deleted accounts) are skipped. Each recipient reads the message in the
    language on their profile: one message per language among the recipients.

    Called while ``emails_after_commit`` collects (the usual case), it only adds the message
    to the batch the worker will render and send; returns the number of messages.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    batch = getattr(_collecting, "batch", None)
    if batch is not None:
        batch.append(
            {"to": recipients, "template": template, "context": context_freeze(context)}
            | ({"reply_to": reply_to} if reply_to else {})
        )
        return 1
    messages = email_messages(to=recipients, template=template, context=context, reply_to=reply_to)
    return (connection or get_connection()).send_messages(messages) or 0


def email_messages(
    *, to: list[str], template: str, context: dict, reply_to: list[str] | None = None
) -> list[EmailMultiAlternatives]:
    """The rendered messages of ``email_send``: one per language among the recipients."""
    context = {"site_url": settings.SITE_URL, **context}
    messages = []
    for language, addresses in recipients_by_language(to).items():
        with translation.override(language):
            subject = " ".join(render_plain_text(f"{template}_subject.txt", context).split())
            body = render_plain_text(f"{template}.txt", context)
            message = EmailMultiAlternatives(
                subject=f"[Policy Lab Commons] {subject}",
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=addresses,
                reply_to=reply_to,
                headers={"Content-Language": language},
            )
            with contextlib.suppress(TemplateDoesNotExist):
                html = render_to_string(f"{template}.html", context)
                message.attach_alternative(html, "text/html")
        messages.append(message)
    return messages


def recipients_by_language(addresses: list[str]) -> dict[str, list[str]]:
    """Addresses grouped by their owner's profile language; the site's default for the rest."""

    chosen = {
        email.lower(): language
        for email, language in Profile.objects.filter(user__email__in=addresses)
        .exclude(language="")
        .values_list("user__email", "language")
    }
    groups: dict[str, list[str]] = {}
    for address in addresses:
        language = chosen.get(address.lower(), settings.LANGUAGE_CODE)
        groups.setdefault(language, []).append(address)
    return groups


_collecting = threading.local()


def emails_after_commit(send: Callable[[], object]) -> None:
    """Run ``send`` (which calls ``email_send``) once the surrounding transaction commits.

    A rolled-back change sends nothing. The messages ``send`` asks for become one
    ``emails_deliver`` task, so the request neither renders them nor waits for the mail
    server. The action is already saved when ``send`` runs, so a failure to queue is logged
    instead of turning a saved action into an error page (the person would resubmit and post
    twice).
    """
    transaction.on_commit(functools.partial(_enqueue_batch, send), robust=True)


def email_after_commit(
    *,
    to: list[str],
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
    one_each: bool = False,
) -> None:
    """``email_send`` once the surrounding transaction commits (see ``emails_after_commit``).

    With ``one_each``, every address gets its own message (followers, say: nobody sees who else
    receives it); the messages still go to the worker as one batch.
    """
    recipient_lists = [[address] for address in to] if one_each else [to]

    def send() -> None:
        for recipients in recipient_lists:
            email_send(to=recipients, template=template, context=context, reply_to=reply_to)

    emails_after_commit(send)


def _enqueue_batch(send: Callable[[], object]) -> None:
    outer = getattr(_collecting, "batch", None)
    if outer is not None:  # already collecting: the outer batch takes these messages too
        send()
        return
    _collecting.batch = batch = []
    try:
        send()
    finally:
        _collecting.batch = None
    if batch:
        emails_deliver.enqueue(messages=batch)


# --- the worker's side ----------------------------------------------------------------------


@task()
def emails_deliver(*, messages: list[dict], attempt: int = 1) -> int:
    """Render and send ``messages`` over one connection; returns how many went out.

    Each item is either ``{"to", "template", "context", "reply_to"?}`` (rendered here, with the
    rows its context names read now) or ``{"rendered": {...}}`` (queued by
    ``TaskQueueEmailBackend``). If the server fails part-way, the messages not yet sent are
    retried later and this attempt is recorded as failed.
    """
    contexts = context_thaw([item.get("context", {}) for item in messages])
    rendered, unrenderable = [], []
    for item, context in zip(messages, contexts, strict=True):
        try:
            rendered.append(_messages_for(item, context))
        except Exception as exc:
            # A template error would fail every retry too: the others are sent, and this
            # attempt is marked failed below so that the error shows among the failed tasks.
            logger.exception("emails: could not render %s", item.get("template"))
            unrenderable.append(exc)
            rendered.append([])
    sent = position = 0
    connection = get_connection(settings.EMAIL_TRANSPORT_BACKEND)
    try:
        with connection:
            for outgoing in rendered:
                if outgoing:
                    sent += connection.send_messages(outgoing) or 0
                position += 1
    except Exception:
        # The messages before ``position`` went out; the rest wait for the next attempt.
        retry_later(emails_deliver, attempt=attempt, messages=messages[position:])
        raise
    if unrenderable:
        raise EmailNotRendered(
            f"{len(unrenderable)} email(s) could not be rendered; {sent} sent"
        ) from unrenderable[0]
    return sent


class EmailNotRendered(Exception):
    """Some messages of a batch could not be rendered (not retried: they would fail again)."""


def _messages_for(item: dict, context: dict | None) -> list[EmailMultiAlternatives]:
    if "rendered" in item:
        return [message_thaw(item["rendered"])]
    if context is None:
        logger.info("emails: %s skipped, a row it names was deleted", item["template"])
        return []
    return email_messages(
        to=item["to"], template=item["template"], context=context, reply_to=item.get("reply_to")
    )


# --- context as JSON --------------------------------------------------------------------------

_MODEL = "__model__"
_DATE = "__date__"
_DATETIME = "__datetime__"


def context_freeze(value):
    """``value`` as JSON: rows become references (read again when the message is rendered)."""
    if isinstance(value, models.Model):
        return {_MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, models.QuerySet):
        return [context_freeze(row) for row in value]
    if isinstance(value, dict):
        return {str(key): context_freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [context_freeze(item) for item in value]
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"An email context cannot carry {type(value).__name__} to the worker")


def context_thaw(frozen_contexts: list) -> list[dict | None]:
    """The contexts back, each row read once for all of them; None where a row is gone."""
    wanted: dict[str, set] = {}

    def collect(value):
        if isinstance(value, dict):
            if _MODEL in value:
                wanted.setdefault(value[_MODEL], set()).add(value["pk"])
            else:
                for item in value.values():
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(frozen_contexts)
    rows = {label: apps.get_model(label).objects.in_bulk(pks) for label, pks in wanted.items()}

    class Gone(Exception):
        pass

    def thaw(value):
        if isinstance(value, dict):
            if _MODEL in value:
                row = rows[value[_MODEL]].get(value["pk"])
                if row is None:
                    raise Gone
                return row
            if _DATETIME in value:
                return datetime.fromisoformat(value[_DATETIME])
            if _DATE in value:
                return date.fromisoformat(value[_DATE])
            return {key: thaw(item) for key, item in value.items()}
        if isinstance(value, list):
            return [thaw(item) for item in value]
        return value

    contexts: list[dict | None] = []
    for frozen in frozen_contexts:
        try:
            contexts.append(thaw(frozen))
        except Gone:
            contexts.append(None)
    return contexts


# --- messages rendered elsewhere (allauth, Wagtail) -----------------------------------------


def message_freeze(message) -> dict:
    alternatives = [
        {"content": content, "mimetype": mimetype}
        for content, mimetype in getattr(message, "alternatives", [])
    ]
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append(
            {"filename": filename, "content": base64.b64encode(raw).decode(), "mimetype": mimetype}
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": alternatives,
        "attachments": attachments,
    }


def message_thaw(frozen: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=frozen["subject"],
        body=frozen["body"],
        from_email=frozen["from_email"],
        to=frozen["to"],
        cc=frozen["cc"],
        bcc=frozen["bcc"],
        reply_to=frozen["reply_to"],
        headers=frozen["headers"],
    )
    message.content_subtype = frozen["content_subtype"]
    for alternative in frozen["alternatives"]:
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in frozen["attachments"]:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


class TaskQueueEmailBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: every message sent through Django's mail API becomes a queued task.

    The messages of one ``send_messages`` call are one task (one connection in the worker),
    enqueued once the surrounding transaction commits.
    """

    def send_messages(self, email_messages) -> int:
        frozen = [{"rendered": message_freeze(message)} for message in email_messages]
        if not frozen:
            return 0
        batch = getattr(_collecting, "batch", None)
        if batch is not None:
            batch.extend(frozen)
        else:
            transaction.on_commit(lambda: emails_deliver.enqueue(messages=frozen), robust=True)
        return len(frozen)
