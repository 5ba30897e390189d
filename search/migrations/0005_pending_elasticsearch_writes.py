"""Pages whose Elasticsearch write failed, kept so that the next write or
``rebuild_search_index --pending`` retries them instead of leaving them stale until a rebuild."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts5_rank_weights")]

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
