"""A partner page does the same work however many case studies, findings, labs and events
name the partner: at 30x the demo content it listed all of them, with two country queries per
knowledge card. Each list now shows a page at a time on its own query parameter."""

import datetime

import pytest

from network import selectors
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory
from tests.network.test_network_pages import event
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(home, monkeypatch):
    monkeypatch.setattr(selectors, "PARTNER_ITEMS_PER_PAGE", 3)
    return PartnerPageFactory(title="University of the Punjab")


def _linked_items(partner, count, start=0):
    for number in range(start, start + count):
        CaseStudyPageFactory(countries=("PK", "IN"), partners=[partner])
        finding_page = FindingPageFactory(countries=("PK", "BD"))
        finding_page.partners.add(partner)
        finding_page.save()  # a ParentalManyToManyField writes its rows on save
        LabPageFactory(title=f"Lab {number}", university=partner)
        event(f"Event {number}", partners=[partner], days=30 + number)


def test_partner_page_queries_do_not_grow_with_what_names_the_partner(client, partner):
    _linked_items(partner, 2)
    assert "Pages of findings" not in client.get(partner.url).content.decode()
    small = queries_of(client, partner.url)
    _linked_items(partner, 3, start=2)
    html = client.get(partner.url).content.decode()
    for label in ("case studies", "findings", "labs", "events"):
        assert f'aria-label="Pages of {label}"' in html
    assert queries_of(client, partner.url) == small


def test_partner_page_lists_case_studies_a_page_at_a_time(client, partner):
    for day in range(1, 6):
        CaseStudyPageFactory(
            title=f"Case of day {day}",
            partners=[partner],
            publication_date=datetime.date(2026, 3, day),
        )
    first = client.get(partner.url).content.decode()
    assert "Case of day 5" in first and "Case of day 3" in first
    assert "Case of day 2" not in first
    assert 'aria-label="Pages of case studies"' in first and 'rel="next"' in first
    second = client.get(partner.url, {"cases": "2"}).content.decode()
    assert "Case of day 2" in second and "Case of day 1" in second
    assert "Case of day 3" not in second
    for number in ("99", "x", "0", "9" * 30):
        assert client.get(partner.url, {"cases": number}).status_code == 200


def test_partner_page_costs_the_same_when_its_items_are_in_other_languages(client, partner):
    # A card in another language than the reader's looked up its translations alone.
    from tests.site.test_page_translations import translate

    _linked_items(partner, 1)
    all_english = queries_of(client, partner.url)
    english = FindingPageFactory(countries=("PK",))
    urdu = translate(english, "ur", title="ضلعی بجٹ کی عوامی سماعت")
    urdu.partners.add(partner)
    urdu.save_revision().publish()
    assert "ضلعی بجٹ کی عوامی سماعت" in client.get(partner.url).content.decode()
    assert queries_of(client, partner.url) == all_english
