"""Keep search in step with publishing, unpublishing, moves, deletions and privacy changes."""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing, service

logger = logging.getLogger(__name__)


def _on_published(sender, instance, **kwargs):
    indexing.page_sync(instance.pk)


def _on_unpublished(sender, instance, **kwargs):
    indexing.page_sync(instance.pk)


def _on_moved(sender, instance, **kwargs):
    indexing.subtree_sync(instance)


def _on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.subtree_sync(page)


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
