"""Past one page of ``TranslatedPagesSitemap.limit`` pages, /sitemap.xml is a sitemap index of
paged sections; each piece runs the same number of queries whatever the size of the site, and
nothing private or unpublished reaches any of them."""

import re

import pytest
from wagtail.models import PageViewRestriction

from core.sitemaps import TranslatedPagesSitemap
from tests.knowledge.factories import CaseStudyPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(TranslatedPagesSitemap, "limit", LIMIT)


def _locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r"<loc>(.*?)</loc>", response.content.decode())


def _publish(count: int, start: int = 0):
    for n in range(start, start + count):
        CaseStudyPageFactory(title=f"Case {n}", countries=["PK", "IN"])


def test_a_large_site_gets_an_index_of_paged_sections_on_the_origin(
    client, public_origin, small_pages
):
    _publish(12)
    sections = _locations(client, "/sitemap.xml")
    assert len(sections) > 1
    assert sections[0] == f"{public_origin}/sitemap-pages.xml"
    assert sections[1] == f"{public_origin}/sitemap-pages.xml?p=2"
    listed = []
    for section in sections:
        listed += _locations(client, section.removeprefix(public_origin))
    assert len(listed) == len(set(listed))
    assert all(url.startswith(public_origin + "/") for url in listed)
    assert any(url.endswith("/knowledge/case-study-1/") or "/knowledge/" in url for url in listed)
    assert client.get(f"/sitemap-pages.xml?p={len(sections) + 1}").status_code == 404
    assert client.get("/sitemap-unknown.xml").status_code == 404


def test_no_private_or_draft_page_reaches_the_index_or_any_section(
    client, public_origin, small_pages
):
    _publish(12)
    private = CaseStudyPageFactory(title="Private pilot")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = CaseStudyPageFactory(title="Draft pilot", live=False)
    sections = _locations(client, "/sitemap.xml")
    assert all("/sitemap-pages.xml" in url for url in sections)
    bodies = "".join(
        client.get(section.removeprefix(public_origin)).content.decode() for section in sections
    )
    assert private.slug not in bodies and draft.slug not in bodies
    assert "Private pilot" not in bodies


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-pages.xml?p=2"])
def test_sitemap_queries_do_not_grow_with_the_site(client, public_origin, small_pages, url):
    _publish(12)
    small = queries_of(client, url)
    _publish(30, start=12)
    assert queries_of(client, url) == small


def test_every_sitemap_page_costs_the_same_whatever_page_types_it_holds(
    client, public_origin, small_pages
):
    # The first page holds the home and section pages, the others case studies only: read as
    # specific pages type by type, each type on a page cost a query of its own.
    _publish(12)
    counts = {p: queries_of(client, f"/sitemap-pages.xml?p={p}") for p in (1, 2, 3)}
    assert len(set(counts.values())) == 1, counts
