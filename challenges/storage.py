"""Proposal attachments live under PRIVATE_MEDIA_ROOT, never under a public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_proposal_storage() -> FileSystemStorage:
    # A callable so the path is read from settings at runtime (tests point it at a tmp dir).
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
