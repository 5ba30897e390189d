"""Which pages are searchable, and the search document each one becomes.

Only a live page of a registered type, with no view restriction on it or any ancestor, that
its adapter calls searchable, becomes a document. Documents are always built from the database
row (never from an in-memory instance carrying unsaved draft edits).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from wagtail.models import Locale, Page, PageViewRestriction

from core.languages import page_own_url

from .adapters import ADAPTERS, adapter_for, build_document
from .engines.base import IndexDocument

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
    return [apps.get_model(label) for label in ADAPTERS]


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
            *adapter.countries, *adapter.places, *adapter.themes, *adapter.sdgs, *adapter.organisations,
            *adapter.attachments, *(name for _facet, fields in adapter.keyed_facets for name in fields),
        ]  # fmt: skip
        lookups = []
        for name in dict.fromkeys(names):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a property (a lab's university country), read per page
            if field.is_relation:
                lookups.append(field.name)  # a facet may name the column ("agency_id")
        prefetch_related_objects(group, *dict.fromkeys(lookups))
