"""Rebuild every search index from the published public pages, while the site keeps serving.

The embedded index is rewritten in place batch by batch (each batch atomic; stale documents are
removed at the end), so searches never see an empty index. Elasticsearch gets a fresh index
behind its alias, swapped in atomically when complete.

``--pending`` only retries the pages whose Elasticsearch write failed since (see
``search.service.pending_writes_retry``): quick, for after an Elasticsearch outage.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Page

from search import service
from search.documents import BATCH_SIZE, candidate_pages, document_batches
from search.engines.elastic.errors import SearchUnavailable


class Progress:
    def __init__(self, stream, total: int, label: str):
        self.stream, self.total, self.label = stream, total, label
        self.done = 0
        self.started = time.monotonic()
        self.interactive = hasattr(stream, "isatty") and stream.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        elapsed = max(time.monotonic() - self.started, 1e-6)
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        line = (
            f"{self.label}: [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done}/{self.total} pages, {self.done / elapsed:,.0f}/s"
        )
        self.stream.write(
            ("\r" if self.interactive else "") + line + ("" if self.interactive else "\n")
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Rebuild the search indexes (embedded, and Elasticsearch when configured)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--embedded-only", action="store_true")
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only retry the pages whose Elasticsearch write failed.",
        )

    def handle(self, *args, batch_size, embedded_only, pending=False, **options):
        if pending:
            return self.retry_pending(batch_size)
        started_at = timezone.now()
        pages = candidate_pages()
        total = pages.count()
        out = self.stdout if not sys.stdout.isatty() else sys.stdout

        embedded = service.embedded_engine()
        progress = Progress(out, total, "embedded")
        seen: set[int] = set()

        def embedded_batches():
            for documents, removed in document_batches(pages, batch_size):
                seen.update(d.page_id for d in documents)
                yield documents, removed
                progress.advance(len(documents) + len(removed))

        # The engine's bulk path: on PostgreSQL it writes through two connections at once.
        documents_written = embedded.write_batches(embedded_batches())
        progress.finish()
        stale = embedded.indexed_ids() - seen
        embedded.delete(sorted(stale))
        self.stdout.write(
            f"embedded ({embedded.label}): {documents_written} documents, {len(stale)} stale removed"
        )

        elastic = None if embedded_only else service.elasticsearch_engine()
        if elastic is None:
            return
        progress = Progress(out, total, "elasticsearch")

        def batches():
            for documents, removed in document_batches(candidate_pages(), batch_size):
                progress.advance(len(documents) + len(removed))
                yield documents

        try:
            count = elastic.rebuild(batches())
        except SearchUnavailable as exc:
            progress.finish()
            self.stderr.write(
                f"elasticsearch: rebuild failed ({exc}); the old index stays in place"
            )
            return
        progress.finish()
        # Pages published while the new index was being built went to the old one: replay them.
        changed = Page.objects.filter(last_published_at__gte=started_at)
        for documents, removed in document_batches(changed, batch_size):
            elastic.upsert(documents)
            elastic.delete(removed)
        forgotten = service.pending_writes_forget(before=started_at)
        self.stdout.write(
            f"elasticsearch: {count} documents, alias {elastic.alias} swapped"
            + (f", {forgotten} pending writes caught up" if forgotten else "")
        )

    def retry_pending(self, batch_size: int) -> None:
        if service.elasticsearch_engine() is None:
            self.stdout.write("elasticsearch is not configured: nothing to retry")
            return
        # Bounded by what was pending at the start: records refreshed by failures meanwhile
        # wait for the next run rather than keep this one going.
        total, retried = service.pending_writes_count(), 0
        while retried < total:
            try:
                done = service.pending_writes_retry(limit=batch_size)
            except SearchUnavailable as exc:
                raise CommandError(
                    f"elasticsearch: still unavailable after {retried} pages ({exc}); "
                    "the remaining pages stay recorded"
                ) from exc
            if not done:
                break
            retried += done
        self.stdout.write(f"elasticsearch: {retried} of {total} pending pages written")
