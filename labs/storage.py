"""Storage for project-space files: a directory outside MEDIA_ROOT with no public URL.

Files are only ever streamed by ``labs.views.files.file_download`` after a membership
check, so the storage deliberately has no URL.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT on every use, so tests and deployments can move it."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Private space files have no public URL; use the download view.")


def private_storage() -> PrivateFileStorage:
    return PrivateFileStorage()
