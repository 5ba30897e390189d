"""Full-text structures beside the search document table, per database vendor.

SQLite: an FTS5 table over the document text (Porter stemming, Unicode tokenisation that keeps
Indic and Arabic-script words whole), a second FTS5 table over titles with prefix indexes for
autocomplete, and a vocabulary view of it for "did you mean" suggestions.
PostgreSQL: weighted tsvector columns with GIN indexes.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, attachments, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_fts_title USING fts5("
    "title, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "CREATE VIRTUAL TABLE search_fts_title_vocab USING fts5vocab(search_fts_title, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts_title_vocab",
    "DROP TABLE IF EXISTS search_fts_title",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING GIN (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
