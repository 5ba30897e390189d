"""The place facet on /challenges/, the same as on /knowledge/: a province counts its districts'
briefs; choosing a district narrows from its province; drafts and private briefs are never
counted; the free-text province is no longer a facet."""

import html
import re

import pytest

from challenges import selectors
from tests.challenges.factories import ChallengePageFactory
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefs(home, policymaker, gazetteer):
    def tagged(title, *codes, **extra):
        return ChallengePageFactory(
            owners=[policymaker], title=title, places=[gazetteer(c) for c in codes], **extra
        )

    private = tagged("Private Lahore", "PK-PB-LAHORE")
    PageViewRestrictionFactory(page=private)
    return [
        tagged("Lahore one", "PK-PB-LAHORE", province="Punjab"),
        tagged("Model Town", "PK-PB-LAHORE-MODEL-TOWN"),
        tagged("Multan", "PK-PB-MULTAN"),
        tagged("Hyderabad and Khulna", "PK-SD-HYDERABAD", "BD-27"),
        tagged("Punjab-wide", "PK-PB"),
        tagged("Draft Lahore", "PK-PB-LAHORE", live=False),
        private,
    ]


def _place_options(filters):
    facets = selectors.challenge_facets(filters=filters)
    return {(o.value, o.count, o.selected) for o in facets["place"]}


def _titles(filters):
    return sorted(c.title for c in selectors.challenge_list(filters=filters))


def _page(client, query):
    return client.get("/challenges/" + query).content.decode()


def _shown_counts(page: str) -> dict[str, str]:
    """place code -> the count the rendered facet shows next to it."""
    found = re.findall(
        r'href="\?(?:[^"]*&amp;)?place=([A-Z0-9-]+)#?[^"]*"[^>]*>.*?facet__count">(\d+)<',
        page,
        re.S,
    )
    return dict(found)


def test_top_level_offers_provinces_and_divisions_counting_their_districts(briefs):
    assert _place_options(selectors.ChallengeFilters()) == {
        ("PK-PB", 4, False), ("PK-SD", 1, False), ("BD-D", 1, False)
    }  # fmt: skip


def test_choosing_a_province_lists_its_briefs_and_offers_its_districts(briefs):
    filters = selectors.ChallengeFilters(place=("PK-PB",))
    assert _titles(filters) == ["Lahore one", "Model Town", "Multan", "Punjab-wide"]
    assert _place_options(filters) == {
        ("PK-PB", 4, True), ("PK-SD", 1, False), ("BD-D", 1, False),
        ("PK-PB-LAHORE", 2, False), ("PK-PB-MULTAN", 1, False),
    }  # fmt: skip


def test_choosing_a_district_narrows(briefs):
    filters = selectors.ChallengeFilters(place=("PK-PB-LAHORE",))
    assert _titles(filters) == ["Lahore one", "Model Town"]
    assert ("PK-PB-LAHORE-MODEL-TOWN", 1, False) in _place_options(filters)


def test_the_rendered_index_narrows_from_province_to_district(client, briefs):
    top = _page(client, "")
    assert _shown_counts(top) == {"PK-PB": "4", "PK-SD": "1", "BD-D": "1"}
    punjab = html.unescape(_page(client, "?place=PK-PB"))
    # Choosing Lahore replaces Punjab: the link narrows rather than adding to it.
    assert 'href="?place=PK-PB-LAHORE"' in punjab
    assert "place=PK-PB&place=PK-PB-LAHORE" not in punjab
    lahore = _page(client, "?place=PK-PB-LAHORE")
    assert "Lahore one" in lahore and "Model Town" in lahore and "Multan" not in lahore
    assert _shown_counts(lahore)["PK-PB-LAHORE"] == "2"


def test_drafts_and_private_briefs_are_never_listed_or_counted(client, briefs):
    page = _page(client, "?place=PK-PB-LAHORE&scope=all")
    assert "Private Lahore" not in page and "Draft Lahore" not in page
    assert _shown_counts(page)["PK-PB-LAHORE"] == "2"


def test_the_free_text_province_is_no_longer_a_facet(client, briefs):
    page = _page(client, "")
    assert "province=" not in page
    assert "Province, division or district" in page
    # An old bookmarked address still answers, ignoring the retired filter.
    old = client.get("/challenges/?province=Punjab")
    assert old.status_code == 200 and "Multan" in old.content.decode()


def test_an_unknown_place_code_is_ignored(client, briefs):
    response = client.get("/challenges/", {"place": ["<x>", "PK-XX"]})
    assert response.status_code == 200
    assert "Multan" in response.content.decode()
    assert selectors.ChallengeFilters.from_query(response.wsgi_request.GET).place == ()
