"""Every shareable address uses SITE_URL's origin, never Wagtail's default ``localhost``.

Wagtail builds page addresses (sitemap, API ``html_url``, its own emails) from its Site
record; the project's own links come from SITE_URL. The fixture below sets SITE_URL as a
deployment would and keeps the Site record in step the way start-up does.
"""

import datetime
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import WorkflowState

from knowledge.models import CaseStudyPage
from network.models import NetworkEventPage, NetworkIndexPage
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.knowledge.test_submission_flow import form_data as submission_form_data
from tests.site.conftest import ORIGIN

pytestmark = pytest.mark.django_db

# Any absolute http(s) address in a text: what a reader could share or follow.
ADDRESS = re.compile(r"https?://[^\s\"'<>}]+")


def own_addresses(text: str) -> list[str]:
    """Absolute addresses in ``text`` that point at this site (not schema.org or partners)."""
    found = ADDRESS.findall(text)
    return [
        url
        for url in found
        if not url.startswith(("https://schema.org", "http://www.w3.org", "https://www.w3.org"))
        and "sitemaps.org" not in url
        and "example.org/report" not in url
    ]


def assert_all_on_origin(addresses: list[str]):
    assert addresses, "expected at least one absolute address"
    for url in addresses:
        assert url.startswith(ORIGIN + "/"), url
        assert "localhost" not in url and "testserver" not in url, url


@pytest.fixture
def item(public_origin):
    return CaseStudyPageFactory(title="One-stop service centres")


def test_case_study_page_canonical_og_url_json_ld_and_cite_box(client, item):
    html = client.get(item.url).content.decode()
    expected = f"{ORIGIN}/knowledge/{item.slug}/"
    assert f'<link rel="canonical" href="{expected}">' in html
    assert f'<meta property="og:url" content="{expected}">' in html
    data = json.loads(re.search(r'id="schema-org"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["url"] == expected
    cite_box = re.search(r'id="cite-heading".*?</section>', html, re.S).group(0)
    assert expected in cite_box
    assert "localhost" not in html


def test_bibtex_ris_plain_and_print_header_use_the_origin(client, item):
    expected = f"{ORIGIN}/knowledge/{item.slug}/"
    bibtex = client.get(f"{item.url}cite/bibtex/").content.decode()
    assert f"url = {{{expected}}}" in bibtex
    ris = client.get(f"{item.url}cite/ris/").content.decode()
    assert f"UR  - {expected}" in ris
    plain = client.get(f"{item.url}cite/plain/").content.decode()
    assert expected in plain
    printable = client.get(f"{item.url}print/").content.decode()
    header = re.search(r'<p class="muted">(.*?)</p>', printable, re.S).group(1)
    assert expected in header
    for text in (bibtex, ris, plain, printable):
        assert "localhost" not in text


def test_sitemap_locations_use_the_origin(client, item):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", body)
    assert f"{ORIGIN}/knowledge/{item.slug}/" in locations
    assert_all_on_origin(locations)


def test_api_html_url_and_detail_url_use_the_origin(client, item):
    data = client.get("/api/v2/knowledge/").json()
    meta = data["items"][0]["meta"]
    assert meta["html_url"] == f"{ORIGIN}/knowledge/{item.slug}/"
    assert meta["detail_url"].startswith(f"{ORIGIN}/api/v2/")
    detail = client.get(f"/api/v2/knowledge/{item.pk}/").json()
    assert detail["meta"]["html_url"] == f"{ORIGIN}/knowledge/{item.slug}/"


def test_icalendar_urls_use_the_origin(client, public_origin):
    index = NetworkIndexPage.objects.get()
    event = NetworkEventPage(
        title="Civil service reform forum",
        slug="reform-forum",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        city="Lahore",
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    for url in ("/calendar/network-events.ics", f"/calendar/network-event-{event.pk}.ics"):
        calendar = Calendar.from_ical(client.get(url).content)
        (component,) = calendar.walk("VEVENT")
        assert str(component["URL"]) == f"{ORIGIN}/network/reform-forum/"
        assert str(component["UID"]).endswith("@policylab.example.org")


def test_wagtail_moderation_emails_use_the_origin(client, public_origin):
    partner = PersonFactory(partner=True, email="priya@example.org")
    moderator = PersonFactory(moderator=True, email="mod@example.org")
    client.force_login(partner)
    client.post(reverse("knowledge:submit"), submission_form_data())
    page = CaseStudyPage.objects.get(title="Mobile registration camps")
    submitted = [m for m in mail.outbox if "mod@example.org" in m.to]
    assert submitted
    mail.outbox.clear()
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", state.current_task_state_id],
        ),
        {"comment": ""},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    approved = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    assert approved, [m.subject for m in mail.outbox]
    live_url = f"{ORIGIN}/knowledge/{page.slug}/"
    assert any(live_url in m.body for m in approved), [m.body for m in approved]
    for message in [*submitted, *mail.outbox]:
        assert_all_on_origin(own_addresses(message.body))


def test_wagtail_admin_password_reset_email_uses_the_origin(client, public_origin):
    PersonFactory(moderator=True, email="mod@example.org")
    response = client.post("/admin/password_reset/", {"email": "mod@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert_all_on_origin(own_addresses(message.body))


def test_feed_links_use_the_origin(client, item):
    body = client.get("/feeds/knowledge/rss/").content.decode()
    links = re.findall(r"<link>(.*?)</link>", body)
    assert f"{ORIGIN}/knowledge/" in links
    assert f"{ORIGIN}/knowledge/{item.slug}/" in links
    assert_all_on_origin(links)
