"""Keep search in step with publishing, unpublishing, moves, deletions and privacy changes."""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing, service

logger = logging.getLogger(__name__)


def _on_published(sender, instance, **kwargs):
    indexing.page_sync(instance.pk)
    indexing.dependants_sync_on_commit(instance)


def _on_unpublished(sender, instance, **kwargs):
    indexing.page_sync(instance.pk)
    indexing.dependants_sync_on_commit(instance)


def _on_source_saved(sender, instance, raw=False, **kwargs):
    """A theme, a country, a stage renamed: the documents storing its name or key follow."""
    if not raw:
        indexing.dependants_sync_on_commit(instance)


def _on_source_deleting(sender, instance, **kwargs):
    # Before the deletion: afterwards nothing links the dependants to it any more.
    indexing.dependants_sync_on_commit(instance)


def _on_moved(sender, instance, **kwargs):
    indexing.subtree_sync(instance)
    indexing.subtree_dependants_sync_on_commit(instance)


def _on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.subtree_sync(page)
        # A partner made private stops lending its name to public documents (and back),
        # before the request answers: privacy does not wait for the worker.
        indexing.subtree_dependants_sync_on_commit(page, in_request=True)


def _on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        service.remove_pages([instance.pk])


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search-page-moved")
    post_save.connect(
        _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-saved"
    )
    post_delete.connect(
        _on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-deleted",
    )
    post_delete.connect(_on_deleted, sender=Page, dispatch_uid="search-page-deleted")
    # Models that documents draw values from (adapters' depends_on). Pages change what the
    # public sees when published or unpublished, so their saves (drafts) are ignored.
    for model in indexing.dependency_sources():
        uid = f"search-dependants-{model._meta.label_lower}"
        pre_delete.connect(_on_source_deleting, sender=model, dispatch_uid=f"{uid}-deleting")
        if not issubclass(model, Page):
            post_save.connect(_on_source_saved, sender=model, dispatch_uid=f"{uid}-saved")
