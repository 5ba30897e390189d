"""Whole words in every script, analysed text and romanised keys in the full-text structures.

SQLite: FTS5's ``unicode61`` tokenizer treats combining marks (Unicode categories Mn and Mc) as
separators, so ``किसान भविष्य`` was indexed as the pieces ``क स न भव ष य`` and ``किसने`` "matched"
it. The tables are created again with those marks of the Devanagari, Bengali, Gurmukhi, Tamil,
Sinhala and Arabic blocks declared ``tokenchars``; Porter still stems English. ``search_fts``
gains a ``romanised`` column (the loose Latin keys of a document's non-Latin words, bm25 weight
0.5 beside title 10, summary 4, body 1, attachments 0.5), and a small unstemmed table of the same
keys, ``search_fts_romanised``, whose vocabulary tells a search which keys exist anywhere.

PostgreSQL: the default parser already keeps these words whole under a UTF-8 locale. Vectors of
documents with non-ASCII text are computed again from their analysed text, with the romanised
keys at weight D; ASCII-only documents are indexed as written and keep their vectors.

Both refill from ``search_searchdocument`` (the original text) and the pages' locales, so the
index answers as soon as the migration ends.
"""

import unicodedata

from django.db import migrations

#: The Unicode blocks whose combining marks are letters' parts, not word breaks.
SCRIPT_BLOCKS = (
    (0x0600, 0x06FF),  # Arabic (Urdu)
    (0x0900, 0x097F),  # Devanagari
    (0x0980, 0x09FF),  # Bengali
    (0x0A00, 0x0A7F),  # Gurmukhi
    (0x0B80, 0x0BFF),  # Tamil
    (0x0D80, 0x0DFF),  # Sinhala
)


def _combining_marks() -> str:
    return "".join(
        chr(code)
        for first, last in SCRIPT_BLOCKS
        for code in range(first, last + 1)
        if unicodedata.category(chr(code)) in ("Mn", "Mc")
    )


def _tokenizer(stemmed: bool) -> str:
    # Neither quote character is a combining mark, so the list needs no escaping.
    tokenizer = f"unicode61 remove_diacritics 2 tokenchars '{_combining_marks()}'"
    return f"porter {tokenizer}" if stemmed else tokenizer


def _sqlite_tables(tokenizer) -> list[str]:
    return [
        "DROP TABLE IF EXISTS search_fts_romanised_vocab",
        "DROP TABLE IF EXISTS search_fts_romanised",
        "DROP TABLE IF EXISTS search_fts_title_vocab",
        "DROP TABLE IF EXISTS search_fts_title",
        "DROP TABLE IF EXISTS search_fts",
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        f'title, summary, body, attachments, romanised, tokenize="{tokenizer(True)}")',
        "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 0.5, 0.5)')",
        "CREATE VIRTUAL TABLE search_fts_title USING fts5("
        f"title, tokenize=\"{tokenizer(False)}\", prefix='2 3 4')",
        "CREATE VIRTUAL TABLE search_fts_title_vocab USING fts5vocab(search_fts_title, 'row')",
        "CREATE VIRTUAL TABLE search_fts_romanised USING fts5("
        "romanised, tokenize='unicode61', detail=none)",
        "CREATE VIRTUAL TABLE search_fts_romanised_vocab "
        "USING fts5vocab(search_fts_romanised, 'row')",
    ]


def _documents(connection):
    """Every indexed document with its page's language, in batches."""
    from search.engines.base import IndexDocument

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.page_id, d.title, d.summary, d.body, d.attachments, "
            "coalesce(l.language_code, 'en') FROM search_searchdocument d "
            "LEFT JOIN wagtailcore_page p ON p.id = d.page_id "
            "LEFT JOIN wagtailcore_locale l ON l.id = p.locale_id ORDER BY d.page_id"
        )
        while rows := cursor.fetchmany(500):
            yield [
                IndexDocument(
                    page_id=page_id,
                    content_type="",
                    title=title,
                    summary=summary,
                    body=body,
                    attachments=attachments,
                    url="",
                    published_at=None,
                    language=language,
                )  # fmt: skip
                for page_id, title, summary, body, attachments, language in rows
            ]


def forward(apps, schema_editor):
    from search.engines.embedded import EmbeddedEngine, indexed_text

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for statement in _sqlite_tables(_tokenizer):
            schema_editor.execute(statement)
    elif connection.vendor != "postgresql":
        return
    dialect = EmbeddedEngine().dialect
    for documents in _documents(connection):
        texts = [indexed_text(d) for d in documents]
        if connection.vendor == "postgresql":
            # ASCII-only documents are indexed as written: their vectors do not change.
            pairs = [(d, t) for d, t in zip(documents, texts, strict=True) if t.analysed]
            if not pairs:
                continue
            documents, texts = (list(side) for side in zip(*pairs, strict=True))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                dialect.delete_text(cursor, [d.page_id for d in documents])
            dialect.write_text(cursor, documents, texts)


def backward(apps, schema_editor):
    """Back to migration 0002's tables (filled with the original text) and plain vectors."""
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for statement in [
            "DROP TABLE IF EXISTS search_fts_romanised_vocab",
            "DROP TABLE IF EXISTS search_fts_romanised",
            "DROP TABLE IF EXISTS search_fts_title_vocab",
            "DROP TABLE IF EXISTS search_fts_title",
            "DROP TABLE IF EXISTS search_fts",
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, summary, body, attachments, tokenize='porter unicode61 remove_diacritics 2')",
            "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 0.5)')",
            "CREATE VIRTUAL TABLE search_fts_title USING fts5("
            "title, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
            "CREATE VIRTUAL TABLE search_fts_title_vocab USING fts5vocab(search_fts_title, 'row')",
            "INSERT INTO search_fts(rowid, title, summary, body, attachments) "
            "SELECT page_id, title, summary, body, attachments FROM search_searchdocument",
            "INSERT INTO search_fts_title(rowid, title) SELECT page_id, title FROM search_searchdocument",
        ]:
            schema_editor.execute(statement)
    elif connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE search_textvector v SET "
            "search_vector = setweight(to_tsvector('english', d.title), 'A') || "
            "setweight(to_tsvector('english', d.summary), 'B') || "
            "setweight(to_tsvector('english', d.body), 'C') || "
            "setweight(to_tsvector('english', d.attachments), 'D'), "
            "title_vector = to_tsvector('simple', d.title) "
            "FROM search_searchdocument d WHERE d.page_id = v.page_id"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_postgres_rum_rank_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, backward)]
