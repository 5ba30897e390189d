"""Text of attached PDFs, with caps so one huge or hostile file cannot stall publishing.

Reading a PDF is the worker's job: while a request indexes a page (``pdf_reading_deferred``),
a PDF whose text is not cached yet is left out and its page re-indexed by the worker, which
reads it (``indexing.page_sync``).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator

from django.core.cache import cache

from . import conf

logger = logging.getLogger(__name__)

_deferred: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "pdf_reading_deferred", default=None
)


@contextlib.contextmanager
def pdf_reading_deferred() -> Iterator[set]:
    """Inside, PDFs not read yet are skipped; the yielded set collects their document ids."""
    skipped: set = set()
    token = _deferred.set(skipped)
    try:
        yield skipped
    finally:
        _deferred.reset(token)


def _document_of(obj):
    """Accept a Wagtail document or an orderable row pointing at one (``row.document``)."""
    if hasattr(obj, "file") and hasattr(obj, "collection"):
        return obj
    return getattr(obj, "document", None)


def _is_public_document(document) -> bool:
    collection = getattr(document, "collection", None)
    if collection is None:
        return True
    return not collection.get_view_restrictions().exists()


def attachment_text(obj) -> str:
    document = _document_of(obj)
    if document is None or not document.file or not _is_public_document(document):
        return ""
    title = getattr(document, "title", "") or ""
    name = document.file.name or ""
    if not name.lower().endswith(".pdf"):
        return title
    cache_key = f"search:pdf-text:{document.pk}:{getattr(document, 'file_hash', '') or name}"
    cached = cache.get(cache_key)
    if cached is not None:
        return f"{title} {cached}"
    skipped = _deferred.get()
    if skipped is not None:
        skipped.add(document.pk)
        return title
    text = extract_pdf_text(document.file)
    cache.set(cache_key, text, 24 * 3600)
    return f"{title} {text}"


def extract_pdf_text(file) -> str:
    """Text of the first ``PDF_MAX_PAGES`` pages; empty for oversized or unreadable files."""
    try:
        size = file.size
    except OSError:
        return ""
    if size > conf.PDF_MAX_BYTES:
        logger.info("search: skipping PDF text of %s (%s bytes, over the cap)", file.name, size)
        return ""
    try:
        # Imported on first use: pypdf costs ~90 ms to import, and only the worker reads PDFs.
        from pypdf import PdfReader

        file.open("rb")
        try:
            reader = PdfReader(file)
            if reader.is_encrypted:
                return ""
            parts, total = [], 0
            for page in reader.pages[: conf.PDF_MAX_PAGES]:
                text = page.extract_text() or ""
                parts.append(text)
                total += len(text)
                if total >= conf.ATTACHMENT_MAX_CHARS:
                    break
        finally:
            file.close()
    except Exception:  # a broken PDF must never break publishing
        logger.warning("search: could not read PDF %s", getattr(file, "name", "?"), exc_info=True)
        return ""
    return " ".join(" ".join(parts).split())[: conf.ATTACHMENT_MAX_CHARS]
