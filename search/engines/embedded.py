"""The embedded engine: full-text search inside the site's own database.

Queries go straight at the structures migrations 0002, 0006 and 0008 create (FTS5 with bm25 on
SQLite; weighted tsvector + ts_rank on PostgreSQL, ordered by the RUM extension's index where the
server has it) and return a ranked top-N, because Wagtail's database backend re-evaluates the
match once per hit and takes seconds on common words.
Facet counts are one GROUP BY over the facet table, restricted to the matched documents.
"""

# Every SQL string below is assembled from constant fragments and %s placeholders only; user
# input travels exclusively as query parameters.
# ruff: noqa: S608

from __future__ import annotations

import contextlib
import difflib
import heapq
import itertools
import json
import re
import secrets
import threading
from collections import defaultdict, deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.transactions import read_transaction

from ..analysis import analyse_document, normalise, query_forms, words
from ..models import SearchDocument, SearchFacetValue, SearchIndexState
from .base import (
    FACETS,
    WORD_RE,
    EngineResult,
    Hit,
    IndexDocument,
    ParsedQuery,
    QueryMarker,
    SearchRequest,
    Suggestion,
    highlight,
    snippet,
)

BODY_MAX_CHARS = 300_000
#: Above this many matches, facet counts come from in-process bitmaps instead of a SQL join.
BITMAP_MIN_MATCHES = 2_000
AUTOCOMPLETE_CANDIDATES = 200
#: PostgreSQL connections writing batches at once during a bulk write (see write_batches).
PARALLEL_WRITERS = 2
STATE_KEY = "embedded"
#: The optional RUM index that ranks PostgreSQL matches without reading them (migration 0008).
RANK_INDEX = "search_textvector_rank"
#: What that index covers: the same vector, written so that only the ranking query, which names
#: this expression, can use it. On the bare column the planner sometimes picked it over GIN for
#: plain matching, and its bitmap scans are slower (22 against 6 ms for a word in every document).
RANKED_VECTOR = "(search_vector || ''::tsvector)"
#: One-word searches ranked by the RUM index read at least this many best matches and page them
#: in Python (``_PostgresDialect.ranked``): the first page, ties ordered by page id (each match
#: read into Python costs a heap row and a ts_rank, so the window is one page).
RANK_WINDOW = 20
#: The rank query is read from the RUM index's ordered scan only: a bitmap scan and a sort would
#: order equal scores differently, and a page could repeat a hit another page showed.
RANK_INDEX_SCAN = "SET LOCAL enable_bitmapscan = off"
#: SQL: whether the index named by the parameter exists and is valid (not mid-build).
RANK_INDEX_VALID = (
    "coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)), false)"
)
#: A romanised key the engines accept: lower-case ASCII letters and digits, starting with a
#: letter (anything else is dropped rather than quoted into a MATCH or tsquery string).
ROMANISED_KEY_RE = re.compile(r"[a-z][a-z0-9]*")
#: PostgreSQL keeps romanised keys in the same vector as the text (weight D), written with this
#: mark in front: "0kisan" is a ``numword`` token, which the ``english`` configuration leaves
#: unstemmed, and no English word of the text can be mistaken for a key or a key for one.
PG_KEY_MARK = "0"
#: SQLite's search_fts has one tokenizer for every column, and its porter stemmer would read a
#: key as English (the query ``kisne`` and किसान's key ``kisn`` are one stem). A trailing digit
#: ends in no English suffix, so "kisn0" is written and matched exactly.
SQLITE_KEY_MARK = "0"
#: At most this many native spellings of a quoted phrase are searched (each word's forms
#: multiply: "a b" with two forms each is four phrases on SQLite).
MAX_PHRASE_VARIANTS = 8


@dataclass(frozen=True)
class IndexedText:
    """What the full-text structures hold for a document; the document table keeps the
    original text for display."""

    title: str
    summary: str
    body: str
    attachments: str
    #: Space-separated romanised keys of the document's non-Latin words (may be empty).
    romanised: str
    #: The title's words normalised but not stemmed, for autocomplete and "did you mean",
    #: which compare what is typed with the beginnings and spellings of whole words.
    title_words: str
    #: False for ASCII-only text, which is indexed exactly as written (see ``indexed_text``).
    analysed: bool = True


