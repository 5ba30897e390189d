"""The search page runs the same number of SQL queries whatever the number of matches: the
challenge status, counted at query time, is counted from the matched ids in one query, not by
one search per status once the matches are many."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search import service
from search.engines.embedded import engine
from tests.challenges import factories as challenges
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URLS = ["/search/?q=pension", "/search/?q=pension&country=PK", "/search/?q=pension&status=open"]


def _publish(count: int, start: int = 0):
    now = timezone.now()
    for n in range(start, start + count):
        # Open, closing soon, upcoming, selecting: every status the facet counts.
        closes = now + timedelta(days=[3, 40, 60, -2][n % 4])
        opens = now + timedelta(days=5) if n % 4 == 2 else None
        challenges.ChallengePageFactory(title=f"Pension reform {n}", opens=opens, closes=closes)


@pytest.mark.parametrize("url", URLS)
def test_search_page_queries_do_not_grow_with_the_matches(client, home, url, monkeypatch):
    # The service used to count with one search per status above 40 matched challenges
    # (_IDS_COUNT_MAX); lowered here (it no longer exists) so a dozen challenges cross it.
    monkeypatch.setattr(service, "_IDS_COUNT_MAX", 4, raising=False)
    _publish(4)
    small = queries_of(client, url)
    _publish(8, start=4)
    assert queries_of(client, url) == small


@pytest.mark.parametrize("url", ["/search/?q=pension", "/search/?q=pension&country=PK"])
def test_counting_facets_from_bitmaps_costs_no_more_queries_than_in_sql(
    client, home, url, monkeypatch
):
    # Above BITMAP_MIN_MATCHES the facet counts come from per-process bitmaps, which are
    # checked against the index's version once per search, however often the search needs them
    # (30x the demo content: "governance" matched 1,127 documents and ran one query more). On
    # PostgreSQL the ranking query already returns the matched ids: one query fewer above.
    monkeypatch.setattr(engine, "BITMAP_MIN_MATCHES", 6)
    _publish(4)
    below = queries_of(client, url)
    _publish(12, start=4)
    assert queries_of(client, url) <= below
