"""The challenges index takes its indexed facets from the search service, while status and
deadlines are judged at query time (a deadline passing re-publishes nothing)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import selectors
from core import search_port

from .test_index import catalogue  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_index_facets_and_list_go_through_the_search_port(catalogue, monkeypatch):  # noqa: F811
    calls = []
    provider = search_port._provider

    def spy(**kwargs):
        calls.append(kwargs)
        return provider(**kwargs)

    monkeypatch.setattr(search_port, "_provider", spy)
    filters = selectors.ChallengeFilters(place=("PK-PB",))
    assert [c.title for c in selectors.challenge_list(filters=filters)] == ["Closing soon"]
    facets = selectors.challenge_facets(filters=filters)
    assert {o.value: o.count for o in facets["place"]} == {"PK-PB": 1, "PK-PB-LAHORE": 1}
    assert calls and all(call["content_types"] == ("challenge",) for call in calls)


def test_status_follows_the_clock_without_reindexing(catalogue):  # noqa: F811
    later = timezone.now() + timedelta(days=4)  # "Closing soon" has closed meanwhile
    selecting = selectors.ChallengeFilters(status=("selecting",), place=("PK-PB",))
    assert [c.title for c in selectors.challenge_list(filters=selecting, now=later)] == [
        "Closing soon"
    ]
    facets = selectors.challenge_facets(
        filters=selectors.ChallengeFilters(place=("PK-PB",)), now=later
    )
    assert {o.value: o.count for o in facets["status"]} == {"selecting": 1}


def test_unpublished_challenge_leaves_list_and_counts(catalogue):  # noqa: F811
    catalogue["soon"].unpublish()
    filters = selectors.ChallengeFilters(scope="all")
    assert "Closing soon" not in [c.title for c in selectors.challenge_list(filters=filters)]
    facets = selectors.challenge_facets(filters=filters)
    assert "PK-PB" not in {o.value for o in facets["place"]}
