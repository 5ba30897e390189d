"""Hostile query values on the challenges pages issue 18 added or changed (the index's place
facet, challenges for you, a challenge's findings for clearance): a sensible page, never a
500, nothing echoed unescaped; a challenge that does not exist answers 404."""

import pytest
from django.urls import reverse

from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.hostile import HOSTILE_QUERIES, assert_sensible, with_nul

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief(home, policymaker, gazetteer):
    return ChallengePageFactory(
        owners=[policymaker], title="Lahore water", places=[gazetteer("PK-PB-LAHORE")]
    )


@pytest.mark.parametrize("who", ["anonymous", "student", "owner"])
def test_the_index_takes_hostile_values(client, brief, policymaker, who):
    if who != "anonymous":
        client.force_login(policymaker if who == "owner" else PersonFactory())
    for name, query in HOSTILE_QUERIES:
        assert_sensible(
            client.get("/challenges/", query),
            allowed=(400,) if with_nul(query) else (200,),
            label=name,
        )


def test_challenges_for_you_takes_hostile_values(client, brief, lab_page):
    client.force_login(PersonFactory(member_of=lab_page))
    for name, query in HOSTILE_QUERIES:
        assert_sensible(
            client.get(reverse("challenges:matches"), query),
            allowed=(400,) if with_nul(query) else (200,),
            label=name,
        )


def test_the_clearance_list_takes_hostile_values(client, brief, policymaker):
    client.force_login(policymaker)
    url = reverse("challenges:clearance_list", kwargs={"challenge_id": brief.pk})
    for name, query in HOSTILE_QUERIES:
        assert_sensible(
            client.get(url, query), allowed=(400,) if with_nul(query) else (200,), label=name
        )
    missing = reverse("challenges:clearance_list", kwargs={"challenge_id": 999999})
    assert_sensible(client.get(missing, {"page": "abc"}), allowed=(404,))
