"""PostgreSQL: move the tsvectors out of the wide document table into a narrow one.

Beside the title, summary and body, a document's vector was pushed out to TOAST storage, so
ranking 8,000 matches meant 30,000 TOAST fetches and counting a word found everywhere took half a
second at 100,000 documents. Alone in a narrow table, stored inline (``STORAGE MAIN``) and
compressed with lz4 where the server has it, ranking, counting and id collection read the
vectors straight from the heap. On SQLite the table stays empty.
"""

import django.db.models.deletion
from django.db import migrations, models

import search.models

POSTGRES_FORWARD = [
    "ALTER TABLE search_textvector ALTER COLUMN search_vector SET STORAGE MAIN, "
    "ALTER COLUMN title_vector SET STORAGE MAIN",
    "INSERT INTO search_textvector (page_id, search_vector, title_vector) "
    "SELECT page_id, search_vector, coalesce(title_vector, ''::tsvector) "
    "FROM search_searchdocument WHERE search_vector IS NOT NULL",
    "CREATE INDEX search_textvector_vector ON search_textvector USING GIN (search_vector)",
    "CREATE INDEX search_textvector_title ON search_textvector USING GIN (title_vector)",
    "DROP INDEX IF EXISTS search_document_title_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector",
    "UPDATE search_searchdocument d SET search_vector = v.search_vector, "
    "title_vector = v.title_vector FROM search_textvector v WHERE v.page_id = d.page_id",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING GIN (title_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
            )
            row = cursor.fetchone()
        if statements is POSTGRES_FORWARD and row and row[0]:
            # lz4 decompresses several times faster than the default pglz; servers built
            # without it keep pglz.
            schema_editor.execute(
                "ALTER TABLE search_textvector ALTER COLUMN search_vector SET COMPRESSION lz4"
            )
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_pending_elasticsearch_writes")]

    operations = [
        migrations.CreateModel(
            name="SearchTextVector",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        db_column="page_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("search_vector", search.models.TextSearchVectorField()),
                ("title_vector", search.models.TextSearchVectorField()),
            ],
            options={"db_table": "search_textvector"},
        ),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
