"""The Elasticsearch engine's writes: the index and its alias, bulk indexing, full rebuilds."""

from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import UTC, datetime

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from ..base import FACETS, IndexDocument
from .errors import SearchUnavailable
from .mapping import MAPPING_VERSION, TEXT_ANALYSES, indexed_text, page_document_class

logger = logging.getLogger(__name__)

BULK_CHUNK_SIZE = 500
BULK_REQUESTS_IN_FLIGHT = 2
# Which analysis each cluster (by URL) accepted, so later index creations skip refused attempts.
_cluster_analysis: dict[str, str] = {}


class IndexWrites:
    """Mixed into ``ElasticsearchEngine``: everything that changes the cluster."""

    # --- index management ---------------------------------------------------------------------

    def _create_index(self, name: str, settings: dict | None = None) -> None:
        # Start from what this cluster accepted last time; fall further back if it now refuses.
        known = _cluster_analysis.get(self.url)
        order = [analysis for analysis, _analyzer, _marker in TEXT_ANALYSES]
        analyses = TEXT_ANALYSES[order.index(known) if known else 0 :]
        for stemming, text_analyzer, _filter in analyses:
            document = page_document_class(text_analyzer)
            body = document._index.to_dict()
            body.setdefault("settings", {}).update(
                {"number_of_shards": 1, "number_of_replicas": 0, **(settings or {})}
            )
            body["mappings"] = document._doc_type.mapping.to_dict()
            try:
                self.client.indices.create(index=name, **body)
            except ApiError as exc:
                if stemming != analyses[-1][0] and getattr(exc, "error", "") in (
                    "illegal_argument_exception",
                    "resource_not_found_exception",
                ):
                    logger.info("search: Elasticsearch refused the %s analyzer: %s", stemming, exc)
                    continue
                raise
            self.mapping_version = MAPPING_VERSION
            if known != stemming:
                _cluster_analysis[self.url] = stemming
                log = logger.info if stemming == "english" else logger.warning
                log("search: Elasticsearch indexes English text with %s stemming", stemming)
            self.stemming = stemming
            return

    def ensure_index(self) -> None:
        try:
            if self.client.indices.exists_alias(name=self.alias):
                return
            name = self._new_index_name()
            self._create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests and benchmarks)."""
        try:
            indices = list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            indices = []
        for index in indices:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def refresh(self) -> None:
        self.client.indices.refresh(
            index=self.alias, ignore_unavailable=True, allow_no_indices=True
        )

    # --- writes -------------------------------------------------------------------------------

    def _action(self, document: IndexDocument, index: str) -> dict:
        title, summary = document.title, document.summary
        source = {
            "content_type": document.content_type,
            "display": {"title": title, "summary": summary},
            "url": document.url,
            "published_at": document.published_at.isoformat() if document.published_at else None,
            **indexed_text(document),
        }
        for facet in FACETS:
            if facet != "content_type":
                source[facet] = list(document.facets.get(facet, []))
        return {
            "_op_type": "index",
            "_index": index,
            "_id": str(document.page_id),
            "_source": source,
        }

    def _bulk_index(self, documents: list[IndexDocument], index: str, *, refresh: bool) -> None:
        bulk(
            self.client,
            (self._action(d, index) for d in documents),
            chunk_size=BULK_CHUNK_SIZE,
            refresh=refresh,
        )

    def _bulk_index_pipelined(self, batches, index: str) -> int:
        """Index every batch with up to BULK_REQUESTS_IN_FLIGHT bulk requests at a time.

        One request at a time leaves a core idle on a small node (a bulk request to one shard is
        indexed by one thread) while this process builds the next request. The batches are read
        here, in the calling thread, because they may query the database and Django's connections
        belong to a thread; the workers only send ready-made actions.
        """
        count = 0
        with ThreadPoolExecutor(max_workers=BULK_REQUESTS_IN_FLIGHT) as pool:
            in_flight: set = set()
            for documents in batches:
                for start in range(0, len(documents), BULK_CHUNK_SIZE):
                    actions = [
                        self._action(d, index) for d in documents[start : start + BULK_CHUNK_SIZE]
                    ]
                    if len(in_flight) >= BULK_REQUESTS_IN_FLIGHT:
                        done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                        for request in done:
                            request.result()  # raises the bulk request's error, if any
                    in_flight.add(
                        pool.submit(
                            bulk, self.client, actions, chunk_size=len(actions), refresh=False
                        )
                    )
                count += len(documents)
            for request in in_flight:
                request.result()
        return count

    def upsert(self, documents: list[IndexDocument]) -> None:
        if not documents:
            return
        try:
            self.ensure_index()
            self._bulk_index(documents, self.alias, refresh=self.refresh_on_write)
        except (ApiError, TransportError, BulkIndexError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def delete(self, page_ids: list[int]) -> None:
        if not page_ids:
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in page_ids)
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return
            bulk(self.client, actions, raise_on_error=False, refresh=self.refresh_on_write)
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def rebuild(self, batches) -> int:
        """Fill a new index from ``batches`` of documents, then swap the alias onto it.

        Cluster-state changes cost far more than indexing a thousand documents on a small node,
        so a rebuild makes three: create the index (not refreshing while it fills, as nothing
        searches it yet), restore the refresh interval, and one alias update that moves the
        alias and deletes the old index together. The explicit refresh before the swap makes
        every document searchable the moment the alias points at it.
        """
        name = self._new_index_name()
        try:
            self._create_index(name, settings={"refresh_interval": "-1"})
            count = self._bulk_index_pipelined(batches, name)
            self.client.indices.put_settings(index=name, settings={"refresh_interval": None})
            self.client.indices.refresh(index=name)
            try:
                old = list(self.client.indices.get_alias(name=self.alias).keys())
            except NotFoundError:
                old = []
            self.client.indices.update_aliases(
                actions=[
                    {"add": {"index": name, "alias": self.alias}},
                    *({"remove_index": {"index": index}} for index in old),
                ]
            )
        except BaseException as exc:
            # Whatever stopped the rebuild (the cluster, a bulk error, the batches themselves),
            # the half-filled index goes; the alias still points at the previous one.
            try:
                self.client.options(ignore_status=404).indices.delete(index=name)
            except (ApiError, TransportError):
                logger.warning("search: could not delete the unfinished index %s", name)
            if isinstance(exc, ApiError | TransportError | BulkIndexError):
                raise SearchUnavailable(str(exc)) from exc
            raise
        return count
