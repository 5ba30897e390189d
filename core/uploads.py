"""The one upload policy of the product: what a file is, judged by its content, not its name.

Every upload path (project-space files, proposal attachments, case-study and finding
attachments, Wagtail documents) declares an ``UploadPolicy``: the extensions it accepts and its
size limit. ``UploadPolicy.check`` then applies the same rules everywhere:

- the extension must be one the path accepts;
- the content must be what the extension says: binary formats are recognised by their
  signature (the ``filetype`` library), text formats must decode as text and carry no markup;
- programs (Windows, Linux and macOS executables, scripts) and active content (HTML, SVG,
  XML) are refused whatever they are called, because a browser or a desktop could run them.

Files are served by ``core.files.file_response`` as downloads with the type this module
assigns to their extension (never one guessed from the name alone by a browser).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

OOXML_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OOXML_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OOXML_SLIDES = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_TEXT = "application/vnd.oasis.opendocument.text"
ODF_SHEET = "application/vnd.oasis.opendocument.spreadsheet"
ODF_SLIDES = "application/vnd.oasis.opendocument.presentation"


@dataclass(frozen=True)
class FileKind:
    """One accepted format: the type it is served as and how its content is recognised."""

    label: str
    content_type: str
    #: Types ``filetype`` reports for a genuine file of this kind.
    detected: frozenset[str] = frozenset()
    #: Container signature accepted when the library cannot name the format inside (a Word
    #: file saved by a tool whose zip entries come in an unusual order, an old Office file).
    container: bytes = b""
    text: bool = False


def _kind(label, content_type, *detected, container=b"", text=False) -> FileKind:
    return FileKind(label, content_type, frozenset(detected or ()), container, text)


_ZIP_CONTENTS = ("application/zip", OOXML_WORD, OOXML_SHEET, OOXML_SLIDES, ODF_TEXT, ODF_SHEET,
                 ODF_SLIDES, "application/epub+zip")  # fmt: skip

FILE_KINDS: dict[str, FileKind] = {
    "pdf": _kind("PDF", "application/pdf", "application/pdf"),
    "doc": _kind("Word", "application/msword", "application/msword", container=OLE2_SIGNATURE),
    "xls": _kind(
        "Excel", "application/vnd.ms-excel", "application/vnd.ms-excel", container=OLE2_SIGNATURE
    ),
    "ppt": _kind(
        "PowerPoint",
        "application/vnd.ms-powerpoint",
        "application/vnd.ms-powerpoint",
        container=OLE2_SIGNATURE,
    ),
    "docx": _kind("Word", OOXML_WORD, OOXML_WORD, "application/zip", container=ZIP_SIGNATURE),
    "xlsx": _kind("Excel", OOXML_SHEET, OOXML_SHEET, "application/zip", container=ZIP_SIGNATURE),
    "pptx": _kind(
        "PowerPoint", OOXML_SLIDES, OOXML_SLIDES, "application/zip", container=ZIP_SIGNATURE
    ),
    "odt": _kind("OpenDocument", ODF_TEXT, ODF_TEXT, "application/zip", container=ZIP_SIGNATURE),
    "ods": _kind("OpenDocument", ODF_SHEET, ODF_SHEET, "application/zip", container=ZIP_SIGNATURE),
    "odp": _kind(
        "OpenDocument", ODF_SLIDES, ODF_SLIDES, "application/zip", container=ZIP_SIGNATURE
    ),
    "rtf": _kind("RTF", "application/rtf", "application/rtf"),
    "zip": _kind("ZIP", "application/zip", *_ZIP_CONTENTS, container=ZIP_SIGNATURE),
    "png": _kind("PNG", "image/png", "image/png"),
    "jpg": _kind("JPEG", "image/jpeg", "image/jpeg"),
    "jpeg": _kind("JPEG", "image/jpeg", "image/jpeg"),
    "gif": _kind("GIF", "image/gif", "image/gif"),
    "webp": _kind("WebP", "image/webp", "image/webp"),
    "csv": _kind("CSV", "text/csv; charset=utf-8", text=True),
    "txt": _kind("text", "text/plain; charset=utf-8", text=True),
    "md": _kind("Markdown", "text/markdown; charset=utf-8", text=True),
}

#: Leading bytes of programs: Windows (PE/DOS), Linux (ELF), macOS (Mach-O, both byte orders,
#: 32/64-bit, universal), and scripts (a shebang line).
EXECUTABLE_SIGNATURES = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
#: What ``filetype`` calls programs and browser-run content.
EXECUTABLE_TYPES = {
    "application/x-msdownload",
    "application/x-executable",
    "application/x-mach-binary",
    "application/x-shockwave-flash",
    "application/wasm",
    "application/x-sh",
}
#: Markup a browser would render or run. Text files are searched for these anywhere: a
#: ``.txt`` holding a page is still a page to a browser that sniffs.
_ACTIVE_MARKUP = (
    r"<\s*(?:!doctype|\?xml|xsl:|(?:html|head|body|script|iframe|frame|frameset|svg|object|"
    r"embed|applet|meta|link|base|style|form|math)(?=[\s/>]))"
)
ACTIVE_MARKUP_TEXT = re.compile(_ACTIVE_MARKUP, re.IGNORECASE)
ACTIVE_MARKUP_BYTES = re.compile(_ACTIVE_MARKUP.encode(), re.IGNORECASE)
#: How much of a binary file is read to recognise it (``filetype`` looks at 8 KiB).
SNIFF_BYTES = 8192
#: Text files are checked whole up to this size (larger ones in their first part).
TEXT_CHECK_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def upload_extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def content_type_for(name: str) -> str:
    """The type a stored file is served as: from this policy, never from a browser's guess."""
    kind = FILE_KINDS.get(upload_extension(name))
    return kind.content_type if kind else "application/octet-stream"


