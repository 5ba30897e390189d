"""Asking the same question twice (double click, resubmit) records it once."""

import re

import pytest
from django.urls import reverse

from challenges.models import ChallengeQuestion
from tests.challenges.factories import ChallengePageFactory

pytestmark = pytest.mark.django_db


def test_the_same_question_sent_twice_is_asked_once(client, home, user, policymaker):
    challenge = ChallengePageFactory(owners=[policymaker])
    client.force_login(user)
    page = client.get(challenge.url).content.decode()
    match = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert match, "the question form carries no submission token"
    data = {"body": "Is district data available?", "submission_token": match.group(1)}
    url = reverse("challenges:question_ask", args=[challenge.pk])
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ChallengeQuestion.objects.count() == 1
