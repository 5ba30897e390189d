"""Files in a project space: uploads, new versions and downloads in the activity record."""

import logging
from datetime import datetime, time

from django.db import OperationalError, transaction
from django.db.models import Max
from django.utils import timezone

from core.middleware import database_busy
from labs.models import (
    SPACE_FILE_POLICY,
    ActivityVerb,
    ProjectSpace,
    SpaceActivity,
    SpaceFile,
    SpaceFileVersion,
)
from labs.services.spaces import activity_record, require_commenter, require_writer

logger = logging.getLogger(__name__)


def _store_version(*, file: SpaceFile, upload, uploaded_by) -> SpaceFileVersion:
    content_type = SPACE_FILE_POLICY.check(upload)
    number = (file.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = SpaceFileVersion(
        file=file,
        number=number,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=content_type,
        uploaded_by=uploaded_by,
    )
    version.content.save(upload.name, upload, save=False)
    version.save()
    return version


@transaction.atomic
def space_file_upload(
    *, space: ProjectSpace, uploaded_by, upload, name: str = "", post=None, quiet: bool = False
) -> SpaceFile:
    # An attachment to a post is part of a comment, which the supervisor may make too.
    if post is not None:
        require_commenter(space=space, user=uploaded_by)
    else:
        require_writer(space=space, user=uploaded_by)
    SPACE_FILE_POLICY.check(upload)
    file = SpaceFile.objects.create(
        space=space, name=(name or upload.name)[:255], post=post, created_by=uploaded_by
    )
    _store_version(file=file, upload=upload, uploaded_by=uploaded_by)
    if not quiet:
        activity_record(
            space=space,
            actor=uploaded_by,
            verb=ActivityVerb.UPLOADED_FILE,
            summary=file.name,
            target_url=file.get_absolute_url(),
        )
    return file


@transaction.atomic
def space_file_replace(*, file: SpaceFile, uploaded_by, upload) -> SpaceFileVersion:
    """Add a new version; earlier versions stay downloadable."""
    file = SpaceFile.objects.select_for_update().select_related("space").get(pk=file.pk)
    require_writer(space=file.space, user=uploaded_by)
    version = _store_version(file=file, upload=upload, uploaded_by=uploaded_by)
    file.updated_at = timezone.now()
    file.save(update_fields=["updated_at"])
    activity_record(
        space=file.space,
        actor=uploaded_by,
        verb=ActivityVerb.REPLACED_FILE,
        summary=f"{file.name} (v{version.number})",
        target_url=file.get_absolute_url(),
    )
    return version


def space_file_download_record(*, version: SpaceFileVersion, downloaded_by) -> SpaceActivity | None:
    """Note in the space's activity that ``downloaded_by`` fetched ``version`` (once a day).

    Runs on every download, a read request. A repeat download the same day (on the site's
    clock) only reads; the first writes one row in a transaction of its own, and does not
    touch the space's "updated" time. When the database is too busy to take that write
    (SQLite's single write lock held past the busy timeout), the note is dropped rather than
    the download. Two first downloads racing each other may both be noted; that is harmless.
    """
    file = version.file
    today = timezone.localtime(timezone=timezone.get_default_timezone()).date()
    since = timezone.make_aware(datetime.combine(today, time.min), timezone.get_default_timezone())
    entry = {
        "space_id": file.space_id,
        "actor": downloaded_by,
        "verb": ActivityVerb.DOWNLOADED_FILE,
        "summary": f"{file.name} (v{version.number})"[:300],
        "target_url": file.get_absolute_url()[:300],
    }
    if SpaceActivity.objects.filter(**entry, created_at__gte=since).exists():
        return None
    try:
        with transaction.atomic():
            return SpaceActivity.objects.create(**entry)
    except OperationalError as error:
        if not database_busy(error):
            raise
        logger.warning("Download of file %s not noted in its activity: %s", file.pk, error)
        return None
