"""A case study or finding page reads each of its lists once, however many countries, themes,
goals, places and partners it names and however many related items it shows (issue 16: the
uncached case study page was the slowest of the load test's pages)."""

import re

import pytest

from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory
from tests.queries import query_log

pytestmark = pytest.mark.django_db

COUNTRIES = ["PK", "IN", "BD"]
THEMES = ["service-delivery", "digital-government"]


def _case_study(gazetteer, number: int, *, places=("PK-PB-LAHORE", "PK-SD")):
    case_study = CaseStudyPageFactory(
        number=number,
        countries=COUNTRIES,
        themes=THEMES,
        sdgs=[16, 5],
        partners=[PartnerPageFactory(title=f"Implementer {number}")],
        contributing_partners=[PartnerPageFactory(title=f"Contributor {number}")],
    )
    case_study.places.set([gazetteer(code) for code in places])
    case_study.save_revision().publish()
    return case_study


def _related(count: int, start: int):
    for number in range(start, start + count):
        CaseStudyPageFactory(number=number, countries=COUNTRIES, themes=THEMES)
        FindingPageFactory(number=number, countries=COUNTRIES, themes=THEMES)


def _reads_of(log: list[str], table: str) -> int:
    return sum(1 for sql in log if re.search(rf'JOIN "{table}"', sql))


def test_a_case_study_reads_each_list_once(client, home, gazetteer):
    page = _case_study(gazetteer, 1)
    _related(3, start=100)

    log = query_log(client, page.url)

    for table in (
        "knowledge_casestudypage_countries",
        "knowledge_casestudypage_themes",
        "knowledge_casestudypage_sdgs",
        "knowledge_casestudypage_places",
        "knowledge_casestudypage_implementing_partners",
        "knowledge_casestudypage_contributing_partners",
    ):
        assert _reads_of(log, table) == 1, table
    # The related cards' countries come with the cards, not one query per card.
    assert _reads_of(log, "knowledge_findingpage_countries") <= 1
    assert _reads_of(log, "knowledge_casestudypage_countries") == 1


def test_a_case_study_shows_what_it_names(client, home, gazetteer):
    page = _case_study(gazetteer, 1)
    _related(1, start=100)

    html = client.get(page.url).content.decode()

    for name in (
        "Pakistan",
        "India",
        "Bangladesh",
        "Lahore",
        "Sindh",
        "Implementer 1",
        "Contributor 1",
    ):
        assert name in html, name
    assert 'href="/knowledge/?country=IN"' in html
    assert 'href="/knowledge/?theme=digital-government"' in html
    assert 'href="/knowledge/?sdg=5"' in html
    assert 'href="/places/pk/punjab/lahore/"' in html
    assert "Finding 100" in html  # a related item, with its countries on its card
    assert '<p class="card__meta">Bangladesh, India, Pakistan' in html


def test_a_case_study_runs_the_same_queries_whatever_it_names(client, home, gazetteer):
    small = _case_study(gazetteer, 1, places=("PK-SD",))
    _related(1, start=100)
    small_count = len(query_log(client, small.url))

    large = _case_study(gazetteer, 2, places=("PK-PB-LAHORE", "PK-SD", "PK-KP"))
    _related(6, start=200)
    assert len(query_log(client, large.url)) == small_count
