"""Every filter heading on the search page reads in the interface's language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from search.facet_counts import FACET_TITLES
from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture
def pension_pages(home, engine_name):
    """A challenge and a case study: six of the search page's headings show for them."""
    ChallengePageFactory(title="Pension grievance desk")
    CaseStudyPageFactory(title="Pension payments by mobile", summary="Pensions paid by phone.")


def facet_titles(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [title.get_text(strip=True) for title in soup.select(".facet__title")]


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_filter_heading_is_in_the_interface_language(client, pension_pages, code):
    titles = facet_titles(client.get(f"/{code}/search/", {"q": "pension"}).content.decode())
    with translation.override("en"):
        english = {str(title) for title in FACET_TITLES.values()}
    assert len(titles) == 6, titles  # type, language, country, year, partner or lab, status
    assert [title for title in titles if title in english] == []
