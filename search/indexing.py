"""Keeping every engine's copy in step with the page tree: a page and its subtree when they are
published, moved or restricted, and the pages whose documents draw on a changed object.

Which pages are searchable, and the document each becomes, is ``search.documents``.
"""

from __future__ import annotations

import logging
import threading

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from core import search_port
from core.background import enqueue_after_commit, retry_later

from . import service
from .adapters import ADAPTERS
from .attachments import pdf_reading_deferred
from .documents import BATCH_SIZE, document_batches, document_for

logger = logging.getLogger(__name__)


def subtree_sync(page) -> None:
    """Re-evaluate ``page`` and its descendants (after a move or a privacy change)."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    for documents, removed in document_batches(pages):
        service.index_documents(documents)
        service.remove_pages(removed)


def page_sync(page_id: int) -> None:
    """Index or remove one page now (publishing), its attached PDFs read by the worker.

    The document is written at once without the text of PDFs not read yet; the worker reads
    them and indexes the page again with their text.
    """
    if search_port.page_index_write_deferred(page_id):
        return  # written with the others at the end of the block (pages_sync)
    page = Page.objects.filter(pk=page_id).specific().first()
    with pdf_reading_deferred() as unread_pdfs:
        document = document_for(page) if page is not None else None
    if document is None:
        service.remove_pages([page_id])
    else:
        service.index_documents([document])
    if unread_pdfs:
        enqueue_after_commit(dependants_sync, page_ids=[page_id])


# --- dependants -----------------------------------------------------------------------------


def dependency_sources() -> list[type]:
    """Every model some adapter draws document values from (see adapters.DependsOn)."""
    models = []
    for adapter in ADAPTERS.values():
        for dependency in adapter.depends_on:
            model = apps.get_model(dependency.model_label)
            if model not in models:
                models.append(model)
    return models


def dependant_page_ids(instance) -> set[int]:
    """Live pages whose documents are built from ``instance`` (a partner, a lab, a theme)."""
    ids: set[int] = set()
    for adapter in ADAPTERS.values():
        model = apps.get_model(adapter.model_label)
        for dependency in adapter.depends_on:
            source = apps.get_model(dependency.model_label)
            if not isinstance(instance, source):
                continue
            pages = model.objects.live() if issubclass(model, Page) else model.objects.all()
            try:
                ids.update(
                    pages.filter(**{dependency.lookup: instance.pk})
                    .order_by()
                    .values_list("pk", flat=True)
                )
            except FieldError:
                logger.warning(
                    "search: %s has no lookup %r", adapter.model_label, dependency.lookup
                )
    ids.discard(instance.pk)
    return ids


_pending = threading.local()


def dependants_sync_on_commit(instance, *, in_request: bool = False) -> None:
    """Re-index the pages drawing on ``instance`` once the change is committed.

    The ids are collected now (before a deletion removes the rows that link them); the
    documents are built by the worker (``dependants_sync`` tasks of ``BATCH_SIZE`` pages) from
    what was committed, so renaming a theme used by thousands of pages returns at once. Ids
    wait in one set per thread, so a transaction publishing a partner ten times (a demo seed)
    syncs each dependant once: the first callback to run takes the whole set. Ids left by a
    rolled-back transaction are synced with the next commit, which is harmless (syncing is
    idempotent).

    ``in_request`` syncs them before the request answers instead: for privacy changes, where
    a name that just became private must leave public documents before anyone can search.
    """
    page_ids = dependant_page_ids(instance)
    if not page_ids:
        return
    if in_request:
        transaction.on_commit(lambda: pages_sync(sorted(page_ids)), robust=True)
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(page_ids)
    transaction.on_commit(_enqueue_pending, robust=True)


def _enqueue_pending() -> None:
    pending = getattr(_pending, "ids", None)
    if not pending:
        return
    _pending.ids = set()
    page_ids = sorted(pending)
    for start in range(0, len(page_ids), BATCH_SIZE):
        dependants_sync.enqueue(page_ids=page_ids[start : start + BATCH_SIZE])


@task()
def dependants_sync(*, page_ids: list[int], attempt: int = 1) -> int:
    """Index these pages in the worker (dependants, PDFs to read); a failure is retried later."""
    try:
        pages_sync(page_ids)
    except Exception:
        retry_later(dependants_sync, attempt=attempt, page_ids=page_ids)
        raise
    return len(page_ids)


def subtree_dependants_sync_on_commit(page, *, in_request: bool = False) -> None:
    """After a move or a privacy change: the pages drawing on any page of the subtree."""
    page_sources = [m for m in dependency_sources() if issubclass(m, Page)]
    if not page_sources:
        return
    subtree = Page.objects.descendant_of(page, inclusive=True).type(*page_sources).specific()
    for source in subtree.iterator(chunk_size=BATCH_SIZE):
        dependants_sync_on_commit(source, in_request=in_request)


def pages_sync(page_ids: list[int]) -> None:
    """Re-evaluate these pages: index the searchable ones, remove the others."""
    pages = Page.objects.filter(pk__in=page_ids)
    for documents, removed in document_batches(pages):
        service.index_documents(documents)
        service.remove_pages(removed)
