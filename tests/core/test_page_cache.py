"""The shared page cache: anonymous readers get stored pages, nobody gets anyone's private page.

Every test renders as a member first and reads anonymously after, on the same address: a page
stored from the member's request would hand the anonymous reader the member's name, CSRF token
or private space.
"""

import gzip

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from core.page_cache import PAGE_CACHE_HEADER
from labs.models import LabIndexPage
from tests.labs.factories import LabPageFactory, SpaceWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("pages", "page-generation"):
        caches[alias].clear()
    yield
    for alias in ("pages", "page-generation"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    """Tests run inside one transaction that never commits: the purge queued for "after commit"
    runs straight away instead (as in tests/labs/conftest.py)."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def world(home):
    return SpaceWorld()


def _member_client(user):
    client = Client()
    client.force_login(user)
    return client


def _anonymous_read(url, **headers):
    return Client().get(url, **headers)


def test_a_members_page_never_reaches_an_anonymous_reader(world):
    world.member.display_name = "Zarmeena Qasuri"
    world.member.save()
    lab_url = world.lab.url
    space_url = reverse("labs:space_detail", kwargs={"space_id": world.space.pk})
    member = _member_client(world.member)

    for url in (lab_url, space_url):
        seen = member.get(url)
        assert seen.status_code == 200
        assert b"Zarmeena" in seen.content
        assert b"csrfmiddlewaretoken" in seen.content
        assert "no-store" in seen["Cache-Control"] and "private" in seen["Cache-Control"]
        assert seen[PAGE_CACHE_HEADER] == "private"
    assert world.space.title.encode() in member.get(space_url).content

    first, second = _anonymous_read(lab_url), _anonymous_read(lab_url)
    for response in (first, second):
        assert response.status_code == 200
        assert b"Zarmeena" not in response.content
        assert b"csrfmiddlewaretoken" not in response.content
        assert b"You are a member" not in response.content
        assert world.space.title.encode() not in response.content
    assert (first[PAGE_CACHE_HEADER], second[PAGE_CACHE_HEADER]) == ("miss", "hit")

    for _ in range(2):
        refused = _anonymous_read(space_url)
        assert refused.status_code in (302, 404)
        assert world.space.title.encode() not in refused.content


def test_a_signed_in_reader_is_never_served_a_stored_page(world):
    url = world.lab.url
    assert _anonymous_read(url)[PAGE_CACHE_HEADER] == "miss"
    seen = _member_client(world.member).get(url)
    assert seen[PAGE_CACHE_HEADER] == "private"
    assert world.member.public_name.encode() in seen.content


def test_a_stored_page_costs_no_query(home, django_assert_num_queries):
    assert _anonymous_read("/")[PAGE_CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = _anonymous_read("/")
    assert again[PAGE_CACHE_HEADER] == "hit"
    assert again.status_code == 200


def test_a_page_with_a_csrf_token_is_not_stored():
    login = reverse("account_login")
    for _ in range(2):
        response = _anonymous_read(login)
        assert b"csrfmiddlewaretoken" in response.content
        assert response[PAGE_CACHE_HEADER] == "private"
        assert "no-store" in response["Cache-Control"]


def test_a_pending_message_is_never_answered_from_the_cache(home):
    assert _anonymous_read("/")[PAGE_CACHE_HEADER] == "miss"
    client = Client()
    client.cookies["messages"] = "anything"
    assert client.get("/").get(PAGE_CACHE_HEADER) != "hit"


def test_the_reader_time_zone_cookie_is_part_of_the_key(home):
    assert _anonymous_read("/")[PAGE_CACHE_HEADER] == "miss"
    client = Client()
    client.cookies["tz"] = "Asia/Kathmandu"
    assert client.get("/")[PAGE_CACHE_HEADER] == "miss"


def _lab_page_shows(url, text):
    response = _anonymous_read(url)
    return response.status_code == 200 and text in response.content.decode()


def test_publishing_purges(world):
    index_url = LabIndexPage.objects.get().url
    assert _anonymous_read(index_url)[PAGE_CACHE_HEADER] == "miss"
    assert _anonymous_read(index_url)[PAGE_CACHE_HEADER] == "hit"
    LabPageFactory(title="Coastal Resilience Lab")
    assert _lab_page_shows(index_url, "Coastal Resilience Lab")


def test_unpublishing_purges(world):
    url = world.lab.url
    assert _lab_page_shows(url, world.lab.title)
    assert _anonymous_read(url)[PAGE_CACHE_HEADER] == "hit"
    world.lab.unpublish()
    assert _anonymous_read(url).status_code == 404


def test_a_view_restriction_purges(world):
    url = world.lab.url
    assert _lab_page_shows(url, world.lab.title)
    PageViewRestriction.objects.create(page=world.lab, restriction_type=PageViewRestriction.LOGIN)
    hidden = _anonymous_read(url)
    assert hidden.status_code == 302
    assert world.lab.title.encode() not in hidden.content


def test_moving_a_page_purges(world):
    old_url = world.lab.url
    assert _lab_page_shows(old_url, world.lab.title)
    other_parent = Page.objects.get(depth=2).specific
    Page.objects.get(pk=world.lab.pk).move(other_parent, pos="last-child")
    # Wagtail leaves a redirect from the old address.
    assert _anonymous_read(old_url).status_code == 301


def test_a_snippet_edit_purges(world):
    from network.models import Theme

    theme = Theme.objects.create(name="Water governance", slug="water-governance")
    world.lab.themes.add(theme)
    world.lab.save_revision().publish()
    url = world.lab.url
    assert _lab_page_shows(url, "Water governance")
    assert _anonymous_read(url)[PAGE_CACHE_HEADER] == "hit"
    theme.name = "Urban water"
    theme.save()
    assert _lab_page_shows(url, "Urban water")


def test_a_conditional_get_is_answered_304(home):
    first = _anonymous_read("/")
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    unchanged = _anonymous_read("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged.content == b""


@pytest.mark.parametrize(
    "url",
    ["/sitemap.xml", "/feeds/knowledge/rss/", "/api/v2/knowledge/", "/knowledge/"],
)
def test_feeds_sitemap_and_api_carry_validators(home, url):
    first = _anonymous_read(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert _anonymous_read(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert _anonymous_read(url)[PAGE_CACHE_HEADER] == "hit"


def test_anonymous_html_is_compressed(home):
    response = _anonymous_read("/knowledge/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)
    cached = _anonymous_read("/knowledge/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert cached[PAGE_CACHE_HEADER] == "hit" and cached["Content-Encoding"] == "gzip"
    plain = _anonymous_read("/knowledge/")
    assert not plain.has_header("Content-Encoding")
    assert b"</html>" in plain.content


def test_a_signed_in_page_is_compressed_only_for_first_party_requests(home, user):
    client = _member_client(user)
    cross_site = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_SEC_FETCH_SITE="cross-site")
    assert b"csrfmiddlewaretoken" in cross_site.content
    assert not cross_site.has_header("Content-Encoding")
    unknown = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert not unknown.has_header("Content-Encoding")
    same_origin = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_SEC_FETCH_SITE="same-origin")
    assert same_origin["Content-Encoding"] == "gzip"
