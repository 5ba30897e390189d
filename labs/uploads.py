"""What may be uploaded to a project space: size and type rules shared by forms and services.

Files are always served as attachments with ``nosniff``, but we still refuse types that a
browser could run or render as active content (HTML, SVG, XML, scripts, executables).
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_EXTENSIONS = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "csv": "text/csv",
    "txt": "text/plain",
    "md": "text/markdown",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "zip": "application/zip",
}
# Leading bytes that mark active content whatever the file claims to be.
ACTIVE_CONTENT_MARKERS = (b"<!doctype html", b"<html", b"<svg", b"<script", b"<?xml", b"<body")
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "LABS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def upload_extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def validate_space_upload(upload) -> None:
    """Raise ValidationError with a message a person can act on."""
    name = getattr(upload, "name", "") or ""
    extension = upload_extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise ValidationError(
            _("“%(name)s” is not an accepted file type. Accepted: %(allowed)s.")
            % {"name": PurePath(name).name, "allowed": allowed},
            code="file_type",
        )
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the limit is %(limit)s.")
            % {
                "name": PurePath(name).name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    head = upload.read(512)
    upload.seek(0)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(EXECUTABLE_SIGNATURES) or any(
        stripped.startswith(marker) for marker in ACTIVE_CONTENT_MARKERS
    ):
        raise ValidationError(
            _("“%(name)s” looks like a web page, script or program, which cannot be shared.")
            % {"name": PurePath(name).name},
            code="file_active_content",
        )


def content_type_for(name: str) -> str:
    return ALLOWED_EXTENSIONS.get(upload_extension(name), "application/octet-stream")
