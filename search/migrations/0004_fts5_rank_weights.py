"""Configure FTS5's ``rank`` column as bm25 with the column weights, so queries can sort on it."""

from django.db import migrations


def configure_rank(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 0.5)')"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_state_and_covering_facet_index")]

    operations = [migrations.RunPython(configure_rank, migrations.RunPython.noop)]
