"""Writes of the site's own pages: messages sent through the contact page, and the home page
and section indexes of each language's page tree."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission, Locale, Page, Site

from challenges.models import ChallengeIndexPage
from core.addresses import page_full_url
from core.emails import email_after_commit
from core.moderation import moderator_email_addresses
from knowledge.models import KnowledgeIndexPage
from labs.models import LabIndexPage
from network.models import NetworkIndexPage

from .forms import HONEYPOT_FIELD

if TYPE_CHECKING:
    from .models import ContactPage

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
    email_after_commit(
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


@transaction.atomic
def locale_tree_ensure(*, language_code: str) -> Page:
    """The home page and section indexes of ``language_code``'s locale; returns its home page.

    Translated pages live in their locale's tree (``/bn/knowledge/…`` under the Bengali
    knowledge index), so each language needs its home and indexes before an editor's first
    translation. They start as aliases of the English ones (same content, published with them)
    until an editor translates them; each gets the page permissions its English page gives, so
    moderators edit the same sections in every language and nobody gains anything. Idempotent.
    """

    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    home = Site.objects.get(is_default_site=True).root_page.specific
    sections = [
        page.specific
        for page in home.get_children()
        .type(LabIndexPage, ChallengeIndexPage, KnowledgeIndexPage, NetworkIndexPage)
        .order_by("path")
    ]
    for source in [home, *sections]:
        if source.locale_id == locale.pk:
            continue
        translation = source.get_translation_or_none(locale)
        if translation is None:
            translation = source.copy_for_translation(locale, copy_parents=True, alias=True)
        for permission in GroupPagePermission.objects.filter(page=source):
            GroupPagePermission.objects.get_or_create(
                group_id=permission.group_id, page=translation, permission=permission.permission
            )
    return home.get_translation(locale)
