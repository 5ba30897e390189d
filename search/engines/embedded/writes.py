"""The embedded engine's writes: documents, facet values and full-text rows, through its dialect."""

# Every SQL string below is assembled from constant fragments and %s placeholders only; user
# input travels exclusively as query parameters.
# ruff: noqa: S608

from __future__ import annotations

import secrets
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from ...models import SearchDocument, SearchFacetValue, SearchIndexState
from ..base import IndexDocument
from .facets import STATE_KEY
from .text import BODY_MAX_CHARS, chunks, indexed_text

if TYPE_CHECKING:
    from .postgres import PostgresDialect
    from .sqlite import SqliteDialect

#: PostgreSQL connections writing batches at once during a bulk write (see write_batches).
PARALLEL_WRITERS = 2


class IndexWrites:
    """Mixed into ``EmbeddedEngine``, which sets ``self.dialect``."""

    dialect: PostgresDialect | SqliteDialect

    @transaction.atomic
    def upsert(self, documents: list[IndexDocument]) -> None:
        if not documents:
            return
        ids = [d.page_id for d in documents]
        with connection.cursor() as cursor:
            self.dialect.delete_text(cursor, ids)
        self._delete_rows(ids)
        # Raw inserts: the ORM's per-object overhead was two thirds of indexing time.
        adapt = connection.ops.adapt_datetimefield_value
        now = adapt(timezone.now())
        with connection.cursor() as cursor:
            self.dialect.insert_rows(
                cursor,
                "search_searchdocument",
                ("page_id", "content_type", "title", "summary", "body", "attachments", "url",
                 "published_at", "indexed_at"),
                [
                    (
                        d.page_id, d.content_type, d.title[:500], d.summary, d.body[:BODY_MAX_CHARS],
                        d.attachments, d.url[:1000], adapt(d.published_at), now,
                    )
                    for d in documents
                ],
            )  # fmt: skip
            self.dialect.insert_rows(
                cursor,
                "search_searchfacetvalue",
                ("document_id", "facet", "value"),
                [
                    (d.page_id, facet, str(value)[:200])
                    for d in documents
                    for facet, values in d.facets.items()
                    for value in dict.fromkeys(values)
                ],
            )
        texts = [indexed_text(d) for d in documents]
        with connection.cursor() as cursor:
            self.dialect.write_text(cursor, documents, texts)
        self._bump_version()

    def write_batches(self, batches: Iterable[tuple[list[IndexDocument], list[int]]]) -> int:
        """Apply (documents to write, page ids to remove) batches; returns documents written.

        On PostgreSQL, ``to_tsvector`` runs in the database backend, so while one connection
        computes a batch's vectors the next batch can be built here and written through a
        second connection: on two cores that is most of a 2x speed-up. Inside a transaction
        (tests, or a caller's atomic block) other connections could not see its rows, so
        batches are then written one after another on this connection. Outside one, the RUM
        rank index (if there is one) is dropped for the load and built again at the end: inserting
        into it runs at about 700 documents a second, building it at about 17,000.
        """
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            written = 0
            for documents, removed in batches:
                self.upsert(documents)
                self.delete(removed)
                written += len(documents)
        else:
            with connection.cursor() as cursor:
                had_rank_index = self.dialect.drop_rank_index(cursor)
            try:
                written = self._write_batches_in_parallel(batches)
            finally:
                if had_rank_index:
                    with connection.cursor() as cursor:
                        self.dialect.create_rank_index(cursor)
        with connection.cursor() as cursor:
            self.dialect.analyze(cursor)
        return written

    def _write_batches_in_parallel(self, batches) -> int:
        def write(documents, removed):
            try:
                self.upsert(documents)
                self.delete(removed)
                return len(documents)
            finally:
                connection.close()  # this worker thread's own connection

        written = 0
        pending: deque = deque()
        with ThreadPoolExecutor(max_workers=PARALLEL_WRITERS) as pool:
            for documents, removed in batches:
                if len(pending) >= PARALLEL_WRITERS:
                    written += pending.popleft().result()
                pending.append(pool.submit(write, documents, removed))
            while pending:
                written += pending.popleft().result()
        return written

    def _delete_rows(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in chunks(page_ids, 500):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM search_searchfacetvalue WHERE document_id IN ({marks})", chunk
                )
                cursor.execute(
                    f"DELETE FROM search_searchdocument WHERE page_id IN ({marks})", chunk
                )

    def _bump_version(self) -> None:
        # A random token, not a counter: after a rolled-back write a counter would reuse a
        # number that some process already cached bitmaps of the discarded data under.
        SearchIndexState.objects.update_or_create(
            key=STATE_KEY, defaults={"version": secrets.randbits(62)}
        )

    @transaction.atomic
    def delete(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            self.dialect.delete_text(cursor, list(page_ids))
        self._delete_rows(list(page_ids))
        self._bump_version()

    @transaction.atomic
    def clear(self) -> None:
        with connection.cursor() as cursor:
            self.dialect.clear_text(cursor)
        SearchFacetValue.objects.all().delete()
        SearchDocument.objects.all().delete()
        self._bump_version()

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("page_id", flat=True))
