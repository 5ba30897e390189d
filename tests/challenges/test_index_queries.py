"""The challenge index runs the same number of SQL queries whatever the number of challenges:
the clock-dependent status is evaluated in the database query that pages the list, and no list
of every challenge's id is collected."""

from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Theme
from tests.challenges.factories import ChallengePageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URLS = [
    "/challenges/",
    "/challenges/?status=open",
    "/challenges/?scope=all&country=PK",
    "/challenges/?deadline=closing-soon&scope=all",
    "/challenges/?scope=archive&page=2",
]


def _publish(count: int, start: int = 0):
    now = timezone.now()
    theme = Theme.objects.get(slug="service-delivery")
    for n in range(start, start + count):
        # Open, closing soon, upcoming, selecting, closed: every status the index counts.
        closes = now + timedelta(days=[3, 40, 60, -2, -100][n % 5])
        opens = now + timedelta(days=5) if n % 5 == 2 else None
        page = ChallengePageFactory(title=f"Challenge {n}", opens=opens, closes=closes)
        page.themes.add(theme)
        page.save_revision().publish()


@pytest.mark.parametrize("url", URLS)
def test_index_queries_do_not_grow_with_the_challenges(client, home, url):
    _publish(3)
    small = queries_of(client, url)
    _publish(30, start=3)
    assert queries_of(client, url) == small


def test_index_never_asks_the_search_service_for_every_challenge(client, home, monkeypatch):
    """The service is asked for counts (one result each) and for its matches as a subquery; it
    used to be paged through 100 hits at a time, with every admitted challenge's id."""
    from core import search_port

    _publish(3)
    calls = []
    provider = search_port._provider

    def spy(**kwargs):
        calls.append(kwargs)
        return provider(**kwargs)

    monkeypatch.setattr(search_port, "_provider", spy)
    for url in URLS:
        assert client.get(url).status_code == 200
    assert calls
    for call in calls:
        assert call["per_page"] == 1 and call["page"] == 1
        assert not isinstance(call["page_ids"], list | tuple | set)
