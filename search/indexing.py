"""Which pages are searchable, and keeping every engine's copy in step with the page tree.

Only a live page of a registered type, with no view restriction on it or any ancestor, that
its adapter calls searchable, becomes a document. Documents are always built from the database
row (never from an in-memory instance carrying unsaved draft edits).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django_tasks import task
from wagtail.models import Locale, Page, PageViewRestriction

from core import search_port
from core.background import enqueue_after_commit, retry_later
from core.languages import page_own_url

from .adapters import ADAPTERS, adapter_for, build_document
from .attachments import pdf_reading_deferred
from .engines.base import IndexDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_restricted(page, restricted_paths: list[str]) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths)


def document_for(page, restricted_paths: list[str] | None = None) -> IndexDocument | None:
    """The search document for ``page`` (a specific page), or None if it must not be searchable."""
    adapter = adapter_for(page)
    if adapter is None or not page.live or page.expired:
        return None
    if restricted_paths is None:
        restricted_paths = _restricted_paths()
    if _is_restricted(page, restricted_paths):
        return None
    if not adapter.is_searchable(page):
        return None
    # Its own address, not the one for the language active while indexing (core.languages).
    url = page_own_url(page)
    if not url:
        return None
    return build_document(page, adapter, url, restricted_paths=restricted_paths)


def searchable_models() -> list[type]:
    from django.apps import apps

    models = []
    for label in ADAPTERS:
        app_label, model_name = label.split(".")
        try:
            models.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return models


def candidate_pages():
    """Live pages of every registered type; restriction checks happen per batch."""
    return Page.objects.live().type(*searchable_models()).order_by("path")


def document_batches(
    pages=None, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[list[IndexDocument], list[int]]]:
    """(documents to write, page ids to remove) per batch of candidate pages."""
    pages = candidate_pages() if pages is None else pages
    restricted = _restricted_paths()
    # A document carries its page's language (``page.locale``): read the few locales once
    # rather than once per page.
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    ids = list(pages.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        documents, removed = [], []
        pages_read = list(Page.objects.filter(pk__in=chunk).specific().order_by("path"))
        _relations_prefetch(pages_read)
        for page in pages_read:
            if page.locale_id in locales:
                page.locale = locales[page.locale_id]
            document = document_for(page, restricted)
            if document is None:
                removed.append(page.pk)
            else:
                documents.append(document)
        yield documents, removed


def _relations_prefetch(pages: list) -> None:
    """Read the related rows the adapters build documents from (countries, themes, partners,
    stage, attachments…) once per batch and type, rather than once per page."""
    by_model: dict[type, list] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        adapter = adapter_for(group[0])
        if adapter is None:
            continue
        names = [
            *adapter.countries, *adapter.themes, *adapter.sdgs, *adapter.organisations,
            *adapter.attachments, *(name for _facet, fields in adapter.keyed_facets for name in fields),
        ]  # fmt: skip
        lookups = []
        for name in dict.fromkeys(names):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a property (a lab's university country), read per page
            if field.is_relation:
                lookups.append(name)
        prefetch_related_objects(group, *lookups)


def subtree_sync(page) -> None:
    """Re-evaluate ``page`` and its descendants (after a move or a privacy change)."""
    from . import service

    pages = Page.objects.descendant_of(page, inclusive=True)
    for documents, removed in document_batches(pages):
        service.index_documents(documents)
        service.remove_pages(removed)


def page_sync(page_id: int) -> None:
    """Index or remove one page now (publishing), its attached PDFs read by the worker.

    The document is written at once without the text of PDFs not read yet; the worker reads
    them and indexes the page again with their text.
    """
    from . import service

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
    from django.apps import apps

    models = []
    for adapter in ADAPTERS.values():
        for dependency in adapter.depends_on:
            try:
                model = apps.get_model(dependency.model_label)
            except LookupError:
                continue
            if model not in models:
                models.append(model)
    return models


def dependant_page_ids(instance) -> set[int]:
    """Live pages whose documents are built from ``instance`` (a partner, a lab, a theme)."""
    from django.apps import apps

    ids: set[int] = set()
    for adapter in ADAPTERS.values():
        try:
            model = apps.get_model(adapter.model_label)
        except LookupError:
            continue
        for dependency in adapter.depends_on:
            try:
                source = apps.get_model(dependency.model_label)
            except LookupError:
                continue
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
    from . import service

    pages = Page.objects.filter(pk__in=page_ids)
    for documents, removed in document_batches(pages):
        service.index_documents(documents)
        service.remove_pages(removed)
