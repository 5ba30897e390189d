"""The embedded engine's bulk path (what rebuild_search_index and the benchmark use).

Outside a transaction on PostgreSQL it writes through two connections at once; the result must
be the same as writing batch by batch: every document searchable, counts exact, removals done.
"""

import pytest
from django.db import connection

from search import service
from search.engines.base import SearchRequest, parse_query
from tests.search.factories import document


def _batches(word: str, count: int, size: int):
    documents = [
        document(title=f"District {word} report {i}", body=f"{word} figures for district {i}")
        for i in range(count)
    ]
    return documents, [documents[i : i + size] for i in range(0, count, size)]


def _search(engine, text: str):
    return engine.search(SearchRequest(text=text), parse_query(text))


@pytest.mark.django_db
def test_bulk_write_inside_a_transaction_writes_every_batch():
    engine = service.embedded_engine()
    documents, batches = _batches("zarkhez", 25, 10)
    gone = document(title="Zarkhez page that was unpublished")
    engine.upsert([gone])

    written = engine.write_batches(
        [(batch, []) for batch in batches[:-1]] + [(batches[-1], [gone.page_id])]
    )

    assert written == 25
    results = _search(engine, "zarkhez")
    assert results.total == 25
    assert gone.page_id not in {hit.page_id for hit in results.hits}


@pytest.fixture
def committed_postgres(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("the parallel writers only run on PostgreSQL (set DATABASE_URL=postgres://…)")


def _rank_index_ready() -> bool:
    with connection.cursor() as cursor:
        return service.embedded_engine().dialect.rank_index_ready(cursor)


@pytest.mark.postgres
def test_parallel_bulk_write_on_postgres_matches_a_serial_one(committed_postgres):
    engine = service.embedded_engine()
    documents, batches = _batches("kharif", 45, 10)
    had_rank_index = _rank_index_ready()

    written = engine.write_batches((batch, []) for batch in batches)

    assert written == 45
    # The RUM index is dropped for the load and built again afterwards, valid.
    assert _rank_index_ready() == had_rank_index
    results = _search(engine, "kharif")
    assert results.total == 45
    assert results.facet_counts["content_type"] == [("case_study", 45)]
    found = set()
    for page in (1, 2, 3):
        request = SearchRequest(text="kharif", page=page)
        found |= {hit.page_id for hit in engine.search(request, parse_query("kharif")).hits}
    assert found == {d.page_id for d in documents}
    engine.delete([d.page_id for d in documents])
    assert _search(engine, "kharif").total == 0
