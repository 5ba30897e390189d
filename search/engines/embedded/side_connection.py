"""A second database connection per process, in a thread of its own, for the PostgreSQL dialect's
RUM-ranked top N (``postgres.PostgresDialect.ranked_with_ids``)."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection, transaction

#: The rank query is read from the RUM index's ordered scan only: a bitmap scan and a sort would
#: order equal scores differently, and a page could repeat a hit another page showed.
RANK_INDEX_SCAN = "SET LOCAL enable_bitmapscan = off"


class SideConnection:
    """One more database connection per process, in a thread of its own, for a query that can run
    beside the search's own: on PostgreSQL the RUM top N (about 3 ms) while the GIN id pass (about
    12 ms at 100,000 documents) runs on the request's connection.

    It reads committed data in its own snapshot, which is all a search ever shows: the index holds
    public pages only, and hits are rendered from the document rows the request reads itself. A
    request that finds it busy (another thread of the same process is using it) or failing runs
    the query on its own connection instead; a caller's open transaction, whose uncommitted rows
    another connection could not see, never uses it.
    """

    def __init__(self):
        self._busy = threading.Lock()
        self._start = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    def submit(self, sql: str, params: list) -> Future | None:
        if not self._busy.acquire(blocking=False):
            return None
        with self._start:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-side")
        future = self._executor.submit(self._fetch, sql, params)
        future.add_done_callback(lambda _: self._busy.release())
        return future

    @staticmethod
    def _fetch(sql: str, params: list) -> list[tuple]:
        # The thread has no request cycle to close a broken or expired (CONN_MAX_AGE) connection.
        connection.close_if_unusable_or_obsolete()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(RANK_INDEX_SCAN)
            cursor.execute(sql, params)
            return cursor.fetchall()

    def close(self) -> None:
        """Close the thread's connection (tests call this before the test database goes)."""
        if self._executor is not None:
            # Looked up in the worker: ``connection`` resolves to the calling thread's own.
            self._executor.submit(lambda: connection.close()).result()


side_connection = SideConnection()
