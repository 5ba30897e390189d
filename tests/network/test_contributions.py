"""Apps above network put their content on its pages through ``network.contributions``:
what they register from ``AppConfig.ready()`` is what the pages count and list."""

import pytest

from network import contributions, selectors
from tests.knowledge.factories import CaseStudyPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def test_knowledge_and_labs_register_what_the_network_shows():
    assert {content.name for content in contributions.counted_content()} == {
        "case_studies",
        "labs",
    }
    assert {
        listing.context_name: listing.page_param for listing in contributions.partner_lists()
    } == {
        "partner_case_studies": "cases",
        "partner_findings": "findings",
        "partner_labs": "labs",
    }


def test_a_registered_list_appears_on_the_partner_page(client, home, monkeypatch):
    partner = PartnerPageFactory(title="Institute of Administrative Sciences", country_code="PK")
    CaseStudyPageFactory(title="One-window licensing", countries=["PK"], partners=[partner])
    monkeypatch.setattr(contributions, "_partner_lists", {})
    contributions.register_partner_list(
        context_name="partner_case_studies",
        page_param="cases",
        pages_of=lambda partner: selectors.published_partners().filter(pk=partner.pk),
    )
    html = client.get(partner.url).content.decode()
    # The registered list, not knowledge's, fills the section; nothing else is listed.
    assert html.count("Institute of Administrative Sciences") >= 2
    assert "One-window licensing" not in html


def test_registered_content_is_counted_on_the_network_home(client, home, monkeypatch):
    PartnerPageFactory(country_code="PK")
    CaseStudyPageFactory(countries=["PK", "IN"])
    monkeypatch.setattr(contributions, "_counted", {})
    contributions.register_counted_content(
        name="case_studies",
        published=lambda: selectors.published_partners(),
        countries_field="country",
    )
    contributions.register_counted_content(name="labs", published=selectors.published_events)
    numbers = selectors.network_numbers()
    assert (numbers["case_studies"], numbers["labs"]) == (1, 0)
    html = client.get("/network/").content.decode()
    assert '<a href="/knowledge/?country=PK">Pakistan: 1 partner, 1 case study</a>' in html
    assert '<a href="/knowledge/?country=IN">India: 0 partners, 0 case studies</a>' in html
