"""PostgreSQL: rank with the RUM extension's index when the server has it.

A GIN index finds the documents holding a word but not how well they match, so ranking a word in
8,000 of 100,000 documents reads and scores all 8,000 rows. RUM (Postgres Professional's access
method, Debian package ``postgresql-15-rum``) keeps word positions in the index and returns matches
already ordered by ``ts_rank``, so the top 20 cost about 2 ms. It is optional: where the extension
is not available, or this role may not create it, nothing changes and searches rank with
``ts_rank`` over the matched rows. To add it later, install the package and run
``CREATE EXTENSION rum`` and then ``manage.py migrate search 0007 && manage.py migrate search``.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

RANK_INDEX = "search_textvector_rank"


def create_rank_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError as exc:
            # Usually a role that may not create extensions; an administrator can run
            # CREATE EXTENSION rum and migrate this step again.
            logger.warning("search: RUM rank index not created: %s", exc)
            return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {RANK_INDEX} ON search_textvector "
            # The same vector, as an expression only the ranking query names (see
            # search.engines.embedded.postgres.RANKED_VECTOR).
            "USING rum ((search_vector || ''::tsvector) rum_tsvector_ops)"
        )


def drop_rank_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {RANK_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_pending_write_names")]

    operations = [migrations.RunPython(create_rank_index, drop_rank_index)]
