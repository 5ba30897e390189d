"""Hostile query parameters answer 4xx or are ignored, never 500 (issue 12, finding 3).

Each URL the outside testers reported gets its own test; the sweep at the end sends the same
class of values (unicode digits, huge numbers, NUL, slashes, markup) to every parameter the
public and space views read.
"""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import SpaceWorld
from tests.network.factories import theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge(home):
    return CaseStudyPageFactory(title="Open budgets", countries=["PK"], themes=["service-delivery"])


def test_knowledge_index_ignores_an_unknown_theme(client, knowledge):
    response = client.get("/knowledge/?theme=%3Cx%3E")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open budgets" in html  # the unknown value filters nothing out
    assert "/feeds/knowledge/theme/" not in html


def test_knowledge_index_ignores_a_country_with_a_slash(client, knowledge):
    response = client.get("/knowledge/?country=a%2Fb")
    assert response.status_code == 200
    assert "Open budgets" in response.content.decode()
    assert "/feeds/knowledge/country/" not in response.content.decode()


def test_knowledge_index_still_offers_the_feed_of_a_known_theme(client, knowledge):
    html = client.get("/knowledge/", {"theme": theme("service-delivery").slug}).content.decode()
    assert "/feeds/knowledge/theme/service-delivery/rss/" in html


def test_search_page_number_in_unicode_digits_shows_the_first_page(client, home):
    response = client.get("/search/?q=x&page=%C2%B2")
    assert response.status_code == 200


def test_task_list_with_an_assignee_in_unicode_digits_lists_every_task(client, home):
    world = SpaceWorld()
    client.force_login(world.member)
    response = client.get(f"/spaces/{world.space.pk}/tasks/?assignee=%C2%B2")
    assert response.status_code == 200
    assert "Book interviews" in response.content.decode()


HOSTILE = ["²", "٣", "9" * 30, "-1", "\x00", "a/b", "<x>", "1e400", " "]


@pytest.mark.parametrize(
    "path, names",
    [
        ("/search/", ["page", "sort", "content_type", "country", "theme", "sdg", "year"]),
        ("/search/autocomplete/", ["q"]),
        ("/knowledge/", ["page", "sort", "type", "country", "theme", "sdg", "year", "partner"]),
        ("/challenges/", ["page", "scope", "status", "country", "sdg", "agency", "deadline"]),
        ("/labs/", ["page", "country", "university", "theme", "open"]),
        ("/network/partners/", ["page", "type", "country"]),
        ("/api/v2/knowledge/", ["country", "theme", "published_after", "search"]),
        ("/api/v2/knowledge/", ["limit", "offset", "order", "fields", "child_of", "id", "type"]),
        ("/api/v2/events/", ["limit", "offset", "search"]),
        ("/api/v2/partners/", ["country", "partner_type"]),
    ],
)
def test_public_views_never_answer_500_to_hostile_parameters(client, knowledge, path, names):
    for name in names:
        for value in HOSTILE:
            response = client.get(path, {name: value, "q": "budget"})
            assert response.status_code < 500, (path, name, value, response.status_code)


def test_space_views_never_answer_500_to_hostile_parameters(client, home):
    world = SpaceWorld()
    client.force_login(world.member)
    base = f"/spaces/{world.space.pk}/"
    checks = {
        "tasks/": ["status", "assignee"],
        "threads/": ["page"],
        "activity/": ["page"],
        "search/": ["q"],
        f"threads/{world.thread.pk}/": ["page"],
    }
    for suffix, names in checks.items():
        for name in names:
            for value in HOSTILE:
                response = client.get(base + suffix, {name: value})
                assert response.status_code < 500, (suffix, name, value, response.status_code)


def test_a_nul_in_the_query_string_is_a_400_with_the_bad_request_page(client, home):
    response = client.get("/network/partners/?country=%00")
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/places/pk%00/", "/knowledge/a%00b/", "/challenges/%00/"])
def test_a_nul_in_the_path_is_a_404_with_the_not_found_page(client, home, path):
    """No address of the site holds a NUL; on PostgreSQL a page lookup by it raised a 500."""
    response = client.get(path)
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]
