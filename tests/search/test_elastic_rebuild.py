"""Full rebuilds on a real Elasticsearch: the new index answers the moment the alias moves, the old
one goes, later publishes show up on their own, and a failed rebuild leaves the live index alone.
Skipped unless ELASTICSEARCH_URL names a server (.ci/elasticsearch.sh starts one)."""

import os
import time
import uuid

import pytest

from search.engines.base import SearchRequest, parse_query
from search.engines.elastic.engine import ElasticsearchEngine
from tests.search.factories import document

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL (a real server)"
    ),
    # Snippets of hits whose summary does not mention the query come from the embedded rows.
    pytest.mark.django_db,
]


@pytest.fixture
def engine():
    prefix = f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'policylab-test')}-rb-{uuid.uuid4().hex[:8]}"
    # As in production: writes are not refreshed one by one.
    engine = ElasticsearchEngine(os.environ["ELASTICSEARCH_URL"], prefix, timeout=30)
    yield engine
    engine.drop()


def titles(engine, text):
    result = engine.search(SearchRequest(text=text, with_facets=False), parse_query(text))
    return sorted(hit.title for hit in result.hits)


def indices_behind(engine):
    return list(engine.client.indices.get_alias(name=engine.alias).keys())


def test_rebuild_is_searchable_at_once_and_replaces_the_old_index(engine):
    engine.rebuild([[document(title="Land records in Bangladesh")]])
    first = indices_behind(engine)
    assert titles(engine, "land records") == ["Land records in Bangladesh"]

    batches = [
        [document(title=f"Service centre {i}", summary="One-stop services") for i in range(700)],
        [document(title="Civil service reform in Punjab")],
    ]
    assert engine.rebuild(iter(batches)) == 701

    assert titles(engine, "civil service reform") == ["Civil service reform in Punjab"]
    assert titles(engine, "land records") == []
    assert engine.document_count() == 701
    behind = indices_behind(engine)
    assert len(behind) == 1 and behind != first
    assert not engine.client.indices.exists(index=first[0])


def test_publish_after_a_rebuild_becomes_searchable_without_an_explicit_refresh(engine):
    engine.rebuild([[document(title="Civil service reform in Punjab")]])
    engine.upsert([document(title="Open budget data in Nepal")])
    deadline = time.monotonic() + 10
    while titles(engine, "budget") == [] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert titles(engine, "budget") == ["Open budget data in Nepal"]


def test_failed_rebuild_keeps_the_live_index_and_removes_the_unfinished_one(engine):
    engine.rebuild([[document(title="Civil service reform in Punjab")]])
    live = indices_behind(engine)

    def batches():
        yield [document(title="Half-built index")]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.rebuild(batches())

    assert indices_behind(engine) == live
    assert titles(engine, "civil service reform") == ["Civil service reform in Punjab"]
    leftovers = engine.client.indices.get(index=f"{engine.alias}-*").keys()
    assert list(leftovers) == live
