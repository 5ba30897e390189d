"""When Elasticsearch is unreachable, publishing works and search answers from the embedded copy."""

import logging

import pytest

from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_elasticsearch(settings, monkeypatch):
    from search import service

    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    settings.ELASTICSEARCH_TIMEOUT = 2
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())


def test_publishing_works_and_failure_is_logged(home, unreachable_elasticsearch, caplog):
    with caplog.at_level(logging.ERROR, logger="search.service"):
        page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    assert page.live
    assert "Elasticsearch write failed" in caplog.text


def test_search_falls_back_with_a_notice(home, client, unreachable_elasticsearch):
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    response = client.get("/search/", {"q": "water"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "reduced mode" in html
    assert "<mark>Water</mark> governance in Sindh" in html
    suggestions = client.get("/search/autocomplete/", {"q": "wat"}).json()["results"]
    assert [s["title"] for s in suggestions] == ["Water governance in Sindh"]
