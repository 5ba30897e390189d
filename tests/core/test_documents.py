"""Wagtail documents: the file follows its collection's privacy; the migration moves old ones."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from core.documents import collection_ensure
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db


def public_document(name="memo.pdf"):
    document = Document(title="Memo", collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(pdf_bytes()), save=False)
    document.save()
    return document


def test_restricting_a_collection_moves_its_files_out_of_media_and_back(settings):
    collection = collection_ensure("Board papers", moderators_only=False)
    document = public_document()
    document.collection = collection
    document.save()
    assert (Path(settings.MEDIA_ROOT) / document.file.name).is_file()
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document.refresh_from_db()
    assert document.file.name.startswith("private/")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).is_file()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    restriction.delete()
    document.refresh_from_db()
    assert (Path(settings.MEDIA_ROOT) / document.file.name).is_file()


def test_migration_moves_existing_private_documents_out_of_media(settings, client):
    document = public_document("pending.pdf")
    private = collection_ensure("Awaiting moderation", moderators_only=True)
    # As the old code left it: a restricted collection's file under MEDIA_ROOT.
    Document.objects.filter(pk=document.pk).update(collection=private)
    assert client.get(f"/documents/{document.pk}/pending.pdf").status_code == 404
    migration = importlib.import_module("core.migrations.0006_private_documents_leave_public_media")
    migration.to_private(apps, None)
    document.refresh_from_db()
    assert document.file.name == "private/documents/pending.pdf"
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    migration.to_public(apps, None)
    document.refresh_from_db()
    assert document.file.name == "documents/pending.pdf"


def test_admin_upload_of_a_disguised_program_is_refused(admin_client):
    from tests.files import upload, windows_executable

    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Tool",
            "file": upload("tool.pdf", windows_executable()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "looks like a web page, script or program" in response.content.decode()
    assert not Document.objects.exists()
