"""The one way stored files leave the site: as inert downloads.

Whatever a file contains, the browser is told to save it, not to render it: ``attachment``
disposition (with an RFC 5987 ``filename*`` for names outside ASCII), the type the upload
policy assigns to its extension, ``nosniff`` so that type is not second-guessed, and a
sandboxing Content-Security-Policy in case a browser opens it anyway.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

from django.http import FileResponse, Http404

from .uploads import content_type_for

DOWNLOAD_CSP = "sandbox; default-src 'none'"


def safe_download_name(name: str, *, fallback: str = "download") -> str:
    """The last path part of ``name`` with control and separator characters removed."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = "".join(
        character
        for character in unicodedata.normalize("NFC", base)
        if unicodedata.category(character)[0] != "C" and character not in '/\\"'
    ).strip(" .")
    return cleaned[:200] or fallback


def file_response(file, *, filename: str, private: bool = True) -> FileResponse:
    """Stream ``file`` (a Django ``File``/``FieldFile``) as a download named ``filename``.

    ``private`` responses are never stored by shared caches; public ones may be.
    A file missing from storage answers 404, like a file that never existed.
    """
    name = safe_download_name(filename)
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=content_type_for(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response
