"""The place facet on /knowledge/: a province counts its districts' items; choosing a district
narrows from its province; drafts and private pages are never counted."""

import html

import pytest

from knowledge.selectors import knowledge_browse
from tests.knowledge.factories import CaseStudyPageFactory
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(home, gazetteer):
    def tagged(title, *codes, **extra):
        return CaseStudyPageFactory(title=title, places=[gazetteer(c) for c in codes], **extra)

    private = tagged("Private Lahore", "PK-PB-LAHORE")
    PageViewRestrictionFactory(page=private)
    return [
        tagged("Lahore one", "PK-PB-LAHORE"),
        tagged("Model Town", "PK-PB-LAHORE-MODEL-TOWN"),
        tagged("Multan", "PK-PB-MULTAN"),
        tagged("Hyderabad and Khulna", "PK-SD-HYDERABAD", "BD-27"),
        tagged("Punjab-wide", "PK-PB"),
        tagged("Draft Lahore", "PK-PB-LAHORE", live=False),
        private,
    ]


def _place_options(results):
    facet = next(f for f in results.facets if f.name == "place")
    return {(option.value, option.count, option.selected) for option in facet.options}


def _titles(results):
    return sorted(page.title for page in results.pages)


def test_top_level_shows_provinces_and_divisions_with_their_descendants_counted(corpus):
    results = knowledge_browse({})
    assert _place_options(results) == {
        ("PK-PB", 4, False), ("PK-SD", 1, False), ("BD-D", 1, False)
    }  # fmt: skip


def test_choosing_a_province_lists_its_items_and_offers_its_districts(corpus):
    results = knowledge_browse({"place": ["PK-PB"]})
    assert _titles(results) == ["Lahore one", "Model Town", "Multan", "Punjab-wide"]
    assert _place_options(results) == {
        ("PK-PB", 4, True), ("PK-SD", 1, False), ("BD-D", 1, False),
        ("PK-PB-LAHORE", 2, False), ("PK-PB-MULTAN", 1, False),
    }  # fmt: skip


def test_choosing_a_district_narrows_and_offers_the_way_back_up(corpus):
    results = knowledge_browse({"place": ["PK-PB-LAHORE"]})
    assert _titles(results) == ["Lahore one", "Model Town"]
    assert _place_options(results) == {
        ("PK-PB", 4, False), ("PK-SD", 1, False), ("BD-D", 1, False),
        ("PK-PB-LAHORE", 2, True), ("PK-PB-LAHORE-MODEL-TOWN", 1, False),
    }  # fmt: skip


def test_the_page_links_from_province_to_district_replacing_the_province(client, corpus):
    page = html.unescape(client.get("/knowledge/", {"place": "PK-PB"}).content.decode())
    assert 'href="?place=PK-PB-LAHORE#results"' in page
    assert "place=PK-PB&amp;place=PK-PB-LAHORE" not in page
    narrowed = client.get("/knowledge/", {"place": "PK-PB-LAHORE"}).content.decode()
    assert "Lahore one" in narrowed and "Multan" not in narrowed
    assert "Private Lahore" not in narrowed and "Draft Lahore" not in narrowed


def test_an_unknown_place_code_is_ignored(client, corpus):
    response = client.get("/knowledge/", {"place": "<x>"})
    assert response.status_code == 200
    assert "Multan" in response.content.decode()
