"""An Elasticsearch write that fails is remembered and retried, not left stale until a rebuild.

Publishing while Elasticsearch is unreachable records the page (``SearchPendingWrite``); the
next successful write, or ``manage.py rebuild_search_index --pending``, writes the page's
current state (its document, or its removal) and forgets the record.
"""

import os
import uuid

import pytest
from django.core.management import CommandError, call_command

from search import service
from search.engines.base import ParsedQuery, SearchRequest
from search.models import SearchPendingWrite
from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_elasticsearch(settings, monkeypatch):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    settings.ELASTICSEARCH_TIMEOUT = 1
    # No cool-down: these tests are about pending writes when the cluster comes back, not about
    # the circuit breaker (tests/search/test_circuit_breaker.py).
    settings.ELASTICSEARCH_COOLDOWN = 0
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())


class RecordingElasticsearch:
    """Stands in for a cluster that is back: records what the service writes to it."""

    name = "elasticsearch"
    alias = "recording"

    def __init__(self):
        self.documents, self.deleted = {}, set()

    def upsert(self, documents):
        for document in documents:
            self.documents[document.page_id] = document
            self.deleted.discard(document.page_id)

    def delete(self, page_ids):
        for page_id in page_ids:
            self.documents.pop(page_id, None)
            self.deleted.add(page_id)

    def rebuild(self, batches):
        return sum(len(batch) for batch in batches)


def elasticsearch_comes_back(monkeypatch) -> RecordingElasticsearch:
    cluster = RecordingElasticsearch()
    monkeypatch.setattr(service, "elasticsearch_engine", lambda: cluster)
    return cluster


def test_a_failed_write_is_recorded_and_publishing_still_works(home, unreachable_elasticsearch):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    assert page.live
    record = SearchPendingWrite.objects.get(page_id=page.pk)
    assert record.attempts == 1
    assert record.error
    page.title = "Water governance in Sindh and Balochistan"
    page.save_revision().publish()
    assert SearchPendingWrite.objects.get(page_id=page.pk).attempts == 2
    # The embedded copy, which the fallback reads, is current all along.
    results = service.search(service.normalise_request(text="balochistan"))
    assert [h.page_id for h in results.hits] == [page.pk]
    assert results.notice


def test_the_command_keeps_the_records_while_elasticsearch_is_still_down(
    home, unreachable_elasticsearch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    with pytest.raises(CommandError, match="still unavailable"):
        call_command("rebuild_search_index", "--pending")
    assert SearchPendingWrite.objects.filter(page_id=page.pk).exists()


def test_the_next_successful_write_retries_the_failed_pages(
    home, unreachable_elasticsearch, monkeypatch
):
    missed = StandardPageFactory(parent=home, title="Water governance in Sindh")
    withdrawn = StandardPageFactory(parent=home, title="Flood relief cash transfers")
    withdrawn.unpublish()
    assert set(SearchPendingWrite.objects.values_list("page_id", flat=True)) == {
        missed.pk,
        withdrawn.pk,
    }
    cluster = elasticsearch_comes_back(monkeypatch)
    StandardPageFactory(parent=home, title="An unrelated page")
    assert SearchPendingWrite.objects.count() == 0
    # Each retried page is written as it is now: one indexed, the unpublished one removed.
    assert cluster.documents[missed.pk].title == "Water governance in Sindh"
    assert withdrawn.pk in cluster.deleted and withdrawn.pk not in cluster.documents


def test_the_command_retries_the_pending_pages(
    home, unreachable_elasticsearch, monkeypatch, capsys
):
    pages = [StandardPageFactory(parent=home, title=f"Water governance {n}") for n in range(3)]
    deleted = StandardPageFactory(parent=home, title="A page deleted while the cluster was down")
    deleted.delete()
    cluster = elasticsearch_comes_back(monkeypatch)
    call_command("rebuild_search_index", "--pending", "--batch-size", "2")
    assert "4 of 4 pending pages written" in capsys.readouterr().out
    assert set(cluster.documents) == {p.pk for p in pages}
    assert deleted.pk in cluster.deleted
    assert SearchPendingWrite.objects.count() == 0


def test_a_full_rebuild_forgets_the_records_it_caught_up_with(
    home, unreachable_elasticsearch, monkeypatch
):
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    assert SearchPendingWrite.objects.count() == 1
    elasticsearch_comes_back(monkeypatch)
    call_command("rebuild_search_index")
    assert SearchPendingWrite.objects.count() == 0


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
def test_a_real_cluster_catches_up_with_the_pending_command(home, settings, monkeypatch):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_REFRESH_ON_WRITE = True
    settings.ELASTICSEARCH_TIMEOUT = 1
    settings.ELASTICSEARCH_INDEX_PREFIX = f"policylab-pending-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    page = StandardPageFactory(parent=home, title="Quokkaland water governance")
    assert SearchPendingWrite.objects.filter(page_id=page.pk).exists()
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    engine = service.elasticsearch_engine()
    try:
        call_command("rebuild_search_index", "--pending")
        engine.refresh()
        hits = engine.search(SearchRequest(), ParsedQuery(terms=("quokkaland",))).hits
        assert [h.page_id for h in hits] == [page.pk]
        assert not SearchPendingWrite.objects.exists()
    finally:
        engine.drop()
