"""``email_after_commit``, the one way an action's email leaves: after commit, as one batch."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from core import emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """The batches handed to the worker's queue (each a list of messages)."""
    batches = []
    queue = SimpleNamespace(enqueue=lambda *, messages: batches.append(messages))
    monkeypatch.setattr(emails, "emails_deliver", queue)
    return batches


def test_nothing_is_queued_before_the_commit_and_one_batch_after(
    enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emails.email_after_commit(
            to=["asma@example.org", "bilal@example.org"],
            template="challenges/emails/challenge_update",
            context={"title": "Pilot districts chosen"},
        )
        assert enqueued == []
    assert enqueued == [
        [
            {
                "to": ["asma@example.org", "bilal@example.org"],
                "template": "challenges/emails/challenge_update",
                "context": {"title": "Pilot districts chosen"},
            }
        ]
    ]


def test_one_each_gives_every_address_its_own_message_in_the_same_batch(
    enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emails.email_after_commit(
            to=["asma@example.org", "", "bilal@example.org"],
            template="challenges/emails/challenge_update",
            context={},
            one_each=True,
        )
    assert len(enqueued) == 1
    assert [message["to"] for message in enqueued[0]] == [
        ["asma@example.org"],
        ["bilal@example.org"],
    ]


def test_a_rolled_back_action_queues_nothing(enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                emails.email_after_commit(
                    to=["asma@example.org"],
                    template="challenges/emails/challenge_update",
                    context={},
                )
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert enqueued == []
