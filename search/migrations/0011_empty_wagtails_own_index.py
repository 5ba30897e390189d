"""Wagtail's own search index emptied: since the project's engine became Wagtail's search
backend (``search.backend``) nothing writes or reads ``wagtailsearch_indexentry`` any more, but
an existing site still holds a copy of every page there (drafts and private pages too) that
would only grow stale. On SQLite its FTS table is emptied with it (a cascade, and Wagtail's own trigger).
"""

from django.db import migrations


def forward(apps, schema_editor):
    index_entries = apps.get_model("wagtailsearch", "IndexEntry")
    index_entries.objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_reanalyse_full_text"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
