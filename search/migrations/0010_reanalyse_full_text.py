"""The full-text structures written again with the revised analysis of the region's scripts.

What changed since 0009, each of which changes what is indexed:
- SQLite: romanised keys in ``search_fts`` end in a digit (``SQLITE_KEY_MARK``), since the
  table's Porter tokenizer read them as English (the query ``kisne`` met किसान's key ``kisn``).
- Stems: pronoun case forms and Hindi agent nouns keep their own stems (किसने is not किस,
  अधिकारी is not अधिकार).
- Keys: stems give keys only when they dropped a real ending, Bengali reaches Urdu by sound,
  a first vowel and a native final h are part of a skeleton, typed spellings are a namespace of
  their own, and Sinhala æ words give no transliterated key.

Migration 0009's refill does exactly this from ``search_searchdocument`` and the pages' locales
with the analysis of the running code, so it is run again. Elasticsearch indexes are rebuilt by
``manage.py rebuild_search_index`` (mapping version 3).
"""

import importlib

from django.db import migrations


def forward(apps, schema_editor):
    refill = importlib.import_module("search.migrations.0009_fts5_whole_words_and_romanised")
    refill.forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0009_fts5_whole_words_and_romanised")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
