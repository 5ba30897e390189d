"""Elasticsearch that accepts connections but never answers: after the first timeout, search
answers from the embedded engine at once and publishing does not wait, until a cool-down ends."""

import socket
import time

import pytest

from search import service
from search.models import SearchPendingWrite
from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
# Generous, so a slow machine's page rendering is not mistaken for waiting on Elasticsearch.
TIMEOUT = 2.0


class HangingElasticsearch:
    """A listening socket that never accepts: the kernel completes every TCP handshake, so the
    client connects and sends, then waits for an answer that never comes."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.setblocking(False)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def new_connections(self) -> int:
        """How many connections arrived since last asked (each is taken off the backlog)."""
        count = 0
        while True:
            try:
                connection, _address = self.socket.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1


@pytest.fixture
def hanging(settings, monkeypatch, client):
    settings.SEARCH_ENGINE = "embedded"
    client.get("/search/", {"q": "warm up"})  # templates and queries compiled before timing
    server = HangingElasticsearch()
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.ELASTICSEARCH_COOLDOWN = 30
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())
    yield server
    server.socket.close()


def timed_search(client, text="water"):
    started = time.monotonic()
    response = client.get("/search/", {"q": text})
    return response, time.monotonic() - started


def test_first_search_waits_one_timeout_then_none_contact_elasticsearch(home, client, hanging):
    response, elapsed = timed_search(client)
    assert response.status_code == 200
    assert "reduced mode" in response.content.decode()
    assert elapsed < TIMEOUT * 2, f"the first search waited {elapsed:.2f} s (two timeouts?)"
    assert hanging.new_connections() == 1

    for _ in range(3):
        response, elapsed = timed_search(client)
        assert "reduced mode" in response.content.decode()
        assert elapsed < TIMEOUT, f"a search with the breaker open took {elapsed:.2f} s"
    assert client.get("/search/autocomplete/", {"q": "wat"}).status_code == 200
    assert hanging.new_connections() == 0


def test_elasticsearch_is_asked_again_after_the_cool_down(home, client, hanging, settings):
    settings.ELASTICSEARCH_COOLDOWN = 1
    timed_search(client)
    assert hanging.new_connections() == 1
    timed_search(client)
    assert hanging.new_connections() == 0
    time.sleep(1.1)
    timed_search(client)
    assert hanging.new_connections() == 1


def test_publishing_does_not_wait_once_the_breaker_is_open(home, client, hanging):
    timed_search(client)
    hanging.new_connections()
    started = time.monotonic()
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT, f"publishing waited {elapsed:.2f} s"
    assert hanging.new_connections() == 0
    assert SearchPendingWrite.objects.filter(page_id=page.pk).exists()
    # The embedded engine already has it.
    response, _elapsed = timed_search(client)
    assert "<mark>Water</mark> governance in Sindh" in response.content.decode()


def test_a_failed_publish_opens_the_breaker_for_searches(home, client, hanging):
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    assert hanging.new_connections() >= 1
    _response, elapsed = timed_search(client)
    assert elapsed < TIMEOUT
    assert hanging.new_connections() == 0
