"""Pages whose Elasticsearch write failed, kept so that the next write or
``rebuild_search_index --pending`` retries them instead of leaving them stale until a rebuild."""

from pathlib import Path

from django.db import migrations, models

# Migration 0006 was written beside this one, against 0004. Until it names 0005 as its
# dependency, ordering it after this one here keeps a single leaf (two leaves stop `migrate`).
# Conditional so that renaming or renumbering 0006 cannot leave a dangling reference.
_SIBLING = "0006_postgres_narrow_vector_table"


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts5_rank_weights")]
    run_before = (
        [("search", _SIBLING)] if (Path(__file__).parent / f"{_SIBLING}.py").exists() else []
    )

    operations = [
        migrations.CreateModel(
            name="SearchPendingWrite",
            fields=[
                ("page_id", models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ("failed_at", models.DateTimeField(db_index=True)),
                ("attempts", models.PositiveIntegerField(default=1)),
                ("error", models.CharField(blank=True, max_length=500)),
            ],
        ),
    ]
