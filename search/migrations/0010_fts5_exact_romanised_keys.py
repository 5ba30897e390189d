"""SQLite: romanised keys in ``search_fts`` gain a trailing digit so Porter leaves them alone.

``search_fts`` has one tokenizer for all its columns, and its Porter stemmer read the keys as
English words: the query key ``kisne`` and किसान's key ``kisn`` became one stem, and a word found
nowhere matched. A key ending in a digit ends in no English suffix, so ``kisn0`` is matched
exactly (``search.engines.embedded.SQLITE_KEY_MARK``). The keys are rewritten in place from the
column itself; the small unstemmed key table keeps its unmarked keys. PostgreSQL already marks
its keys and needs nothing.
"""

from django.db import migrations

#: ``search.engines.embedded.SQLITE_KEY_MARK`` as of this migration.
KEY_MARK = "0"


def _rewrite_keys(schema_editor, mark) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, romanised FROM search_fts WHERE romanised != ''")
        rows = [(mark(keys), rowid) for rowid, keys in cursor.fetchall()]
        cursor.executemany("UPDATE search_fts SET romanised = %s WHERE rowid = %s", rows)


def forward(apps, schema_editor):
    _rewrite_keys(schema_editor, lambda keys: " ".join(k + KEY_MARK for k in keys.split()))


def backward(apps, schema_editor):
    _rewrite_keys(
        schema_editor, lambda keys: " ".join(k.removesuffix(KEY_MARK) for k in keys.split())
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0009_fts5_whole_words_and_romanised")]

    operations = [migrations.RunPython(forward, backward)]
