"""The embedded engine's SQLite dialect: FTS5 tables ranked by bm25 (migrations 0002, 0004, 0009)."""

# Every SQL string below is assembled from constant fragments and %s placeholders only; user
# input travels exclusively as query parameters.
# ruff: noqa: S608

from __future__ import annotations

from ..base import IndexDocument
from .text import (
    AUTOCOMPLETE_CANDIDATES,
    ExpandedQuery,
    IndexedText,
    QueryTerm,
    chunks,
    phrase_variants,
)

#: SQLite's search_fts has one tokenizer for every column, and its porter stemmer would read a
#: key as English (the query ``kisne`` and किसान's key ``kisn`` are one stem). A trailing digit
#: ends in no English suffix, so "kisn0" is written and matched exactly.
SQLITE_KEY_MARK = "0"

#: bm25 column weights: title, summary, body, attachments, romanised (migration
#: 0009_fts5_whole_words_and_romanised). Romanised keys are loose, so they weigh no more than
#: attachments: a document that has the typed word itself ranks above one matched by its key.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 0.5, 0.5"


def sqlite_keys(romanised: str) -> str:
    """Space-separated keys as search_fts's romanised column holds them (``SQLITE_KEY_MARK``)."""
    return " ".join(key + SQLITE_KEY_MARK for key in romanised.split())


class SqliteDialect:
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
            variants = ['"' + " ".join(words) + '"' for words in phrase_variants(phrase)]
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
        # A filter restricts ``+search_fts.rowid``: the unary plus keeps SQLite from handing
        # the filter's ids to FTS5 as rowid lookups, which run the MATCH once per id (370 ms
        # instead of 3 ms for 535 ids and 1,190 matches at 30x the demo content).
        order_sql = "score" if order == "relevance" else "d.published_at DESC, d.page_id DESC"
        if order == "unranked":
            # Every word is in most documents: bm25's IDF is clamped to ~0, so scores carry no
            # signal and computing them for every match is wasted work. Newest page ids first.
            return (
                "SELECT search_fts.rowid, 0 FROM search_fts WHERE search_fts MATCH %s"
                + (
                    " AND +search_fts.rowid IN (SELECT d.page_id FROM search_searchdocument d WHERE 1=1"
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
                f" AND +search_fts.rowid IN (SELECT d.page_id FROM search_searchdocument d WHERE 1=1{where_sql})"
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
        for chunk in chunks(page_ids, 500):
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
