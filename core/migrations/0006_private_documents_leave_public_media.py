"""Documents of restricted collections (attachments awaiting moderation, PDFs copied out of
private spaces) were stored under MEDIA_ROOT, where /media/ served them to anyone. Move their
files to the private folder (``private/…`` names, see core.storage); the reverse puts them
back where the previous code expects them."""

from django.db import migrations

from core.storage import file_move


def _restricted_documents(apps):
    Document = apps.get_model("wagtaildocs", "Document")
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    restricted_paths = list(Restriction.objects.values_list("collection__path", flat=True))
    collection_ids = [
        pk
        for pk, path in Collection.objects.values_list("pk", "path")
        if any(path.startswith(restricted) for restricted in restricted_paths)
    ]
    return Document.objects.filter(collection_id__in=collection_ids).exclude(file="")


def _move(apps, *, private: bool) -> None:
    for document in _restricted_documents(apps).iterator():
        name = file_move(document.file.storage, document.file.name, private=private)
        if name != document.file.name:
            type(document).objects.filter(pk=document.pk).update(file=name)


def to_private(apps, schema_editor):
    _move(apps, private=True)


def to_public(apps, schema_editor):
    _move(apps, private=False)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_store_rendered_markdown"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_private, to_public)]
