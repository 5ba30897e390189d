"""The embedded engine's PostgreSQL dialect: weighted tsvectors in ``search_textvector`` ranked by
``ts_rank``, or by the RUM extension's index where the server has it (migrations 0006, 0008)."""

# Every SQL string below is assembled from constant fragments and %s placeholders only; user
# input travels exclusively as query parameters.
# ruff: noqa: S608

from __future__ import annotations

import contextlib
import heapq
import json

from django.core.cache import cache
from django.db import DatabaseError

from ..base import IndexDocument
from .side_connection import RANK_INDEX_SCAN, side_connection
from .text import (
    AUTOCOMPLETE_CANDIDATES,
    BODY_MAX_CHARS,
    ExpandedQuery,
    IndexedText,
    QueryTerm,
    chunks,
)

#: The optional RUM index that ranks PostgreSQL matches without reading them (migration 0008).
RANK_INDEX = "search_textvector_rank"
#: What that index covers: the same vector, written so that only the ranking query, which names
#: this expression, can use it. On the bare column the planner sometimes picked it over GIN for
#: plain matching, and its bitmap scans are slower (22 against 6 ms for a word in every document).
RANKED_VECTOR = "(search_vector || ''::tsvector)"
#: One-word searches ranked by the RUM index read at least this many best matches and page them
#: in Python (``PostgresDialect.ranked_with_ids``): the first page, ties ordered by page id
#: (each match read into Python costs a heap row and a ts_rank, so the window is one page).
RANK_WINDOW = 20
#: SQL: whether the index named by the parameter exists and is valid (not mid-build).
RANK_INDEX_VALID = (
    "coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)), false)"
)
#: PostgreSQL keeps romanised keys in the same vector as the text (weight D), written with this
#: mark in front: "0kisan" is a ``numword`` token, which the ``english`` configuration leaves
#: unstemmed, and no English word of the text can be mistaken for a key or a key for one.
PG_KEY_MARK = "0"


