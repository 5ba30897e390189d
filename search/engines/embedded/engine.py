"""The embedded engine: full-text search inside the site's own database.

Queries go straight at the structures migrations 0002, 0006 and 0008 create (FTS5 with bm25 on
SQLite; weighted tsvector + ts_rank on PostgreSQL, ordered by the RUM extension's index where the
server has it) and return a ranked top-N, because Wagtail's database backend re-evaluates the
match once per hit and takes seconds on common words.
Facet counts are one GROUP BY over the facet table, restricted to the matched documents, or,
above ``BITMAP_MIN_MATCHES``, bit counts over per-process bitmaps (``facets.FacetBitmaps``).
"""

# Every SQL string below is assembled from constant fragments and %s placeholders only; user
# input travels exclusively as query parameters.
# ruff: noqa: S608

from __future__ import annotations

import difflib
from collections import defaultdict

from django.db import connection
from django.db.models import QuerySet

from core.transactions import read_transaction

from ...models import SearchDocument, SearchFacetValue
from ..base import (
    FACETS,
    EngineResult,
    Hit,
    ParsedQuery,
    QueryMarker,
    SearchRequest,
    Suggestion,
    highlight,
    snippet,
)
from .facets import FacetBitmaps
from .postgres import PostgresDialect
from .sqlite import SqliteDialect
from .text import expand_query
from .writes import IndexWrites

#: Above this many matches, facet counts come from in-process bitmaps instead of a SQL join.
#: Measured at 30x the demo content (1,403 documents): "governance" (1,127 matches) took 7.8 ms
#: of CPU in the join and 0.9 ms with bitmaps, 750 matches 4.2 ms and 0.5 ms; the bitmaps are
#: built once per index version per process (18 ms at that size).
BITMAP_MIN_MATCHES = 200


def _chosen_facets(request: SearchRequest) -> dict[str, list[str]]:
    """The request's facet filters that hold a value, in ``FACETS`` order."""
    return {facet: request.filters[facet] for facet in FACETS if request.filters.get(facet)}


class EmbeddedEngine(IndexWrites):
    """The engine's reads; its writes (``IndexWrites``) share its dialect."""

    name = "embedded"

    def __init__(self):
        self.dialect = PostgresDialect() if connection.vendor == "postgresql" else SqliteDialect()

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
        for facet, values in _chosen_facets(request).items():
            if facet == skip_facet:
                continue
            clauses.append(
                "d.page_id IN (SELECT document_id FROM search_searchfacetvalue "
                f"WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))}))"
            )
            params.extend([facet, *values])
        return "".join(f" AND {c}" for c in clauses), params

    @staticmethod
    def _selections(request: SearchRequest) -> dict[str, list[str]] | None:
        """The facet values that decide a search without words, as ``FacetBitmaps.matching``
        takes them; None when a list of page ids restricts it too."""
        if request.page_ids is not None:
            return None
        selections = _chosen_facets(request)
        if request.content_types:
            selections["content_type"] = list(request.content_types)
        return selections

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
        may_overlap = not connection.in_atomic_block  # see side_connection.SideConnection
        # One snapshot for the page, its total and its facet counts; a read, so no write lock.
        with read_transaction(), connection.cursor() as cursor:
            self.dialect.prepare(cursor)
            query = expand_query(parsed, lambda keys: self.dialect.present_keys(cursor, keys))
            matched_ids = None
            # Read once per search: each read checks the index's version with a query.
            bitmaps = None
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
                    bitmaps = FacetBitmaps.get(cursor)
                    half = bitmaps.total // 2
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
                    matched_ids=matched_ids, bitmaps=bitmaps,
                    selections=self._selections(request) if parsed.is_empty else None,
                )  # fmt: skip
        if request.ids_only:
            hits = [Hit.ranked_id(page_id, float(score or 0)) for page_id, score in ranked]
        else:
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
        bitmaps: FacetBitmaps | None = None,
        selections: dict[str, list[str]] | None = None,
    ) -> dict:
        """Counts per facet value over ``matched`` (SQL for the matched ids), over
        ``matched_ids`` when the search already fetched them, or over the facet ``selections``
        that alone decide the matches (a search without words); ``bitmaps`` if it read them."""
        if unrestricted or total > BITMAP_MIN_MATCHES:
            bitmaps = bitmaps or FacetBitmaps.get(cursor)
            if unrestricted or (total == bitmaps.total and matched_everything):
                counts = bitmaps.counts()
            elif matched_ids is not None:
                counts = bitmaps.counts(matched_ids)
            elif selections is not None:
                # No id list to read: as many queries as the SQL join below, whatever the size.
                counts = bitmaps.counts(matched=bitmaps.matching(selections))
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