def _read_head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_executable(head: bytes) -> bool:
    # DOS/PE headers always hold zero bytes in their first fields; text starting "MZ" does not.
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return True
    return head.startswith(EXECUTABLE_SIGNATURES)


def _decode_text(data: bytes) -> str | None:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the part we read is still text.
        if error.start >= len(data) - 3 and len(data) >= TEXT_CHECK_BYTES:
            return data[: error.start].decode("utf-8-sig")
        return None


@dataclass(frozen=True)
class UploadPolicy:
    """What one upload path accepts; ``check`` raises ``ValidationError`` or returns the type.

    A policy is also a Django validator: a form's ``FileField(validators=[policy])`` refuses
    what ``check`` refuses, with the same messages (``core.forms.UploadField`` does that).
    """

    extensions: tuple[str, ...]
    #: Setting that overrides the size limit (read on every check, so tests may change it).
    max_bytes_setting: str = ""
    default_max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES

    def __post_init__(self):
        unknown = set(self.extensions) - set(FILE_KINDS)
        if unknown:
            raise ValueError(f"No file kind for {sorted(unknown)}; add it to FILE_KINDS.")

    @property
    def max_bytes(self) -> int:
        if self.max_bytes_setting:
            return int(getattr(settings, self.max_bytes_setting, self.default_max_bytes))
        return self.default_max_bytes

    @property
    def accept_attribute(self) -> str:
        """For ``<input type=file accept=…>``: the browser's file chooser shows these first."""
        return ",".join(f".{extension}" for extension in self.extensions)

    def __call__(self, upload) -> None:
        self.check(upload)

    def check(self, upload) -> str:
        """Refuse ``upload`` with a message naming the file and what to do, or return its type."""
        name = PurePath(getattr(upload, "name", "") or "").name
        extension = upload_extension(name)
        if extension not in self.extensions:
            raise ValidationError(
                _("“%(name)s” is not an allowed type. Accepted: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(self.extensions)},
                code="file_type",
            )
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("“%(name)s” is %(size)s; the limit is %(limit)s.")
                % {
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(self.max_bytes),
                },
                code="file_size",
            )
        if not upload.size:
            raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="file_empty")
        kind = FILE_KINDS[extension]
        head = _read_head(upload, SNIFF_BYTES)
        detected = filetype.guess_mime(head)
        stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
        text = _decode_text(_read_head(upload, TEXT_CHECK_BYTES)) if kind.text else None
        if (
            _is_executable(head)
            # ``filetype`` calls anything starting "MZ" a program; text that decodes is not.
            or (detected in EXECUTABLE_TYPES and text is None)
            or ACTIVE_MARKUP_BYTES.match(stripped)
            or (text is not None and ACTIVE_MARKUP_TEXT.search(text))
        ):
            raise ValidationError(
                _("“%(name)s” looks like a web page, script or program, which cannot be shared.")
                % {"name": name},
                code="file_active_content",
            )
        if kind.text:
            if text is None or _CONTROL_CHARACTERS.search(text):
                raise ValidationError(
                    _(
                        "“%(name)s” is not plain text. Save it as UTF-8 text, or give it the "
                        "name of the format it really is."
                    )
                    % {"name": name},
                    code="file_mismatch",
                )
            return kind.content_type
        recognised = detected in kind.detected or (
            detected is None and kind.container and head.startswith(kind.container)
        )
        if not recognised:
            raise ValidationError(
                _(
                    "“%(name)s” is not really a %(kind)s file: its content does not match its "
                    "name. Save or export it again as %(kind)s, or upload it under the name of "
                    "the format it is."
                )
                % {"name": name, "kind": kind.label},
                code="file_mismatch",
            )
        return kind.content_type


def policy_for_extensions(extensions: Iterable[str], **limits) -> UploadPolicy:
    """A policy over the accepted kinds among ``extensions`` (others are dropped), e.g. from
    a setting that may list formats this module does not know."""
    return UploadPolicy(tuple(e for e in extensions if e in FILE_KINDS), **limits)
