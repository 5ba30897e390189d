"""Sending the platform's emails: one template pair per message, text and HTML.

``EMAIL_BACKEND`` is django-mailer's database queue, so "sending" writes the message to the
outbox; ``manage.py deliver_email`` delivers it (and retries it while the mail server is down).
"""

import contextlib
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

logger = logging.getLogger("policylab.emails")


def render_plain_text(template_name: str, context: dict) -> str:
    """A text/plain template rendered without HTML escaping: ``Q&A`` stays ``Q&A``.

    Plain text is never read as HTML, so escaping only garbles it (``Q&amp;A``). The
    HTML alternative, when there is one, is rendered with escaping as usual.
    """
    return get_template(template_name).template.render(Context(context, autoescape=False))


def email_send(
    *, to: list[str], template: str, context: dict, reply_to: list[str] | None = None
) -> int:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and (if present) ``<template>.html``.

    ``template`` is a path prefix such as ``"labs/emails/membership_approved"``. Recipients
    with no address (deleted accounts) are skipped. Each recipient reads the message in the
    language on their profile: one message per language among the recipients.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    sent = 0
    for language, addresses in recipients_by_language(recipients).items():
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
        sent += message.send()
    return sent


def recipients_by_language(addresses: list[str]) -> dict[str, list[str]]:
    """Addresses grouped by their owner's profile language; the site's default for the rest."""
    from .models import Profile

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


def emails_after_commit(send: Callable[[], object]) -> None:
    """Run ``send`` (which calls ``email_send``) once the surrounding transaction commits.

    A rolled-back change sends nothing. The action is already saved when ``send`` runs, so a
    failure to queue is logged instead of turning a saved action into an error page (the
    person would resubmit and post twice).
    """
    transaction.on_commit(send, robust=True)


def email_send_after_commit(
    *, to: list[str], template: str, context: dict, reply_to: list[str] | None = None
) -> None:
    """``email_send`` once the surrounding transaction commits (see ``emails_after_commit``)."""
    emails_after_commit(
        functools.partial(email_send, to=to, template=template, context=context, reply_to=reply_to)
    )
