"""The knowledge index gets its results and facet counts from the search service."""

import pytest

from core import search_port
from knowledge.selectors import knowledge_browse
from tests.knowledge.factories import CaseStudyPageFactory
from tests.network.factories import stage

pytestmark = pytest.mark.django_db


def test_browse_asks_the_search_port_and_unpublish_removes_from_counts(home, monkeypatch):
    shown = CaseStudyPageFactory(title="Shown", countries=["PK"], stage=stage("pilot"))
    CaseStudyPageFactory(title="Other", countries=["IN"], stage=stage("pilot"))
    calls = []
    provider = search_port._provider

    def spy(**kwargs):
        calls.append(kwargs)
        return provider(**kwargs)

    monkeypatch.setattr(search_port, "_provider", spy)
    results = knowledge_browse({"stage": ["pilot"]})
    assert results.total == 2
    assert calls[0]["content_types"] == ("case_study", "finding")
    assert calls[0]["filters"] == {"stage": ["pilot"]}

    shown.unpublish()
    results = knowledge_browse({"stage": ["pilot"]})
    assert [page.title for page in results.pages] == ["Other"]
    country = next(f for f in results.facets if f.name == "country")
    assert {o.value: o.count for o in country.options} == {"IN": 1}
