"""Open Graph and Twitter cards on every public page, a share image, schema.org Event JSON-LD.

A challenge shared on WhatsApp showed a bare title: challenges, labs and events had no
Open Graph tags, and no page had an og:image.
"""

import datetime
import html as html_lib
import json
import re
from zoneinfo import ZoneInfo

import pytest

from core.models import Country
from network.models import NetworkEventPage, NetworkIndexPage
from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory
from tests.site.conftest import ORIGIN

pytestmark = pytest.mark.django_db

KARACHI = ZoneInfo("Asia/Karachi")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Logos and their renditions go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def meta(html: str, key: str) -> list[str]:
    """Values of <meta property|name="key" content="..."> in the page."""
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return [html_lib.unescape(value) for value in re.findall(pattern, html)]


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def event_page(**fields) -> NetworkEventPage:
    index = NetworkIndexPage.objects.get()
    fields = {
        "title": "Civil service reform forum",
        "slug": "reform-forum",
        "summary": "Two days on merit-based recruitment.",
        "starts_at": datetime.datetime(2026, 3, 10, 9, 30, tzinfo=KARACHI),
        "ends_at": datetime.datetime(2026, 3, 11, 17, 0, tzinfo=KARACHI),
        "venue": "Riazuddin Auditorium",
        "city": "Lahore",
        "country": Country.objects.get(code="PK"),
        **fields,
    }
    page = NetworkEventPage(**fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return NetworkEventPage.objects.get(pk=page.pk)


def shared_pages():
    return {
        "challenge": ChallengePageFactory(title="Merit-based recruitment"),
        "lab": LabPageFactory(title="Governance Lab"),
        "event": event_page(),
        "partner": PartnerPageFactory(
            title="Institute of Governance Studies", summary="A think tank."
        ),
        "case study": CaseStudyPageFactory(title="One-stop service centres"),
    }


def test_public_pages_carry_open_graph_and_twitter_cards(client, public_origin):
    for kind, page in shared_pages().items():
        html = client.get(page.url).content.decode()
        url = f"{ORIGIN}{page.url}"
        assert meta(html, "og:title") == [page.title], kind
        (description,) = meta(html, "og:description")
        assert description.strip(), kind
        assert meta(html, "og:url") == [url], kind
        assert canonical(html) == [url], kind
        (image,) = meta(html, "og:image")
        assert image.startswith(f"{ORIGIN}/static/") and image.endswith(".png"), kind
        assert meta(html, "og:site_name") == ["Policy Lab Commons"], kind
        assert meta(html, "twitter:card") == ["summary_large_image"], kind
        assert meta(html, "og:image:width") == ["1200"], kind


def test_challenge_description_is_its_summary(client, public_origin):
    page = ChallengePageFactory(title="Merit-based recruitment")
    html = client.get(page.url).content.decode()
    assert meta(html, "og:description") == ["Summary of Merit-based recruitment."]
    assert meta(html, "og:type") == ["website"]


def test_default_share_image_is_served_and_1200_by_630(client, public_origin):
    from io import BytesIO

    from django.contrib.staticfiles import finders
    from PIL import Image

    html = client.get(ChallengePageFactory().url).content.decode()
    (image_url,) = meta(html, "og:image")
    path = finders.find(image_url.removeprefix(f"{ORIGIN}/static/"))
    with open(path, "rb") as file:
        data = file.read()
    assert Image.open(BytesIO(data)).size == (1200, 630)
    assert len(data) < 60_000


def test_partner_logo_is_its_share_image(client, public_origin):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    page = PartnerPageFactory(title="Institute of Governance Studies", logo=logo)
    html = client.get(page.url).content.decode()
    (image,) = meta(html, "og:image")
    assert image.startswith(f"{ORIGIN}/media/images/") and "static" not in image


def test_print_view_has_one_canonical_pointing_at_the_page(client, public_origin):
    page = CaseStudyPageFactory(title="One-stop service centres")
    html = client.get(f"{page.url}print/").content.decode()
    assert canonical(html) == [f"{ORIGIN}{page.url}"]


def test_event_page_has_schema_org_event(client, public_origin):
    page = event_page(is_online=True, registration_url="https://example.org/register")
    html = client.get(page.url).content.decode()
    (data,) = [block for block in json_ld(html) if block.get("@type") == "Event"]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Civil service reform forum"
    assert data["description"] == "Two days on merit-based recruitment."
    assert data["url"] == f"{ORIGIN}/network/reform-forum/"
    assert data["startDate"] == "2026-03-10T09:30:00+05:00"
    assert data["endDate"] == "2026-03-11T17:00:00+05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["name"] == "Riazuddin Auditorium"
    assert place["address"]["addressLocality"] == "Lahore"
    assert place["address"]["addressCountry"] == "PK"
    assert virtual == {"@type": "VirtualLocation", "url": "https://example.org/register"}
    assert data["organizer"][0]["@type"] == "Organization"
    assert data["organizer"][0]["url"] == f"{ORIGIN}/"
    assert data["image"][0].startswith(f"{ORIGIN}/static/")


@pytest.mark.parametrize(
    ("fields", "mode"),
    [
        ({"is_online": False}, "Offline"),
        ({"is_online": True, "venue": "", "city": "", "country": None}, "Online"),
    ],
)
def test_event_attendance_mode_follows_where_it_happens(client, public_origin, fields, mode):
    page = event_page(**fields)
    html = client.get(page.url).content.decode()
    (data,) = [block for block in json_ld(html) if block.get("@type") == "Event"]
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    if mode == "Online":
        assert data["location"] == [
            {"@type": "VirtualLocation", "url": f"{ORIGIN}/network/reform-forum/"}
        ]
    else:
        assert [location["@type"] for location in data["location"]] == ["Place"]


def test_event_without_an_end_lasts_the_calendar_default(client, public_origin):
    page = event_page(ends_at=None)
    html = client.get(page.url).content.decode()
    (data,) = [block for block in json_ld(html) if block.get("@type") == "Event"]
    assert data["endDate"] == "2026-03-10T11:30:00+05:00"


def test_event_json_ld_cannot_be_broken_out_of(client, public_origin):
    page = event_page(title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    (data,) = [block for block in json_ld(html) if block.get("@type") == "Event"]
    assert data["name"] == "</script><script>alert(1)</script>"


def test_a_logo_whose_file_is_gone_falls_back_to_the_site_card(client, public_origin):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    logo.file.storage.delete(logo.file.name)
    page = PartnerPageFactory(title="Institute of Governance Studies", logo=logo)
    response = client.get(page.url)
    assert response.status_code == 200
    (image,) = meta(response.content.decode(), "og:image")
    assert image.startswith(f"{ORIGIN}/static/")
