"""The denormalised search documents behind the embedded engine.

One row per published public page, written by ``search.indexing``. The full-text structures
that sit beside these tables are created by migration 0002 per database: an FTS5 table on
SQLite; on PostgreSQL, weighted tsvectors with GIN indexes live in ``SearchTextVector`` (0006).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    # The page's id, deliberately not a foreign key: the signal handlers and the rebuild remove
    # documents explicitly (the full-text rows beside this table need removing too).
    page_id = models.PositiveBigIntegerField(primary_key=True)
    content_type = models.CharField(max_length=40, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    attachments = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    published_at = models.DateTimeField(null=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


class SearchFacetValue(models.Model):
    """One facet value of a document (a document has several countries, themes, SDGs...)."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "document"], name="search_facet_lookup"),
            models.Index(fields=["document", "facet", "value"], name="search_facet_by_doc"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchIndexState(models.Model):
    """A version token replaced in the same transaction as every index write.

    Processes cache derived structures (facet bitmaps) per version, so a cache can never
    outlive the documents it was built from — a removed page stops counting at once.
    """

    key = models.CharField(max_length=20, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}@{self.version}"


class TextSearchVectorField(models.Field):
    """A PostgreSQL ``tsvector``; plain text elsewhere, where the column stays empty."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchTextVector(models.Model):
    """PostgreSQL only: a document's weighted tsvectors, in a table of their own.

    Beside the title, summary and body the vectors were pushed out to TOAST storage, and ranking
    8,000 matches cost 30,000 TOAST fetches; here they stay inline (migration 0006). Written and
    read with SQL by the embedded engine only; on SQLite the FTS5 tables do this job and this
    table stays empty.
    """

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, db_column="page_id",
        related_name="+",
    )  # fmt: skip
    search_vector = TextSearchVectorField()
    title_vector = TextSearchVectorField()

    class Meta:
        db_table = "search_textvector"

    def __str__(self) -> str:
        return str(self.pk)


class SearchPendingWrite(models.Model):
    """A page whose Elasticsearch write failed (Elasticsearch down, a timeout).

    Only the page id is kept: a retry rebuilds the page's document from the database as it is
    then (or removes it), so whatever happened to the page since, the retry writes its current
    state. Retried by the next successful write and by ``rebuild_search_index --pending``.
    """

    page_id = models.PositiveBigIntegerField(primary_key=True)
    failed_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=1)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("pending Elasticsearch write")
        verbose_name_plural = _("pending Elasticsearch writes")

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.attempts} failed attempts)"