def indexed_text(document: IndexDocument) -> IndexedText:
    """The analysed text of ``document`` (``search.analysis``), stemmed by its language.

    ASCII-only text skips the analysis: normalising changes nothing in it, its words are
    Latin and stay unstemmed for the database's English stemmer, and it has no romanised keys.
    English pages, most of the index, are then written as fast as before.
    """
    body = document.body[:BODY_MAX_CHARS]
    fields = (document.title, document.summary, body, document.attachments)
    if all(text.isascii() for text in fields):
        return IndexedText(*fields, romanised="", title_words=document.title, analysed=False)
    analysed = analyse_document(
        title=document.title, summary=document.summary, body=body,
        attachments=document.attachments, language=document.language or "en",
    )  # fmt: skip
    return IndexedText(
        title=analysed.title,
        summary=analysed.summary,
        body=analysed.body,
        attachments=analysed.attachments,
        romanised=" ".join(
            key for key in analysed.romanised.lower().split() if ROMANISED_KEY_RE.fullmatch(key)
        ),
        title_words=" ".join(words(normalise(document.title))),
    )


@dataclass(frozen=True)
class QueryTerm:
    """One parsed query word as the engine searches it: any of its ``native`` forms in the text
    columns, or any of its romanised ``keys`` (only those the index holds) in the romanised one."""

    native: tuple[str, ...]
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpandedQuery:
    """A parsed query with each word's forms (``search.analysis.query_forms``); every query the
    dialects build (count, ranked, matched ids, any-terms, document frequency) renders this."""

    terms: tuple[QueryTerm, ...]
    #: Each phrase as its words' native forms, in order.
    phrases: tuple[tuple[tuple[str, ...], ...], ...] = ()


def _native_forms(word: str, forms=None) -> tuple[str, ...]:
    """The word's native forms that are single words (anything else would be read as
    operators by a MATCH or tsquery string), or the word itself."""
    forms = (forms or query_forms(word)).native
    return tuple(dict.fromkeys(f for f in forms if WORD_RE.fullmatch(f))) or (word,)


def expand_query(parsed: ParsedQuery, present_keys) -> ExpandedQuery:
    """``parsed`` with each word's forms. ``present_keys(keys)`` returns those of the romanised
    keys the index holds: a key found nowhere adds nothing, so an English word whose keys match
    no document is searched exactly as it always was."""
    forms = {term: query_forms(term) for term in parsed.terms}
    wanted = {
        key.lower()
        for f in forms.values()
        for key in f.keys
        if ROMANISED_KEY_RE.fullmatch(key.lower())
    }
    present = present_keys(sorted(wanted)) if wanted else set()
    terms = tuple(
        QueryTerm(
            native=_native_forms(term, f),
            keys=tuple(dict.fromkeys(k.lower() for k in f.keys if k.lower() in present)),
        )
        for term, f in forms.items()
    )
    phrases = tuple(tuple(_native_forms(w) for w in phrase) for phrase in parsed.phrases)
    return ExpandedQuery(terms=terms, phrases=phrases)


