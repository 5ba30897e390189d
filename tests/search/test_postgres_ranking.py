"""PostgreSQL's two ways of ranking: the RUM index where the extension is installed (with its top N
read beside the id pass on a second connection), and ts_rank over every match where it is not.
Both must give the same results; the shared suite runs both, these tests cover what only
committed data shows."""

import pytest
from django.db import DatabaseError, connection

from search import service
from search.engines.base import SearchRequest, parse_query
from search.engines.embedded import postgres
from search.engines.embedded.side_connection import SideConnection, side_connection
from tests.search.factories import document


@pytest.fixture
def committed_postgres(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (set DATABASE_URL=postgres://…)")


@pytest.fixture
def rum(committed_postgres):
    with connection.cursor() as cursor:
        if not service.embedded_engine().dialect.rank_index_ready(cursor):
            pytest.skip("the RUM extension is not installed")


def _indexed(engine):
    documents = [
        document(title="Tubewell metering in Okara", body="Okara tubewell pilots."),
        document(title="Canal water audit", summary="Tubewell use beside canals."),
        *[document(title=f"District note {i}", body="tubewell figures") for i in range(30)],
    ]
    engine.upsert(documents)
    return documents


def _pages(engine):
    found = []
    for page in (1, 2):
        request = SearchRequest(text="tubewell", page=page)
        result = engine.search(request, parse_query("tubewell"))
        found.append([hit.page_id for hit in result.hits])
    return found, result.total, result.facet_counts


@pytest.mark.postgres
def test_postgres_names_the_rum_ranking_where_the_database_has_the_extension(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        rum_installed = cursor.fetchone() is not None
        ready = service.embedded_engine().dialect.rank_index_ready(cursor)

    # Migration 0008 builds the index wherever the extension exists (or this role could create
    # it); a role that may not create extensions leaves both out, and search ranks without.
    assert ready == rum_installed
    assert service.embedded_engine().label == (
        "PostgreSQL full-text, RUM-ranked" if rum_installed else "PostgreSQL full-text"
    )


@pytest.mark.postgres
def test_the_side_connection_ranks_like_the_request_connection(rum, monkeypatch):
    engine = service.embedded_engine()
    documents = _indexed(engine)
    calls = []
    fetch = SideConnection._fetch
    monkeypatch.setattr(
        SideConnection, "_fetch", staticmethod(lambda *a: calls.append(1) or fetch(*a))
    )

    beside, total, facets = _pages(engine)
    assert calls, "outside a transaction the top N is read on the side connection"

    with side_connection._busy:  # as if another thread of the process were using it
        alone, alone_total, alone_facets = _pages(engine)

    assert beside == alone
    assert beside[0][:2] == [documents[0].page_id, documents[1].page_id]  # title matches first
    assert set(beside[0]) | set(beside[1]) == {d.page_id for d in documents}
    assert (total, facets) == (alone_total, alone_facets) == (32, facets)


@pytest.mark.postgres
def test_a_failing_side_connection_falls_back_to_the_request_connection(rum, monkeypatch):
    engine = service.embedded_engine()
    _indexed(engine)
    expected = _pages(engine)

    def broken(*args):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(SideConnection, "_fetch", staticmethod(broken))

    assert _pages(engine) == expected


def _every_page(engine, per_page=4):
    pages, page = [], 1
    while True:
        request = SearchRequest(text="tubewell", page=page, per_page=per_page)
        hits = [hit.page_id for hit in engine.search(request, parse_query("tubewell")).hits]
        if not hits:
            return pages
        pages.append(hits)
        page += 1


@pytest.mark.postgres
def test_pages_of_tied_scores_partition_one_ranking_within_and_beyond_the_window(rum, monkeypatch):
    """Thirty notes score alike: every page shows new ones, newest page id first, also past the
    window that is ordered in Python (12 here, 200 on the site)."""
    monkeypatch.setattr(postgres, "RANK_WINDOW", 12)
    engine = service.embedded_engine()
    documents = _indexed(engine)

    pages = _every_page(engine)

    listed = [page_id for page in pages for page_id in page]
    assert sorted(listed) == sorted(d.page_id for d in documents)  # each once
    notes = [page_id for page_id in listed[:12] if page_id not in listed[:2]]
    assert notes == sorted(notes, reverse=True)


@pytest.mark.postgres
def test_a_first_page_reads_the_rank_index_without_sorting_every_match(rum, monkeypatch):
    """Ordering ties by page id in SQL made PostgreSQL read and sort all 8,000 matches of a
    word (88 ms against 4 ms at 100,000 documents): within the window the index's order is
    read as it is."""
    engine = service.embedded_engine()
    _indexed(engine)
    statements = []
    fetch = SideConnection._fetch
    monkeypatch.setattr(
        SideConnection,
        "_fetch",
        staticmethod(lambda sql, params: statements.append(sql) or fetch(sql, params)),
    )

    engine.search(SearchRequest(text="tubewell"), parse_query("tubewell"))

    (ranked,) = statements
    assert "<=> q LIMIT" in ranked and "page_id DESC" not in ranked
