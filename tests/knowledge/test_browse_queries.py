"""The knowledge index and the feeds run the same number of SQL queries whatever the amount of
published knowledge: they ask the search service for one page, never for every match."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection

from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

COUNTRIES = ["PK", "IN", "BD", "NP", "LK"]
THEMES = ["service-delivery", "digital-government"]


def _publish(count: int, start: int = 0):
    """Case studies and findings interleaved in every order the index offers (date, title), so
    that every page of results holds both types, as a page of a real knowledge base does."""
    for n in range(start, start + count):
        countries = [COUNTRIES[n % 5], COUNTRIES[(n + 1) % 5], "PK"]
        fields = {
            "title": f"{n:03} item",
            "countries": countries,
            "themes": [THEMES[n % 2]],
            "publication_date": datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        }
        if n % 4 == 3:
            FindingPageFactory(**fields)
        else:
            CaseStudyPageFactory(**fields, sdgs=[16])


@pytest.mark.parametrize(
    "url",
    [
        "/knowledge/",
        "/knowledge/?q=service",
        "/knowledge/?theme=service-delivery&page=2",
        "/knowledge/?country=PK&sort=title",
        "/knowledge/?sort=oldest&page=2",
        "/feeds/knowledge/rss/",
        "/feeds/knowledge/atom/",
        "/feeds/knowledge/theme/service-delivery/rss/",
        "/feeds/knowledge/country/PK/atom/",
    ],
)
def test_queries_do_not_grow_with_the_knowledge_base(client, home, url):
    _publish(4)
    small = queries_of(client, url)
    _publish(40, start=4)
    assert queries_of(client, url) == small


def _queries_cold(client, url: str) -> int:
    """The SQL of ``url`` when nothing it computes once per content change is cached yet: the
    first reader after a publish."""
    assert client.get(url).status_code == 200
    cache.clear()
    executed = []
    with connection.execute_wrapper(
        lambda run, sql, *args: executed.append(sql) or run(sql, *args)
    ):
        assert client.get(url).status_code == 200
    return len(executed)


@pytest.mark.parametrize(
    "url",
    [
        "/knowledge/",
        "/knowledge/?theme=service-delivery&page=2",
        "/knowledge/?country=PK&sort=title",
        "/knowledge/?language=en&page=3",
    ],
)
def test_the_first_reader_after_a_change_runs_as_many_queries_at_any_size(client, home, url):
    _publish(40)
    small = _queries_cold(client, url)
    _publish(40, start=40)
    assert _queries_cold(client, url) == small
