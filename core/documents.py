"""Wagtail documents: a restricted collection's files stay private, and how documents are served.

A document belongs to the public once its collection has no view restriction (on itself or
an ancestor). Submissions under moderation keep their attachments in moderators-only
collections; publishing moves the document to a public collection. This module keeps each
document's *file* in step with that: restricted → the private folder (``private/…`` names,
see core.storage), public → public media. So MEDIA_ROOT, which a proxy may serve directly,
never holds an unpublished file, and the only address of a private document is
``core.views.document_serve``, which answers 404 to anyone its restrictions refuse.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .moderation import moderators_group_ensure
from .storage import file_move, is_private_name, private_name


def collection_is_restricted(collection) -> bool:
    return collection is not None and collection.get_view_restrictions().exists()


def document_readable(document, request) -> bool:
    """Whether ``request``'s person passes every view restriction of the document's collection."""
    if document.collection_id is None:
        return True
    return all(
        restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )


def document_upload_place(document) -> None:
    """Before a document is saved: a new upload to a restricted collection is written straight
    to the private folder, so it never sits under MEDIA_ROOT, even for a moment."""
    file = document.file
    if not file or file._committed or not collection_is_restricted(document.collection):
        return
    field = file.field
    name = field.generate_filename(document, file.name)
    file.name = field.storage.save(private_name(name), file.file, max_length=field.max_length)
    file._committed = True


def document_file_place(document) -> None:
    """After a document is saved: move its file if its collection's privacy changed (a
    submission published, a collection restricted). Works whatever fields the save wrote."""
    file = document.file
    if not file or not file._committed:
        return
    private = collection_is_restricted(document.collection)
    if is_private_name(file.name) == private:
        return
    file.name = file_move(file.storage, file.name, private=private)
    type(document).objects.filter(pk=document.pk).update(file=file.name)


def _on_document_saving(sender, instance, raw=False, **kwargs):
    if not raw:
        document_upload_place(instance)


def _on_document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        document_file_place(instance)


def documents_of_collection_place(collection) -> None:
    """After a collection's restrictions changed: move the files of it and its descendants."""

    Document = get_document_model()
    collections = collection.get_descendants(inclusive=True)
    for document in Document.objects.filter(collection__in=collections).select_related(
        "collection"
    ):
        # A save (not a bare update), so listeners such as search hear the privacy change;
        # the post_save receiver moves the file.
        document.save(update_fields=["collection"])


def _on_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return

    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        documents_of_collection_place(collection)


def connect() -> None:

    Document = get_document_model()
    pre_save.connect(_on_document_saving, sender=Document, dispatch_uid="core.documents.upload")
    post_save.connect(_on_document_saved, sender=Document, dispatch_uid="core.documents.place")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"core.documents.restriction-{signal is post_save}",
        )


def collection_ensure(name: str, *, moderators_only: bool):
    """A top-level collection ``name``; ``moderators_only`` ones are restricted to moderators,
    so their documents stay private (404 to everyone else, files outside MEDIA_ROOT)."""

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    if moderators_only:
        restriction, _created = CollectionViewRestriction.objects.get_or_create(
            collection=collection,
            defaults={"restriction_type": CollectionViewRestriction.GROUPS},
        )
        restriction.groups.add(moderators_group_ensure())
    return collection


def document_collection_set(*, document, collection) -> None:
    """Move a document to ``collection``; its file follows the collection's privacy."""
    if document.collection_id == collection.pk:
        return
    document.collection = collection
    document.save(update_fields=["collection"])
