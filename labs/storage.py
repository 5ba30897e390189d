"""Storage for project-space files: the private folder (core.storage), with no public URL.

Files are only ever streamed by ``labs.views.files.file_download`` after a membership check.
"""

from core.storage import PrivateFileStorage


def private_storage() -> PrivateFileStorage:
    return PrivateFileStorage()