def _phrase_variants(phrase: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    return list(itertools.islice(itertools.product(*phrase), MAX_PHRASE_VARIANTS))


class _FacetBitmaps:
    """Per-process bitmaps of which documents carry each facet value, for one index version.

    Counting facets over 100,000 matches by joining the facet table takes hundreds of
    milliseconds; AND-ing Python integers used as bitsets and counting bits takes a few.
    The version comes from the database row every index write bumps, so a removed document
    never lingers in a count.
    """

    _lock = threading.Lock()
    _cached: dict = {}

    @classmethod
    def get(cls, cursor) -> _FacetBitmaps:
        cursor.execute("SELECT version FROM search_searchindexstate WHERE key = %s", [STATE_KEY])
        row = cursor.fetchone()
        version = row[0] if row else 0
        key = (connection.alias, connection.settings_dict.get("NAME"))
        cached = cls._cached.get(key)
        if cached is not None and cached.version == version:
            return cached
        with cls._lock:
            built = cls(cursor, version)
            cls._cached[key] = built
            return built

    def __init__(self, cursor, version: int):
        self.version = version
        cursor.execute("SELECT page_id FROM search_searchdocument ORDER BY page_id")
        self.ordinal = {row[0]: i for i, row in enumerate(cursor.fetchall())}
        self.total = len(self.ordinal)
        cursor.execute(
            "SELECT facet, value, document_id FROM search_searchfacetvalue ORDER BY facet, value"
        )
        positions = defaultdict(list)
        ordinal = self.ordinal
        for facet, value, document_id in cursor.fetchall():
            position = ordinal.get(document_id)
            if position is not None:
                positions[(facet, value)].append(position)
        self.bitmaps = {k: self._bitmap(v) for k, v in positions.items()}

    def _bitmap(self, positions) -> int:
        bits = bytearray((self.total >> 3) + 1)
        for position in positions:
            bits[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bits, "little")

    def counts(self, page_ids=None) -> dict:
        if page_ids is None:
            pairs = ((key, bitmap.bit_count()) for key, bitmap in self.bitmaps.items())
        else:
            ordinal = self.ordinal
            matched = self._bitmap(ordinal[i] for i in page_ids if i in ordinal)
            pairs = ((key, (bitmap & matched).bit_count()) for key, bitmap in self.bitmaps.items())
        counts = defaultdict(list)
        for (facet, value), count in pairs:
            if count:
                counts[facet].append((value, count))
        return counts


class _SideConnection:
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


side_connection = _SideConnection()


#: bm25 column weights: title, summary, body, attachments, romanised (migration
#: 0009_fts5_whole_words_and_romanised). Romanised keys are loose, so they weigh no more than
#: attachments: a document that has the typed word itself ranks above one matched by its key.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 0.5, 0.5"


def sqlite_keys(romanised: str) -> str:
    """Space-separated keys as search_fts's romanised column holds them (``SQLITE_KEY_MARK``)."""
    return " ".join(key + SQLITE_KEY_MARK for key in romanised.split())


class _SqliteDialect:
    #: FTS5 ranks a top-N cheaply by itself; counts and facet ids are separate, cheap queries.
    ranks_with_ids = False

    def prepare(self, cursor) -> None:
        return None

    def analyze(self, cursor) -> None:
        return None

    def insert_rows(self, cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @staticmethod
    def term_expression(term: QueryTerm) -> str:
        if len(term.native) == 1 and not term.keys:
            return f'"{term.native[0]}"'  # an English word: the same query as ever
        parts = [f'"{form}"' for form in term.native]
        if term.keys:
            keys = " OR ".join(f'"{key}{SQLITE_KEY_MARK}"' for key in term.keys)
            parts.append(f"romanised : ({keys})")
        return "(" + " OR ".join(parts) + ")"

    def match_expression(self, query: ExpandedQuery, any_terms: bool) -> str:
        parts = [self.term_expression(term) for term in query.terms]
        for phrase in query.phrases:
            variants = ['"' + " ".join(words) + '"' for words in _phrase_variants(phrase)]
            parts.append(variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")")
        # FTS5 reads whitespace as AND only between plain phrases: before or after a
        # parenthesised group of spellings it is a syntax error, so the AND is written out.
        return (" OR " if any_terms else " AND ").join(parts)

    def present_keys(self, cursor, keys: list[str]) -> set[str]:
        """Which of ``keys`` some document's romanised column holds: one lookup in the
        vocabulary of the small unstemmed key table (migration 0009)."""
        marks = ", ".join(["%s"] * len(keys))
        cursor.execute(
            f"SELECT term FROM search_fts_romanised_vocab WHERE term IN ({marks})", list(keys)
        )
        return {row[0] for row in cursor.fetchall()}

    def matched_ids(self, parsed, any_terms):
        return (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
            [self.match_expression(parsed, any_terms)],
        )

    def ranked(self, parsed, any_terms, where_sql, where_params, order, limit, offset):
        order_sql = "score" if order == "relevance" else "d.published_at DESC, d.page_id DESC"
        if order == "unranked":
            # Every word is in most documents: bm25's IDF is clamped to ~0, so scores carry no
            # signal and computing them for every match is wasted work. Newest page ids first.
            return (
                "SELECT search_fts.rowid, 0 FROM search_fts WHERE search_fts MATCH %s"
                + (
                    " AND search_fts.rowid IN (SELECT d.page_id FROM search_searchdocument d WHERE 1=1"
                    + where_sql
                    + ")"
                    if where_sql
                    else ""
                )
                + " ORDER BY search_fts.rowid DESC LIMIT %s OFFSET %s",
                [self.match_expression(parsed, any_terms), *where_params, limit, offset],
            )
        if order == "relevance":
            # ``rank`` is configured as bm25 with the column weights (migration 0004); FTS5 sorts
            # on it faster than on an explicit bm25() call. Filters become a rowid restriction
            # rather than a join, which would make SQLite score every match twice as slowly.
            restriction = (
                f" AND search_fts.rowid IN (SELECT d.page_id FROM search_searchdocument d WHERE 1=1{where_sql})"
                if where_sql
                else ""
            )
            sql = (
                "SELECT search_fts.rowid, rank FROM search_fts WHERE search_fts MATCH %s"
                f"{restriction} ORDER BY rank LIMIT %s OFFSET %s"
            )
            return sql, [self.match_expression(parsed, any_terms), *where_params, limit, offset]
        sql = (
            f"SELECT d.page_id, bm25(search_fts, {SQLITE_WEIGHTS}) AS score "
            "FROM search_fts JOIN search_searchdocument d ON d.page_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s{where_sql} ORDER BY {order_sql} LIMIT %s OFFSET %s"
        )
        return sql, [self.match_expression(parsed, any_terms), *where_params, limit, offset]

    def count(self, parsed, any_terms, where_sql, where_params):
        if not where_sql:
            return (
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
                [self.match_expression(parsed, any_terms)],
            )
        return (
            "SELECT count(*) FROM search_fts JOIN search_searchdocument d "
            f"ON d.page_id = search_fts.rowid WHERE search_fts MATCH %s{where_sql}",
            [self.match_expression(parsed, any_terms), *where_params],
        )

    def document_frequency(
        self, cursor, term: QueryTerm, at_least: int = 0, exact: bool = True
    ) -> int | None:
        cursor.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
            [self.term_expression(term)],
        )
        return cursor.fetchone()[0]

    def write_text(self, cursor, documents: list[IndexDocument], texts: list[IndexedText]) -> None:
        ids = [d.page_id for d in documents]
        self.delete_text(cursor, ids)
        cursor.executemany(
            "INSERT INTO search_fts(rowid, title, summary, body, attachments, romanised) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (d.page_id, t.title, t.summary, t.body, t.attachments, sqlite_keys(t.romanised))
                for d, t in zip(documents, texts, strict=True)
            ],
        )
        cursor.executemany(
            "INSERT INTO search_fts_title(rowid, title) VALUES (%s, %s)",
            [(d.page_id, t.title_words) for d, t in zip(documents, texts, strict=True)],
        )
        keyed = [(d.page_id, t.romanised) for d, t in zip(documents, texts, strict=True)]
        if any(romanised for _, romanised in keyed):
            cursor.executemany(
                "INSERT INTO search_fts_romanised(rowid, romanised) VALUES (%s, %s)",
                [row for row in keyed if row[1]],
            )

    def delete_text(self, cursor, page_ids: list[int]) -> None:
        for chunk in _chunks(page_ids, 500):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM search_fts_title WHERE rowid IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM search_fts_romanised WHERE rowid IN ({marks})", chunk)

    def clear_text(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")
        cursor.execute("DELETE FROM search_fts_title")
        cursor.execute("DELETE FROM search_fts_romanised")

    def autocomplete(self, words, limit):
        # Ranking every title that shares a short prefix costs hundreds of milliseconds at
        # 100k pages; the newest 200 candidates are re-ranked in Python instead.
        expression = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        return (
            "SELECT search_fts_title.rowid, search_fts_title.title FROM search_fts_title "
            "WHERE search_fts_title MATCH %s ORDER BY search_fts_title.rowid DESC LIMIT %s",
            [expression.strip(), AUTOCOMPLETE_CANDIDATES],
        )

    def vocabulary_near(self, cursor, word: str) -> list[str]:
        cursor.execute("SELECT 1 FROM search_fts_title_vocab WHERE term = %s", [word])
        if cursor.fetchone():
            return [word]
        cursor.execute(
            "SELECT term FROM search_fts_title_vocab WHERE term >= %s AND term < %s LIMIT 5000",
            [word[:1], word[:1] + "\U0010ffff"],
        )
        return [row[0] for row in cursor.fetchall()]


class _PostgresDialect:
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
        if order == "unranked":  # see _SqliteDialect.ranked: every word is in most documents
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
        for chunk in _chunks(analysed, 500):
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
        for chunk in _chunks(as_written, 500):
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
        for chunk in _chunks(list(page_ids), 500):
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


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class EmbeddedEngine:
    name = "embedded"

    def __init__(self):
        self.dialect = _PostgresDialect() if connection.vendor == "postgresql" else _SqliteDialect()

    @property
    def label(self) -> str:
        if connection.vendor != "postgresql":
            return "SQLite FTS5"
        with connection.cursor() as cursor:
            ranked_by_index = self.dialect.rank_index_ready(cursor)
        return "PostgreSQL full-text, RUM-ranked" if ranked_by_index else "PostgreSQL full-text"

    # --- reads ------------------------------------------------------------------------------

    def search(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult:
        return self._search(request, parsed, any_terms=False)

    def any_terms(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult:
        return self._search(request, parsed, any_terms=True)

    def _where(self, request: SearchRequest, skip_facet: str | None = None):
        clauses, params = [], []
        if request.content_types:
            clauses.append(f"d.content_type IN ({', '.join(['%s'] * len(request.content_types))})")
            params.extend(request.content_types)
        if isinstance(request.page_ids, QuerySet):
            # A restriction the caller states as a query (the challenges that the clock admits
            # today) stays a subquery: no id list travels through Python.
            ids_sql, ids_params = request.page_ids.query.sql_with_params()
            clauses.append(f"d.page_id IN ({ids_sql})")
            params.extend(ids_params)
        elif request.page_ids is not None:
            ids = [int(i) for i in request.page_ids] or [-1]
            clauses.append(f"d.page_id IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
        for facet in FACETS:
            values = request.filters.get(facet) or []
            if not values or facet == skip_facet:
                continue
            clauses.append(
                "d.page_id IN (SELECT document_id FROM search_searchfacetvalue "
                f"WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))}))"
            )
            params.extend([facet, *values])
        return "".join(f" AND {c}" for c in clauses), params

    def matching_pages(self, request: SearchRequest) -> QuerySet:
        """The ids of the documents passing ``request``'s content types, page ids and facet
        filters (no words), as a query the caller runs inside its own: it orders and pages them
        by page fields in one query, without the ids ever being read here."""
        documents = SearchDocument.objects.all()
        if request.content_types:
            documents = documents.filter(content_type__in=request.content_types)
        if request.page_ids is not None:
            documents = documents.filter(page_id__in=request.page_ids)
        for facet, values in request.filters.items():
            holding = SearchFacetValue.objects.filter(facet=facet, value__in=values)
            documents = documents.filter(page_id__in=holding.values("document_id"))
        return documents.values("page_id")

    def matched_page_ids(self, request: SearchRequest, parsed: ParsedQuery) -> list[int]:
        """Every page id matching ``request`` (words, content types, page ids, filters): ids
        only, unranked and without snippets, in one query whatever their number."""
        where_sql, where_params = self._where(request)
        with read_transaction(), connection.cursor() as cursor:
            self.dialect.prepare(cursor)
            if parsed.is_empty:
                sql, params = "", []
            else:
                query = expand_query(parsed, lambda keys: self.dialect.present_keys(cursor, keys))
                ids_sql, params = self.dialect.matched_ids(query, False)
                sql = f" AND d.page_id IN ({ids_sql})"
            cursor.execute(
                f"SELECT d.page_id FROM search_searchdocument d WHERE 1=1{sql}{where_sql}",
                [*params, *where_params],
            )
            return [row[0] for row in cursor.fetchall()]

    def _search(self, request, parsed, any_terms) -> EngineResult:
        where_sql, where_params = self._where(request)
        may_overlap = not connection.in_atomic_block  # see _SideConnection
        # One snapshot for the page, its total and its facet counts; a read, so no write lock.
        with read_transaction(), connection.cursor() as cursor:
            self.dialect.prepare(cursor)
            query = expand_query(parsed, lambda keys: self.dialect.present_keys(cursor, keys))
            matched_ids = None
            if parsed.is_empty:
                order = "d.published_at DESC, d.page_id DESC"
                cursor.execute(
                    "SELECT d.page_id, 0 FROM search_searchdocument d WHERE 1=1"
                    f"{where_sql} ORDER BY {order} LIMIT %s OFFSET %s",
                    [*where_params, request.per_page, request.offset],
                )
                ranked = cursor.fetchall()
                cursor.execute(
                    f"SELECT count(*) FROM search_searchdocument d WHERE 1=1{where_sql}",
                    where_params,
                )
                total = cursor.fetchone()[0]
                matched = (
                    f"SELECT d.page_id FROM search_searchdocument d WHERE 1=1{where_sql}",
                    where_params,
                )
            else:
                order = request.sort
                known_total = None
                if order == "relevance" and not any_terms and parsed.terms and not parsed.phrases:
                    half = _FacetBitmaps.get(cursor).total // 2
                    frequencies = []
                    # One word's exact count is the total; several words' counts only choose
                    # between ranked and unranked, and their total is counted together.
                    exact = len(parsed.terms) == 1 and not where_sql
                    for term in query.terms:
                        frequencies.append(
                            self.dialect.document_frequency(
                                cursor, term, at_least=half, exact=exact
                            )
                        )
                        if frequencies[-1] is None or frequencies[-1] <= half:
                            break
                    if half > BITMAP_MIN_MATCHES and all(f and f > half for f in frequencies):
                        order = "unranked"
                    if len(parsed.terms) == 1 and not where_sql and frequencies[0]:
                        known_total = frequencies[0]  # a second count would scan the same list
                if order == "relevance" and self.dialect.ranks_with_ids:
                    ranked, matched_ids = self.dialect.ranked_with_ids(
                        cursor, query, any_terms, where_sql, where_params,
                        request.per_page, request.offset, may_overlap=may_overlap,
                    )  # fmt: skip
                    known_total = len(matched_ids)
                else:
                    sql, params = self.dialect.ranked(
                        query, any_terms, where_sql, where_params, order,
                        request.per_page, request.offset,
                    )  # fmt: skip
                    cursor.execute(sql, params)
                    ranked = cursor.fetchall()
                if known_total is not None:
                    total = known_total
                elif len(ranked) < request.per_page and (ranked or request.offset == 0):
                    total = request.offset + len(ranked)
                else:
                    cursor.execute(*self.dialect.count(query, any_terms, where_sql, where_params))
                    total = cursor.fetchone()[0]
                ids_sql, ids_params = self.dialect.matched_ids(query, any_terms)
                if where_sql:
                    matched = (
                        f"SELECT d.page_id FROM search_searchdocument d WHERE d.page_id IN ({ids_sql}){where_sql}",
                        [*ids_params, *where_params],
                    )
                else:
                    matched = (ids_sql, ids_params)
            facet_counts = {}
            if request.with_facets:
                facet_counts = self._facet_counts(
                    cursor, matched, total, unrestricted=parsed.is_empty and not where_sql,
                    matched_everything=not where_sql and not request.content_types,
                    matched_ids=matched_ids,
                )  # fmt: skip
        hits = self._hits(ranked, parsed)
        return EngineResult(hits=hits, total=total, facet_counts=facet_counts)

    def _facet_counts(
        self,
        cursor,
        matched,
        total: int,
        unrestricted: bool,
        matched_everything: bool = False,
        matched_ids: list[int] | None = None,
    ) -> dict:
        """Counts per facet value over ``matched`` (SQL for the matched ids), or over
        ``matched_ids`` when the search already fetched them."""
        if unrestricted or total > BITMAP_MIN_MATCHES:
            bitmaps = _FacetBitmaps.get(cursor)
            if unrestricted or (total == bitmaps.total and matched_everything):
                counts = bitmaps.counts()
            elif matched_ids is not None:
                counts = bitmaps.counts(matched_ids)
            else:
                sql, params = matched
                cursor.execute(sql, params)
                counts = bitmaps.counts(row[0] for row in cursor.fetchall())
        else:
            sql, params = matched
            cursor.execute(
                "SELECT facet, value, count(*) FROM search_searchfacetvalue "
                f"WHERE document_id IN ({sql}) GROUP BY facet, value",
                params,
            )
            counts = defaultdict(list)
            for facet, value, count in cursor.fetchall():
                counts[facet].append((value, count))
        for options in counts.values():
            options.sort(key=lambda item: (-item[1], item[0]))
        return dict(counts)

    def _hits(self, ranked, parsed: ParsedQuery) -> list[Hit]:
        if not ranked:
            return []
        rows = {
            row["page_id"]: row
            for row in SearchDocument.objects.filter(pk__in=[r[0] for r in ranked]).values(
                "page_id",
                "title",
                "summary",
                "body",
                "attachments",
                "url",
                "content_type",
                "published_at",
            )
        }
        words = parsed.all_words
        marker = QueryMarker(words)  # each word's forms, looked up once for every hit
        hits = []
        for page_id, score in ranked:
            row = rows.get(page_id)
            if row is None:
                continue
            hits.append(
                Hit(
                    page_id=page_id,
                    title=row["title"],
                    url=row["url"],
                    content_type=row["content_type"],
                    summary=row["summary"],
                    published_at=row["published_at"],
                    title_html=highlight(row["title"], words, marker),
                    snippet_html=snippet(
                        [row["summary"], row["body"], row["attachments"]], words, marker=marker
                    ),
                    score=float(score or 0),
                )
            )
        return hits

    def autocomplete(self, words: tuple[str, ...], limit: int) -> list[Suggestion]:
        if not words:
            return []
        with connection.cursor() as cursor:
            cursor.execute(*self.dialect.autocomplete(words, limit))
            candidates = cursor.fetchall()
        typed = " ".join(words)

        def closeness(row):
            title = row[1].lower()
            return (not title.startswith(typed), typed not in title, len(title), -row[0])

        best = [row[0] for row in sorted(candidates, key=closeness)[:limit]]
        details = {
            row["page_id"]: row
            for row in SearchDocument.objects.filter(pk__in=best).values(
                "page_id", "title", "url", "content_type"
            )
        }
        return [
            Suggestion(
                title=details[pk]["title"],
                url=details[pk]["url"],
                content_type=details[pk]["content_type"],
            )
            for pk in best
            if pk in details
        ]

    def spelling(self, words: tuple[str, ...]) -> dict[str, str]:
        corrections = {}
        with connection.cursor() as cursor:
            for word in words[:6]:
                candidates = self.dialect.vocabulary_near(cursor, word)
                if word in candidates:
                    continue
                close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
                if close:
                    corrections[word] = close[0]
        return corrections

    # --- writes -----------------------------------------------------------------------------

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
            for chunk in _chunks(page_ids, 500):
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
