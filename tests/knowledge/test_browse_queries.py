"""The knowledge index and the feeds run the same number of SQL queries whatever the amount of
published knowledge: they ask the search service for one page, never for every match."""

import itertools

import pytest

from tests.queries import queries_of

from .factories import case_study, finding

pytestmark = pytest.mark.django_db

COUNTRIES = ["PK", "IN", "BD", "NP", "LK"]
THEMES = ["service-delivery", "digital-government"]


def _publish(count: int, start: int = 0):
    numbers = itertools.count(start)
    for _ in range(count):
        n = next(numbers)
        case_study(
            title=f"Case {n}",
            countries=[COUNTRIES[n % 5], COUNTRIES[(n + 1) % 5]],
            themes=[THEMES[n % 2]],
            sdgs=[16],
        )
    finding(title=f"Finding {start}", countries=[COUNTRIES[start % 5]], themes=THEMES)


@pytest.mark.parametrize(
    "url",
    [
        "/knowledge/",
        "/knowledge/?q=service",
        "/knowledge/?theme=service-delivery",
        "/knowledge/?country=PK&sort=title",
        "/knowledge/?sort=oldest&page=2",
        "/feeds/knowledge/rss/",
        "/feeds/knowledge/atom/",
        "/feeds/knowledge/theme/service-delivery/rss/",
        "/feeds/knowledge/country/PK/atom/",
    ],
)
def test_queries_do_not_grow_with_the_knowledge_base(client, home, url):
    _publish(3)
    small = queries_of(client, url)
    _publish(40, start=3)
    assert queries_of(client, url) == small
