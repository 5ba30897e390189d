"""A task whose worker was killed is not left "running" for ever: it fails and runs again.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker dies
(django-tasks-db issue 5); nothing would ever run it again. ``requeue_stalled_tasks`` (which
``make run`` runs before it starts the worker) records such a task as failed, visibly, and
queues the same work again.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.emails import emails_deliver, message_freeze
from tests.background import run_worker

pytestmark = pytest.mark.django_db


def claimed_by_a_worker_that_died(started: timedelta) -> DBTaskResult:
    """A queued email, claimed by a worker ``started`` ago, which never finished it."""
    message = EmailMessage(subject="Your proposal", body="Body", to=["someone@example.org"])
    emails_deliver.enqueue(messages=[{"rendered": message_freeze(message)}])
    result = DBTaskResult.objects.get()
    result.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started)
    return result


def test_a_task_left_running_by_a_dead_worker_fails_and_runs_again(task_queue):
    stalled = claimed_by_a_worker_that_died(started=timedelta(hours=2))
    run_worker()
    assert mail.outbox == []  # a worker never picks up a task marked running

    call_command("requeue_stalled_tasks", "--older-than", "60", verbosity=0)
    stalled.refresh_from_db()
    assert stalled.status == "FAILED"
    assert "stopped while running" in stalled.traceback
    run_worker()

    assert [m.subject for m in mail.outbox] == ["Your proposal"]
    assert DBTaskResult.objects.successful().count() == 1


def test_a_task_still_within_its_time_is_left_to_its_worker(task_queue):
    running = claimed_by_a_worker_that_died(started=timedelta(minutes=5))

    call_command("requeue_stalled_tasks", "--older-than", "60", verbosity=0)

    running.refresh_from_db()
    assert running.status == "RUNNING"
    assert DBTaskResult.objects.count() == 1