class PostgresDialect:
    """Vectors live in the narrow ``search_textvector`` table (alias ``v``, see migration 0006);
    the document table (alias ``d``) is joined only when a filter or the sort needs it.

    Relevance is ``ts_rank`` over the A/B/C/D weights. It scored better than ``ts_rank_cd`` on
    the labelled queries (MRR 0.978 against 0.960, bench/relevance.py), and it is the score the
    RUM extension's ``<=>`` operator orders by, so both ways of ranking below agree.
    """

    #: A relevance search returns its top N together with every matched id, which the total
    #: and the facet counts come from (see ``ranked_with_ids``).
    ranks_with_ids = True

    def prepare(self, cursor) -> None:
        # The planner prices ``@@`` as a cheap operator and picks a sequential scan for words in
        # most documents, which then de-TOASTs every vector (half a second at 100k); the GIN
        # bitmap over the narrow table answers the same count in a few milliseconds.
        cursor.execute("SET LOCAL enable_seqscan = off")

    def insert_rows(self, cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        # COPY, not executemany: one round trip per batch instead of one per row, which made
        # facet rows alone a third of indexing time.
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def term_tsquery(term: QueryTerm) -> str:
        if len(term.native) == 1 and not term.keys:
            return f"'{term.native[0]}'"  # an English word: the same query as ever
        parts = [f"'{form}'" for form in term.native]
        parts += [f"'{PG_KEY_MARK}{key}'" for key in term.keys]
        return "(" + " | ".join(parts) + ")"

    def tsquery(self, query: ExpandedQuery, any_terms: bool) -> str:
        parts = [self.term_tsquery(term) for term in query.terms]
        parts += [
            "("
            + " <-> ".join(
                f"'{forms[0]}'"
                if len(forms) == 1
                else "(" + " | ".join(f"'{f}'" for f in forms) + ")"
                for forms in phrase
            )
            + ")"
            for phrase in query.phrases
        ]
        return (" | " if any_terms else " & ").join(parts)

    def present_keys(self, cursor, keys: list[str]) -> set[str]:
        """Which of ``keys`` some document holds: one GIN probe per key, in one query."""
        cursor.execute(
            "SELECT k FROM unnest(%s::text[]) AS k WHERE EXISTS (SELECT 1 FROM search_textvector "
            "WHERE search_vector @@ to_tsquery('english', %s || k))",
            [list(keys), PG_KEY_MARK],
        )
        return {row[0] for row in cursor.fetchall()}

    def _source(self, joined: bool) -> str:
        if joined:
            return "search_textvector v JOIN search_searchdocument d ON d.page_id = v.page_id"
        return "search_textvector v"

    def matched_ids(self, parsed, any_terms):
        return (
            "SELECT page_id FROM search_textvector "
            "WHERE search_vector @@ to_tsquery('english', %s)",
            [self.tsquery(parsed, any_terms)],
        )

    def ranked(self, parsed, any_terms, where_sql, where_params, order, limit, offset):
        source = self._source(joined=bool(where_sql) or order not in ("relevance", "unranked"))
        if order == "unranked":  # see sqlite.SqliteDialect.ranked: every word is in most documents
            return (
                f"SELECT v.page_id, 0 FROM {source} "
                f"WHERE v.search_vector @@ to_tsquery('english', %s){where_sql} "
                "ORDER BY v.page_id DESC LIMIT %s OFFSET %s",
                [self.tsquery(parsed, any_terms), *where_params, limit, offset],
            )
        order_sql = "score DESC" if order == "relevance" else "d.published_at DESC NULLS LAST"
        sql = (
            "SELECT v.page_id, ts_rank(v.search_vector, q) AS score "
            f"FROM {source}, to_tsquery('english', %s) q "
            f"WHERE v.search_vector @@ q{where_sql} ORDER BY {order_sql}, v.page_id DESC "
            "LIMIT %s OFFSET %s"
        )
        return sql, [self.tsquery(parsed, any_terms), *where_params, limit, offset]

    def count(self, parsed, any_terms, where_sql, where_params):
        return (
            f"SELECT count(*) FROM {self._source(joined=bool(where_sql))} "
            f"WHERE v.search_vector @@ to_tsquery('english', %s){where_sql}",
            [self.tsquery(parsed, any_terms), *where_params],
        )

    def ranked_with_ids(
        self, cursor, parsed, any_terms, where_sql, where_params, limit, offset, may_overlap=False
    ):
        """The relevance-ordered page ``(page_id, score)`` rows and every matched page id.

        A GIN index finds matches but cannot rank them: each matched row has to be read and
        scored, about 20 ms for a word in 8,000 of 100,000 documents. So without the RUM index
        every match is fetched with its score in one pass, and the top N, the total and the
        facet ids all come from that pass (three passes cost three times one). With the RUM
        index, which keeps word positions in the index, PostgreSQL returns the top N in index
        order without reading the other matches, and the ids come from the GIN bitmap, which
        needs no vector at all.

        The index is used for one-word searches only. Its order is ``ts_rank``'s for a single
        word, but not for several: on the labelled queries it scored MRR 0.960 against
        ``ts_rank``'s 0.978. Several words match the intersection of their documents, usually
        far fewer, which the one pass ranks cheaply.
        """
        tsquery = self.tsquery(parsed, any_terms)
        source = self._source(joined=bool(where_sql))
        if self._ranks_by_index(cursor, tsquery):
            # Pages of results must partition one ranking. Ordering equal scores by page id in
            # SQL made PostgreSQL read and sort every match (a single word's scores mostly tie:
            # 88 ms against 4 at 8,000 matches), and LIMIT/OFFSET of the index's order gave
            # different ties to different pages. So every page reads a prefix of the index's
            # order (ties in a fixed order, RANK_INDEX_SCAN), at least RANK_WINDOW long, and
            # pages it here; within the window, ties go by page id as in the ts_rank path.
            top_sql = (
                "SELECT v.page_id, ts_rank(v.search_vector, q) "
                f"FROM {source}, to_tsquery('english', %s) q WHERE {RANKED_VECTOR} @@ q"
                f"{where_sql} ORDER BY {RANKED_VECTOR} <=> q LIMIT %s"
            )
            top_params = [tsquery, *where_params, max(RANK_WINDOW, offset + limit)]
            beside = side_connection.submit(top_sql, top_params) if may_overlap else None
            cursor.execute(
                f"SELECT array_agg(v.page_id) FROM {source} "
                f"WHERE v.search_vector @@ to_tsquery('english', %s){where_sql}",
                [tsquery, *where_params],
            )
            matched_ids = cursor.fetchone()[0] or []
            prefix = None
            if beside is not None:
                with contextlib.suppress(DatabaseError):  # if it failed: rank on this one
                    prefix = beside.result()
            if prefix is None:
                if offset >= len(matched_ids):
                    return [], matched_ids
                cursor.execute(RANK_INDEX_SCAN)
                cursor.execute(top_sql, top_params)
                prefix = cursor.fetchall()
                cursor.execute("SET LOCAL enable_bitmapscan = on")
            window = sorted(prefix[:RANK_WINDOW], key=lambda row: (row[1], row[0]), reverse=True)
            return (window + prefix[RANK_WINDOW:])[offset : offset + limit], matched_ids
        cursor.execute(
            "SELECT v.page_id, ts_rank(v.search_vector, q) "
            f"FROM {source}, to_tsquery('english', %s) q WHERE v.search_vector @@ q{where_sql}",
            [tsquery, *where_params],
        )
        scored = cursor.fetchall()
        # The same order as SQL's "score DESC, page_id DESC".
        top = heapq.nlargest(offset + limit, scored, key=lambda row: (row[1], row[0]))
        return top[offset:], [row[0] for row in scored]

    def _ranks_by_index(self, cursor, tsquery: str) -> bool:
        """Whether the rank index is ready and ``tsquery`` is a single word (after stemming and
        splitting, "e_filing" being two)."""
        cursor.execute(
            f"SELECT {RANK_INDEX_VALID}, numnode(to_tsquery('english', %s)) = 1",
            [RANK_INDEX, tsquery],
        )
        ready, one_word = cursor.fetchone()
        return ready and one_word

    def rank_index_ready(self, cursor) -> bool:
        """Whether the RUM rank index exists and is valid. Checked per search, not cached: a
        bulk write drops it and builds it again concurrently, and an index still being built
        is invalid."""
        cursor.execute(f"SELECT {RANK_INDEX_VALID}", [RANK_INDEX])
        return cursor.fetchone()[0]

    def drop_rank_index(self, cursor) -> bool:
        """Drop the RUM index before a bulk write; returns whether there was one. Inserting
        into it runs at about 700 documents a second, building it afresh at about 17,000."""
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RANK_INDEX])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {RANK_INDEX}")
        return True

    def create_rank_index(self, cursor) -> None:
        # CONCURRENTLY: searches and publishing go on while it builds; until it is valid,
        # searches rank with the one-pass query.
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {RANK_INDEX}")
        cursor.execute(
            f"CREATE INDEX CONCURRENTLY {RANK_INDEX} ON search_textvector "
            f"USING rum ({RANKED_VECTOR} rum_tsvector_ops)"
        )

    def document_frequency(
        self, cursor, term: QueryTerm, at_least: int = 0, exact: bool = True
    ) -> int | None:
        """How many documents hold ``word``; None, without counting, when PostgreSQL's own
        statistics put it well under ``at_least`` documents. Counting visits every matched row,
        as long as ranking them; the estimate is a plan, well under a millisecond. A word in
        most documents is always among the statistics' most common elements. With ``exact``
        false the estimate is the answer (two words in every document took 95 ms, counted)."""
        expression = [self.term_tsquery(term)]
        if at_least:
            cursor.execute(
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_textvector "
                "WHERE search_vector @@ to_tsquery('english', %s)",
                expression,
            )
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = plan[0]["Plan"]["Plan Rows"]
            if estimate < at_least * 0.8:
                return None
            if not exact:
                return int(estimate)
        cursor.execute(
            "SELECT count(*) FROM search_textvector WHERE search_vector @@ to_tsquery('english', %s)",
            expression,
        )
        return cursor.fetchone()[0]

    def analyze(self, cursor) -> None:
        # The frequency estimates above come from these statistics, and the facet join's plan
        # from the other two; after a bulk write they should not wait for autovacuum (stale
        # counts from a smaller index made the facet join 50% slower).
        cursor.execute("ANALYZE search_textvector, search_searchdocument, search_searchfacetvalue")
        # Bulk inserts land in the GIN indexes' pending lists, which every search then scans
        # in full and the planner prices so high that it avoided the index (a facet count at
        # 10,000 documents took 25 ms instead of 7). Only autovacuum merges them otherwise.
        for index in ("search_textvector_vector", "search_textvector_title"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    def write_text(self, cursor, documents: list[IndexDocument], texts: list[IndexedText]) -> None:
        as_written = [d.page_id for d, t in zip(documents, texts, strict=True) if not t.analysed]
        analysed = [(d.page_id, t) for d, t in zip(documents, texts, strict=True) if t.analysed]
        for chunk in chunks(analysed, 500):
            cursor.execute(
                "INSERT INTO search_textvector (page_id, search_vector, title_vector) "
                "SELECT t.page_id, "
                "setweight(to_tsvector('english', t.title), 'A') || "
                "setweight(to_tsvector('english', t.summary), 'B') || "
                "setweight(to_tsvector('english', t.body), 'C') || "
                "setweight(to_tsvector('english', left(t.attachments, %s)), 'D') || "
                "setweight(to_tsvector('english', t.romanised), 'D'), "
                "to_tsvector('simple', t.title_words) "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], "
                "%s::text[], %s::text[]) AS t(page_id, title, summary, body, attachments, "
                "romanised, title_words)",
                [
                    BODY_MAX_CHARS,
                    [page_id for page_id, _ in chunk],
                    *(
                        [getattr(t, name) for _, t in chunk]
                        for name in ("title", "summary", "body", "attachments")
                    ),
                    [" ".join(PG_KEY_MARK + k for k in t.romanised.split()) for _, t in chunk],
                    [t.title_words for _, t in chunk],
                ],
            )
        # ASCII-only documents: the vectors are computed from the rows just written, as before.
        for chunk in chunks(as_written, 500):
            cursor.execute(
                "INSERT INTO search_textvector (page_id, search_vector, title_vector) "
                "SELECT page_id, "
                "setweight(to_tsvector('english', title), 'A') || "
                "setweight(to_tsvector('english', summary), 'B') || "
                "setweight(to_tsvector('english', left(body, %s)), 'C') || "
                "setweight(to_tsvector('english', left(attachments, %s)), 'D'), "
                "to_tsvector('simple', title) FROM search_searchdocument WHERE page_id = ANY(%s)",
                [BODY_MAX_CHARS, BODY_MAX_CHARS, list(chunk)],
            )

    def delete_text(self, cursor, page_ids: list[int]) -> None:
        for chunk in chunks(list(page_ids), 500):
            cursor.execute("DELETE FROM search_textvector WHERE page_id = ANY(%s)", [list(chunk)])

    def clear_text(self, cursor) -> None:
        # TRUNCATE, not DELETE: deleted rows would stay in the GIN index until a vacuum, and
        # every search would visit them (the next load measured 10-30% slower).
        cursor.execute("TRUNCATE search_textvector, search_searchfacetvalue, search_searchdocument")

    def autocomplete(self, words, limit):
        expression = " & ".join([f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"])
        return (
            "SELECT v.page_id, d.title FROM search_textvector v "
            "JOIN search_searchdocument d ON d.page_id = v.page_id "
            "WHERE v.title_vector @@ to_tsquery('simple', %s) ORDER BY v.page_id DESC LIMIT %s",
            [expression, AUTOCOMPLETE_CANDIDATES],
        )

    def vocabulary_near(self, cursor, word: str) -> list[str]:
        vocabulary = cache.get("search:pg-title-vocabulary")
        if vocabulary is None:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT title_vector FROM search_textvector') "
                "ORDER BY ndoc DESC LIMIT 50000"
            )
            vocabulary = [row[0] for row in cursor.fetchall()]
            cache.set("search:pg-title-vocabulary", vocabulary, 300)
        return [w for w in vocabulary if w[:1] == word[:1]]
