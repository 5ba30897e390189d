"""The shared search suite runs once per available engine.

SQLite or PostgreSQL (whichever DATABASE_URL names) always; Elasticsearch as well when
ELASTICSEARCH_URL is set (see .ci/elasticsearch.sh, which starts a real server).
"""

import os
import uuid

import pytest

from search import service

ENGINES = ["embedded"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=ENGINES)
def engine_name(request, settings, monkeypatch):
    settings.SEARCH_REFRESH_ON_WRITE = True
    if request.param == "embedded":
        settings.SEARCH_ENGINE = "embedded"
        yield "embedded"
        return
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    prefix = (
        f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'policylab-test')}-{uuid.uuid4().hex[:8]}"
    )
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    # The test database transaction never commits: hand Elasticsearch its writes straight away.
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())
    yield "elasticsearch"
    engine = service.elasticsearch_engine()
    if engine is not None:
        engine.drop()


@pytest.fixture
def search_engine(engine_name):
    """The engine that answers reads in this parametrisation."""
    return service.read_engines()[0]
