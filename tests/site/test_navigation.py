"""The main navigation is cached per host and stays correct when pages change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from labs.models import LabIndexPage

pytestmark = pytest.mark.django_db


def nav_query_count(client, path="/search/") -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def test_navigation_costs_no_queries_once_cached(client, home):
    first = nav_query_count(client)
    second = nav_query_count(client)

    assert second < first
    assert first - second >= 2  # the section pages and the site were looked up only once


def test_unpublished_section_disappears_from_the_navigation(client, home):
    assert 'href="/labs/"' in client.get("/about/").content.decode()

    LabIndexPage.objects.get().unpublish()

    html = client.get("/about/").content.decode()
    assert 'class="site-nav__link" href="/labs/"' not in html


def test_renamed_section_slug_is_picked_up(client, home):
    client.get("/about/")
    labs = LabIndexPage.objects.get()
    labs.slug = "policy-labs"
    labs.save_revision().publish()

    html = client.get("/about/").content.decode()

    assert 'href="/policy-labs/"' in html
    assert 'href="/labs/"' not in html


def test_private_section_is_left_out_for_everyone(client, home):
    from wagtail.models import PageViewRestriction

    client.get("/about/")
    PageViewRestriction.objects.create(
        page=LabIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )

    html = client.get("/about/").content.decode()

    assert 'class="site-nav__link" href="/labs/"' not in html


def test_footer_links_to_the_about_page_only_while_it_is_published(client, home):
    from policylab_site.models import StandardPage

    assert '<a href="/about/">About the platform</a>' in client.get("/search/").content.decode()

    StandardPage.objects.get(slug="about").unpublish()

    assert "About the platform" not in client.get("/search/").content.decode()
