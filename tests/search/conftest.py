"""The shared search suite runs once per available engine.

SQLite or PostgreSQL (whichever DATABASE_URL names) always; Elasticsearch as well when
ELASTICSEARCH_URL is set (see .ci/elasticsearch.sh, which starts a real server). On PostgreSQL
with the RUM extension the embedded engine runs twice: ranked by the RUM index, and without it
(as on a server that lacks the extension).
"""

import os
import uuid

import pytest

from search import breaker, service

ENGINES = (
    ["embedded"]
    + (
        ["embedded-without-rum"]
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else []
    )
    + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])
)


@pytest.fixture(params=ENGINES)
def engine_name(request, settings, monkeypatch):
    settings.SEARCH_REFRESH_ON_WRITE = True
    if request.param == "embedded":
        settings.SEARCH_ENGINE = "embedded"
        yield "embedded"
        return
    if request.param == "embedded-without-rum":
        settings.SEARCH_ENGINE = "embedded"
        yield from _without_rank_index(request)
        return
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    prefix = (
        f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'policylab-test')}-{uuid.uuid4().hex[:8]}"
    )
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    # The test database transaction never commits: hand Elasticsearch its writes straight away.
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())
    # A failed read falls back to the embedded engine, which would pass this run's tests
    # for Elasticsearch without it having answered (an index missing the pages, a bad query).
    monkeypatch.setattr(breaker, "elasticsearch_failed", _elasticsearch_must_answer)
    yield "elasticsearch"
    engine = service.elasticsearch_engine()
    if engine is not None:
        engine.drop()


def _elasticsearch_must_answer() -> None:
    raise AssertionError("Elasticsearch failed to answer; the embedded engine would have")


def pytest_collection_modifyitems(items):
    """Choose the engine before any other fixture builds content.

    Content built first (a ``home`` or ``governance`` fixture named before ``engine_name``)
    would be indexed by the default engine and never reach this test's Elasticsearch index.
    """
    for item in items:
        if "engine_name" in getattr(item, "fixturenames", ()):
            item.fixturenames.remove("engine_name")
            item.fixturenames.insert(0, "engine_name")


@pytest.fixture
def search_engine(engine_name):
    """The engine that answers reads in this parametrisation."""
    return service.read_engines()[0]


def _without_rank_index(request):
    from django.db import connection

    from search.engines.embedded import RANK_INDEX

    request.getfixturevalue("db")
    dialect = service.embedded_engine().dialect
    with connection.cursor() as cursor:
        if not dialect.rank_index_ready(cursor):
            pytest.skip(
                "the RUM extension is not installed: the embedded run already ranks without it"
            )
        # Inside the test's transaction, so the rollback at its end brings the index back;
        # tests that commit get it rebuilt below.
        cursor.execute(f"DROP INDEX {RANK_INDEX}")
    yield "embedded"
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            dialect.create_rank_index(cursor)
