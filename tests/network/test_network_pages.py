"""Network home (map, members by country), partner pages, events and the iCalendar feed."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from network.models import NetworkEventPage, NetworkIndexPage
from network.selectors import network_numbers
from tests.knowledge.factories import CaseStudyPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def event(title, *, live=True, days=30, partners=()):
    index = NetworkIndexPage.objects.get()
    page = NetworkEventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=timezone.now() + datetime.timedelta(days=days),
        venue="Riazuddin Auditorium",
        city="Lahore",
        live=live,
    )
    page.partners = list(partners)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def test_network_home_map_links_every_country_and_colours_by_activity(client, home):
    ias = PartnerPageFactory(title="Institute of Administrative Sciences", country_code="PK")
    PartnerPageFactory(title="Draft partner", country_code="NP", live=False)
    CaseStudyPageFactory(countries=["PK"], partners=[ias])
    CaseStudyPageFactory(countries=["NP"], live=False)
    response = client.get("/network/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and '<path d="M' in html
    for code in ["AF", "BD", "BT", "IN", "MV", "NP", "PK", "LK"]:
        assert f"/knowledge/?country={code}" in html
    # The links are a list; the drawing illustrates them and holds nothing to tab to.
    countries = html[html.index('<ul class="map-figure__countries"') :]
    countries = countries[: countries.index("</ul>")]
    assert '<a href="/knowledge/?country=PK">Pakistan: 1 partner, 1 case study</a>' in countries
    # Drafts are not counted.
    assert '<a href="/knowledge/?country=NP">Nepal: 0 partners, 0 case studies</a>' in countries
    drawing = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-hidden="true"' in drawing[: drawing.index(">")]
    assert 'role="img"' not in drawing
    assert drawing.count("<a ") == drawing.count('<a tabindex="-1" ') == 8
    assert "Draft partner" not in html
    # Members grouped by country.
    assert 'id="country-PK"' in html and "Institute of Administrative Sciences" in html


def test_network_numbers_count_published_only(home):
    PartnerPageFactory(country_code="PK")
    PartnerPageFactory(country_code="IN")
    PartnerPageFactory(country_code="BD", live=False)
    CaseStudyPageFactory(countries=["PK"])
    CaseStudyPageFactory(countries=["PK"], live=False)
    numbers = network_numbers()
    assert numbers["partners"] == 2
    assert numbers["countries"] == 2
    assert numbers["case_studies"] == 1


def test_partner_page_shows_case_studies_but_never_the_focal_email(client, home):
    partner = PartnerPageFactory(
        title="Establishment Division",
        partner_type="government",
        focal_person_name="Ms. Example",
        focal_person_email="focal@example.gov.pk",
    )
    CaseStudyPageFactory(title="Visible case", partners=[partner])
    CaseStudyPageFactory(title="Draft case", partners=[partner], live=False)
    html = client.get(partner.url).content.decode()
    assert "Ms. Example" in html
    assert "focal@example.gov.pk" not in html
    assert "Visible case" in html and "Draft case" not in html
    api = client.get(f"/api/v2/partners/{partner.pk}/").content.decode()
    assert "focal@example.gov.pk" not in api


def test_partner_listing_filters(client, home):
    PartnerPageFactory(title="Dhaka University", country_code="BD")
    PartnerPageFactory(title="Lahore Board", country_code="PK", partner_type="government")
    html = client.get("/network/partners/?country=BD").content.decode()
    assert "Dhaka University" in html and "Lahore Board" not in html
    html = client.get("/network/partners/?type=government").content.decode()
    assert "Lahore Board" in html and "Dhaka University" not in html
    html = client.get("/network/partners/?country=ZZ").content.decode()
    assert "No partners match" in html


def test_events_page_and_ical_feed_list_published_events_only(client, home):
    ias = PartnerPageFactory(title="IAS")
    event("Regional conference", partners=[ias])
    event("Secret planning meeting", live=False)
    event("Past workshop", days=-60)
    html = client.get("/network/events/").content.decode()
    assert "Regional conference" in html and "Past workshop" in html
    assert "Secret planning meeting" not in html
    response = client.get("/calendar/network-events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    assert summaries == {"Regional conference", "Past workshop"}
    secret = NetworkEventPage.objects.get(title="Secret planning meeting")
    assert client.get(f"/calendar/network-event-{secret.pk}.ics").status_code == 404
    public = NetworkEventPage.objects.get(title="Regional conference")
    single = Calendar.from_ical(client.get(f"/calendar/network-event-{public.pk}.ics").content)
    assert [str(c["summary"]) for c in single.walk("VEVENT")] == ["Regional conference"]
    page_html = client.get("/network/regional-conference/").content.decode()
    assert "IAS" in page_html and "Riazuddin Auditorium" in page_html


def test_an_online_event_without_description_has_no_empty_main_column(client, home):
    page = event("Budget webinar")
    page.venue, page.city, page.is_online = "", "", True
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "sidebar-layout__main" not in html  # one column: details, then partners
    assert "online" in html
