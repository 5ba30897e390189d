"""Proposal attachments live under PRIVATE_MEDIA_ROOT, never under a public URL."""

from core.storage import PrivateFileStorage


def private_proposal_storage() -> PrivateFileStorage:
    # The private storage reads PRIVATE_MEDIA_ROOT on every use and has no URL; files are
    # streamed only by challenges.views.proposals.attachment_download after a permission check.
    return PrivateFileStorage()
