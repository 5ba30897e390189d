"""Writes of the site's own pages: messages sent through the contact page."""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission

from core.addresses import page_full_url
from core.emails import email_send_after_commit
from core.moderation import moderator_email_addresses

from .models import HONEYPOT_FIELD, ContactPage

logger = logging.getLogger("policylab.contact")


@transaction.atomic
def contact_message_send(*, page: ContactPage, form, request=None) -> FormSubmission:
    """Keep the message (the admin lists it under Forms) and email it to the site's editors
    once the transaction commits; the sender's address, if the form asks for one, is the
    reply-to, so editors answer with their mail program."""
    data = {key: value for key, value in form.cleaned_data.items() if key != HONEYPOT_FIELD}
    submission = FormSubmission.objects.create(form_data=data, page=page)
    fields = list(page.get_form_fields())
    lines = [(field.label, data.get(field.clean_name, "")) for field in fields]
    reply_to = [
        data[field.clean_name]
        for field in fields
        if field.field_type == "email" and data.get(field.clean_name)
    ][:1]
    recipients = moderator_email_addresses()
    if not recipients:
        logger.warning(
            "Contact message %s kept, but no editor has an email address.", submission.pk
        )
    email_send_after_commit(
        to=recipients,
        template="policylab_site/emails/contact_message",
        context={
            "page_title": page.title,
            "page_url": page_full_url(page, request),
            "lines": lines,
            "submitted_at": submission.submit_time,
        },
        reply_to=reply_to or None,
    )
    return submission
