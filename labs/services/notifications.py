"""Absolute links for labs emails (sent with ``core.emails.email_send_after_commit``)."""

from django.conf import settings


def absolute_url(url: str) -> str:
    return f"{settings.SITE_URL}{url}"
