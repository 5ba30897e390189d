"""A challenge's findings for clearance run the same number of SQL queries however many
findings wait, are cleared or declined."""

import pytest
from django.urls import reverse

from labs.services import finding_propose_from_space
from tests.challenges.test_clearance import Story
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _propose(story, *, start: int, count: int) -> None:
    for number in range(start, start + count):
        finding_propose_from_space(
            space=story.space,
            proposed_by=story.space_owner,
            title=f"Finding {number}",
            abstract="What the team found.",
            authors=[story.space_owner],
        )


def test_the_clearance_list_queries_do_not_grow(client, home, lab_page):
    story = Story(lab_page)
    url = reverse("challenges:clearance_list", kwargs={"challenge_id": story.challenge.pk})
    client.force_login(story.owner)
    _propose(story, start=0, count=2)
    few = queries_of(client, url)
    _propose(story, start=2, count=10)
    assert queries_of(client, url) == few
    assert queries_of(client, url + "?page=2") == few
