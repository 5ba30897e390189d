"""Citations, print view, metadata, feeds, sitemap and API: published public items only."""

import json
import re

import bibtexparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import DEFAULT_PASSWORD
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(home):
    partner = PartnerPageFactory(title="Institute of Administrative Sciences")
    public = CaseStudyPageFactory(
        title="One-stop centre & citizens {fast}",
        countries=["PK"],
        themes=["service-delivery"],
        partners=[partner],
    )
    brief = FindingPageFactory(
        title="A brief on queues", countries=["BD"], themes=["digital-government"]
    )
    draft = CaseStudyPageFactory(title="Unpublished draft case", countries=["PK"], live=False)
    restricted = CaseStudyPageFactory(title="Restricted case", countries=["PK"])
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return {"public": public, "brief": brief, "draft": draft, "restricted": restricted}


def test_bibtex_parses_back(client, items):
    page = items["public"]
    response = client.get(f"/knowledge/{page.slug}/cite/bibtex/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "misc"
    assert "One-stop centre" in entry["title"]
    assert entry["year"] == "2026"
    assert entry["url"].endswith(f"/knowledge/{page.slug}/")
    assert "Institute of Administrative Sciences" in entry["author"]


def test_finding_bibtex_is_a_report(client, items):
    response = client.get(f"/knowledge/{items['brief'].slug}/cite/bibtex/")
    library = bibtexparser.parse_string(response.content.decode())
    assert library.entries[0].entry_type == "techreport"


def test_ris_and_plain_citations(client, items):
    page = items["public"]
    ris = client.get(f"/knowledge/{page.slug}/cite/ris/").content.decode()
    assert ris.startswith("TY  - CASE")
    assert "TI  - One-stop centre & citizens {fast}" in ris
    assert ris.rstrip().endswith("ER  -")
    plain = client.get(f"/knowledge/{page.slug}/cite/plain/").content.decode()
    assert plain.startswith("Institute of Administrative Sciences (2026). One-stop centre")
    assert client.get(f"/knowledge/{page.slug}/cite/word/").status_code == 404


def test_citations_of_unpublished_pages_are_404(client, items):
    slug = items["draft"].slug
    for suffix in ["", "cite/bibtex/", "cite/ris/", "print/"]:
        assert client.get(f"/knowledge/{slug}/{suffix}").status_code == 404


def test_print_view_and_metadata(client, items):
    page = items["public"]
    html = client.get(f"/knowledge/{page.slug}/").content.decode()
    assert '<meta property="og:title" content="One-stop centre &amp; citizens {fast}">' in html
    data = json.loads(re.search(r'id="schema-org"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Article"
    assert data["name"] == "One-stop centre & citizens {fast}"
    brief_html = client.get(f"/knowledge/{items['brief'].slug}/").content.decode()
    assert '"@type": "Report"' in brief_html
    printable = client.get(f"/knowledge/{page.slug}/print/")
    assert printable.status_code == 200
    assert "data-print" in printable.content.decode()  # site.js opens the print dialog


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/knowledge/rss/",
        "/feeds/knowledge/atom/",
        "/feeds/knowledge/country/PK/rss/",
        "/feeds/knowledge/country/pk/atom/",
        "/feeds/knowledge/theme/service-delivery/rss/",
    ],
)
def test_feeds_list_only_published_public_items(client, items, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "One-stop centre" in body
    assert "Unpublished draft case" not in body
    assert "Restricted case" not in body


def test_theme_and_country_feeds_filter(client, items):
    body = client.get("/feeds/knowledge/theme/digital-government/rss/").content.decode()
    assert "A brief on queues" in body and "One-stop centre" not in body
    body = client.get("/feeds/knowledge/country/BD/rss/").content.decode()
    assert "A brief on queues" in body and "One-stop centre" not in body
    assert client.get("/feeds/knowledge/theme/no-such-theme/rss/").status_code == 404
    assert client.get("/feeds/knowledge/country/XX/rss/").status_code == 404


def test_sitemap_lists_only_published_public_pages(client, items):
    body = client.get("/sitemap.xml").content.decode()
    assert f"/knowledge/{items['public'].slug}/" in body
    assert f"/knowledge/{items['draft'].slug}/" not in body
    assert f"/knowledge/{items['restricted'].slug}/" not in body


def test_api_lists_only_published_public_knowledge_with_filters(client, items):
    data = client.get("/api/v2/knowledge/").json()
    titles = {item["title"] for item in data["items"]}
    assert titles == {"One-stop centre & citizens {fast}", "A brief on queues"}
    data = client.get("/api/v2/knowledge/?country=BD").json()
    assert [item["title"] for item in data["items"]] == ["A brief on queues"]
    data = client.get("/api/v2/knowledge/?theme=service-delivery").json()
    assert [item["title"] for item in data["items"]] == ["One-stop centre & citizens {fast}"]
    data = client.get("/api/v2/knowledge/?published_after=2026-01-15").json()
    assert [item["title"] for item in data["items"]] == ["A brief on queues"]
    assert client.get("/api/v2/knowledge/?published_after=yesterday").status_code == 400
    draft_id = items["draft"].pk
    assert client.get(f"/api/v2/knowledge/{draft_id}/").status_code == 404
    restricted_id = items["restricted"].pk
    assert client.get(f"/api/v2/knowledge/{restricted_id}/").status_code == 404
    detail = client.get(
        f"/api/v2/knowledge/{items['public'].pk}/?type=knowledge.CaseStudyPage"
    ).json()
    assert detail["country_codes"] == ["PK"]


def test_api_partners(client, items):
    PartnerPageFactory(title="Draft partner", live=False)
    data = client.get("/api/v2/partners/?country=PK").json()
    assert [item["title"] for item in data["items"]] == ["Institute of Administrative Sciences"]
    assert client.get("/api/v2/documents/").status_code == 404


def test_draft_partner_is_not_named_in_citations_or_metadata(client, home):
    hidden = PartnerPageFactory(title="Unannounced partner", live=False)
    page = CaseStudyPageFactory(title="Quiet case", partners=[hidden])
    for suffix in ["", "cite/bibtex/", "cite/ris/", "cite/plain/", "print/"]:
        body = client.get(f"/knowledge/{page.slug}/{suffix}").content.decode()
        assert "Unannounced partner" not in body, suffix


@pytest.mark.parametrize("endpoint", ["knowledge", "partners", "events"])
@pytest.mark.parametrize("text", ["%00", "a%00b", "%22", "open%22data"])
def test_api_search_the_database_cannot_parse_is_a_400_not_a_500(client, items, endpoint, text):
    response = client.get(f"/api/v2/{endpoint}/?search={text}")
    assert response.status_code == 400
    assert "search" in response.json()["message"]


def test_api_search_with_a_quoted_phrase_still_works(client, items):
    response = client.get("/api/v2/knowledge/?search=%22citizens%22")
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ["knowledge", "partners", "events"])
def test_api_answers_everyone_alike_and_never_lists_login_only_pages(client, items, user, endpoint):
    """The README promises "live public pages only": a signed-in caller (session or HTTP Basic)
    must not see login-restricted pages, nor get a different answer from anonymous callers."""
    from network.models import NetworkEventPage

    restricted_partner = PartnerPageFactory(title="Login-only partner")
    PageViewRestriction.objects.create(
        page=restricted_partner, restriction_type=PageViewRestriction.LOGIN
    )
    event_restrictions = [
        PageViewRestriction(page=event, restriction_type=PageViewRestriction.LOGIN)
        for event in NetworkEventPage.objects.live()[:1]
    ]
    PageViewRestriction.objects.bulk_create(event_restrictions)
    anonymous = client.get(f"/api/v2/{endpoint}/").json()
    client.force_login(user)
    signed_in = client.get(f"/api/v2/{endpoint}/").json()
    client.logout()
    import base64

    basic = base64.b64encode(f"{user.username}:{DEFAULT_PASSWORD}".encode()).decode()
    with_basic = client.get(f"/api/v2/{endpoint}/", HTTP_AUTHORIZATION=f"Basic {basic}").json()
    assert signed_in == anonymous == with_basic
    titles = {item["title"] for item in signed_in["items"]}
    assert "Restricted case" not in titles
    assert "Login-only partner" not in titles
    restricted_ids = {items["restricted"].pk, restricted_partner.pk} | {
        r.page_id for r in event_restrictions
    }
    client.force_login(user)
    for page_id in restricted_ids:
        assert client.get(f"/api/v2/{endpoint}/{page_id}/").status_code == 404
