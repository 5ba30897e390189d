"""The knowledge index's facet counts and a case study's related items are the same for every
reader: computed once per change of the content, not per request, and fresh after a write."""

import pytest

from core import search_port
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_calls(monkeypatch):
    calls = []
    provider = search_port._provider

    def spy(**kwargs):
        calls.append(kwargs)
        return provider(**kwargs)

    monkeypatch.setattr(search_port, "_provider", spy)
    return calls


def test_a_warm_knowledge_index_does_not_count_the_facets_again(client, home, service_calls):
    CaseStudyPageFactory(title="Digital land records", countries=["PK"])
    assert client.get("/knowledge/").status_code == 200
    assert service_calls
    service_calls.clear()
    assert client.get("/knowledge/").status_code == 200
    assert service_calls == []


def test_a_new_country_is_counted_on_the_next_request(client, home):
    CaseStudyPageFactory(title="Digital land records", countries=["PK"])
    assert "Bangladesh" not in client.get("/knowledge/").content.decode()
    CaseStudyPageFactory(title="Mobile birth registration", countries=["BD"])
    assert "Bangladesh" in client.get("/knowledge/").content.decode()


def test_related_items_follow_a_new_publication(client, home):
    page = CaseStudyPageFactory(title="Digital land records", countries=["NP"])
    assert "Mobile birth registration" not in client.get(page.url).content.decode()
    CaseStudyPageFactory(title="Mobile birth registration", countries=["NP"])
    assert "Mobile birth registration" in client.get(page.url).content.decode()
