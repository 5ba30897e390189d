"""Where uploaded files live: public media (served by URL) or private media (never by URL).

``PrivateFileStorage`` is a folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT) with no URL: files
there are streamed only by views that check who is asking (space files, proposal
attachments, Wagtail documents of restricted collections).

``MediaStorage`` is the site's default storage. It hands every name to the configured public
backend (local MEDIA_ROOT or S3), except names under ``PRIVATE_PREFIX``, which it keeps in the
private folder. Wagtail documents use the default storage, so a document whose collection is
restricted (a submission under moderation) gets a ``private/…`` name (see core.documents) and
nothing under MEDIA_ROOT, or in the bucket, is unpublished.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.module_loading import import_string

PRIVATE_PREFIX = "private/"


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
        raise NotImplementedError(
            "Private files have no public URL; use a permission-checked view."
        )


def is_private_name(name: str) -> bool:
    return (name or "").startswith(PRIVATE_PREFIX)


def private_name(name: str) -> str:
    return name if is_private_name(name) else PRIVATE_PREFIX + name


def public_name(name: str) -> str:
    return name[len(PRIVATE_PREFIX) :] if is_private_name(name) else name


class MediaStorage(Storage):
    """The public backend for ordinary names, the private folder for ``private/…`` names."""

    def __init__(self, public: dict | None = None):
        public = public or {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        self.public = import_string(public["BACKEND"])(**public.get("OPTIONS", {}))
        self.private = PrivateFileStorage()

    def _for(self, name: str) -> Storage:
        return self.private if is_private_name(name) else self.public

    def open(self, name, mode="rb"):
        return self._for(name).open(name, mode)

    def save(self, name, content, max_length=None):
        return self._for(name).save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self._for(filename).generate_filename(filename)

    def get_valid_name(self, name):
        return self.public.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self._for(name).get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self._for(name).delete(name)

    def exists(self, name):
        return self._for(name).exists(name)

    def listdir(self, path):
        return self._for(path).listdir(path)

    def size(self, name):
        return self._for(name).size(name)

    def url(self, name):
        return self._for(name).url(name)

    def path(self, name):
        return self._for(name).path(name)

    def get_accessed_time(self, name):
        return self._for(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._for(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._for(name).get_modified_time(name)


def file_move(storage: Storage, name: str, *, private: bool) -> str:
    """Copy ``name`` to its private (or public) place in ``storage``, delete the old copy, and
    return the new name. A file already in place, or missing, is left as it is."""
    target = private_name(name) if private else public_name(name)
    if target == name or not storage.exists(name):
        return name
    with storage.open(name, "rb") as handle:
        target = storage.save(target, handle)
    storage.delete(name)
    return target
