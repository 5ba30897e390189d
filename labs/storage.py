"""Storage for project-space files: a directory outside MEDIA_ROOT with no public URL.

Files are only ever streamed by ``labs.views.files.file_download`` after a membership
check, so the storage deliberately has no ``base_url``.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    def url(self, name):  # pragma: no cover - guard against accidental public links
        raise NotImplementedError("Private space files have no public URL; use the download view.")


def private_storage() -> PrivateFileStorage:
    """Resolved at call time so tests and deployments can point PRIVATE_MEDIA_ROOT elsewhere."""
    return PrivateFileStorage(location=settings.PRIVATE_MEDIA_ROOT)
