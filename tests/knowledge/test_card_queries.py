"""A list of knowledge cards costs the same SQL whatever it holds: case studies, findings or
both, in the reader's language or another. The home page's four newest items, the feeds and a
page of the knowledge index change their mix as the network publishes; their cost must not."""

import datetime

import pytest

from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.queries import queries_of_first_reader
from tests.site.test_page_translations import translate

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/knowledge/",
    "/feeds/knowledge/rss/",
    "/feeds/knowledge/theme/service-delivery/atom/",
]


def _publish(factory, day: int, **fields):
    return factory(
        countries=["PK", "IN"],
        themes=["service-delivery"],
        publication_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        **fields,
    )


def _published_only_in(page, code: str, *, title: str):
    version = translate(page, code, title=title)
    page.unpublish()
    return version


def test_card_lists_cost_the_same_for_any_mix_of_types_and_languages(client, home):
    for day in range(4):
        _publish(CaseStudyPageFactory, day)
    only_english_case_studies = {url: queries_of_first_reader(client, url) for url in URLS}

    # The newest four are now a finding, a case study published only in Urdu (its page in the
    # Urdu tree) and two English case studies.
    _publish(FindingPageFactory, 10)
    _published_only_in(_publish(CaseStudyPageFactory, 11), "ur", title="ضلعی بجٹ کی عوامی سماعت")
    assert "ضلعی بجٹ کی عوامی سماعت" in client.get("/").content.decode()
    mixed = {url: queries_of_first_reader(client, url) for url in URLS}

    assert mixed == only_english_case_studies


def test_related_items_cost_the_same_for_any_mix(client, home):
    shown = _publish(CaseStudyPageFactory, 0, title="Shown")
    for day in range(1, 4):
        _publish(CaseStudyPageFactory, day)
    only_case_studies = queries_of_first_reader(client, shown.url)

    _publish(FindingPageFactory, 10)
    _published_only_in(_publish(FindingPageFactory, 11), "bn", title="জেলা বাজেট শুনানি")
    assert queries_of_first_reader(client, shown.url) == only_case_studies
