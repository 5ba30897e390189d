"""The lab directory runs the same number of SQL queries whatever the number of labs."""

import pytest

from network.models import Theme
from tests.labs.factories import LabPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _publish(count: int, start: int = 0):
    themes = list(Theme.objects.all()[:3])
    for n in range(start, start + count):
        lab = LabPageFactory(title=f"Lab {n:03}", university_name=f"University {n % 4}")
        lab.themes.add(themes[n % len(themes)])
        lab.save_revision().publish()


@pytest.mark.parametrize(
    "url", ["/labs/", "/labs/?page=2", "/labs/?university=University+1", "/labs/?open=1"]
)
def test_directory_queries_do_not_grow_with_the_labs(client, home, url):
    _publish(3)
    small = queries_of(client, url)
    _publish(30, start=3)
    assert queries_of(client, url) == small


def test_directory_never_asks_the_search_service_for_every_lab(client, home, monkeypatch):
    """The service is asked for counts only (one result); the list comes from its matches as a
    subquery. It used to be paged through 100 hits (with their body rows) at a time."""
    from core import search_port

    _publish(3)
    calls = []
    provider = search_port._provider

    def spy(**kwargs):
        calls.append(kwargs)
        return provider(**kwargs)

    monkeypatch.setattr(search_port, "_provider", spy)
    assert client.get("/labs/?theme=x").status_code == 200
    assert calls and all(call["per_page"] == 1 and call["page"] == 1 for call in calls)
