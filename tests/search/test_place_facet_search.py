"""The search page's place facet, on every engine: the same tree as the knowledge and challenges
indexes (a province counts what its districts hold; choosing a district narrows from it),
counted over public pages only, across content types."""

import html
import re

import pytest
from bs4 import BeautifulSoup

from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(engine_name, home, gazetteer):
    policymaker = PersonFactory(policymaker=True)

    def tagged(factory, title, *codes, **extra):
        return factory(
            title=title, summary="Water supply reform.", places=[gazetteer(c) for c in codes],
            **extra,
        )  # fmt: skip

    private = tagged(CaseStudyPageFactory, "Private Lahore water", "PK-PB-LAHORE")
    PageViewRestrictionFactory(page=private)
    tagged(CaseStudyPageFactory, "Lahore water", "PK-PB-LAHORE")
    tagged(
        ChallengePageFactory, "Model Town water", "PK-PB-LAHORE-MODEL-TOWN", owners=[policymaker]
    )
    tagged(CaseStudyPageFactory, "Multan water", "PK-PB-MULTAN")
    tagged(CaseStudyPageFactory, "Khulna water", "BD-27")
    tagged(CaseStudyPageFactory, "Draft Lahore water", "PK-PB-LAHORE", live=False)


def _place_counts(page: str) -> dict[str, int]:
    soup = BeautifulSoup(page, "html.parser")
    found = {}
    for link in soup.select("a.facet__option"):
        match = re.search(r"[?&]place=([A-Z0-9-]+)$", html.unescape(link["href"]))
        if match and "q=" in link["href"]:
            found[match.group(1)] = int(link.select_one(".facet__count").get_text())
    return found


def _titles(page: str) -> list[str]:
    soup = BeautifulSoup(page, "html.parser")
    return sorted(
        " ".join(h.get_text().split()) for h in soup.select(".search-result .card__title")
    )


def test_the_sidebar_offers_provinces_and_divisions_with_descendants_counted(client, corpus):
    page = client.get("/search/", {"q": "water"}).content.decode()
    assert "Province, division or district" in page
    assert _place_counts(page) == {"PK-PB": 3, "BD-D": 1}


def test_choosing_a_province_then_a_district_narrows(client, corpus):
    punjab = client.get("/search/", {"q": "water", "place": "PK-PB"}).content.decode()
    assert _titles(punjab) == ["Lahore water", "Model Town water", "Multan water"]
    # Punjab, chosen, links back to the unfiltered search; its districts narrow it.
    assert _place_counts(punjab) == {"BD-D": 1, "PK-PB-LAHORE": 2, "PK-PB-MULTAN": 1}
    chosen = BeautifulSoup(punjab, "html.parser").select_one('a.facet__option[aria-current="true"]')
    assert "Punjab" in chosen.get_text() and chosen.select_one(".facet__count").get_text() == "3"
    # Lahore's link replaces Punjab rather than adding to it.
    assert "?q=water&amp;place=PK-PB-LAHORE" in punjab

    lahore = client.get("/search/", {"q": "water", "place": "PK-PB-LAHORE"}).content.decode()
    assert _titles(lahore) == ["Lahore water", "Model Town water"]
    assert _place_counts(lahore)["PK-PB"] == 3  # the way back up


def test_unknown_places_are_ignored(client, corpus):
    response = client.get("/search/", {"q": "water", "place": ["PK-XX", "<script>"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert len(_titles(page)) == 4
