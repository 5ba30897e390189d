"""The lab directory gets its matches and filter options from the search service."""

import pytest

from core import search_port
from labs.models import JoinPolicy
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def test_directory_uses_the_search_port_and_hides_unpublished_labs(client, home, monkeypatch):
    kept = LabPageFactory(title="Lahore Lab", university_name="Lahore University")
    gone = LabPageFactory(
        title="Hidden Lab", university_name="Hidden University", join_policy=JoinPolicy.INVITATION
    )
    gone.unpublish()
    calls = []

    def spy(provider):
        def call(**kwargs):
            calls.append(kwargs)
            return provider(**kwargs)

        return call

    # The matches come from the port's matching_pages, the options from its facet_search.
    monkeypatch.setattr(search_port, "_matching_provider", spy(search_port._matching_provider))
    monkeypatch.setattr(search_port, "_provider", spy(search_port._provider))
    html = client.get("/labs/?university=Lahore+University").content.decode()
    assert kept.title in html
    assert "Hidden Lab" not in html and "Hidden University" not in html
    assert calls and all(call["content_types"] == ("lab",) for call in calls)
    assert calls[0]["filters"] == {"university": ["Lahore University"]}
