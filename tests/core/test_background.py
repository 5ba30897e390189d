"""Work leaves the request: emails wait in the database task queue and the worker sends them.

These tests use the production tasks backend (the database queue) and run the worker
(`manage.py db_worker --batch`) themselves, so they see what is enqueued and what the worker
does. Everywhere else the suite runs tasks at once (settings.test).
"""

import smtplib
import socket

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from labs import services as labs_services
from labs.models import Post, SpaceRole
from policylab_site.settings import base as configured
from tests.background import run_worker
from tests.factories import PersonFactory
from tests.labs.factories import SpaceWorld

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nothing listens on: connecting is refused, as with a mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down(task_queue, monkeypatch):
    """The production email settings with the SMTP server unreachable; counts SMTP attempts."""
    settings = task_queue
    settings.EMAIL_BACKEND = configured.EMAIL_BACKEND
    settings.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
    attempts = []
    real_connect = smtplib.SMTP.connect

    def connect(self, *args, **kwargs):
        attempts.append(args)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", connect)
    settings.smtp_attempts = attempts
    return settings


def mail_server_returns(settings):
    settings.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def space_with_members(count: int) -> SpaceWorld:
    """SpaceWorld (owner, member, observer) grown to ``count`` members, all emailed at once."""
    world = SpaceWorld()
    for number in range(count - 3):
        labs_services.space_member_add(
            space=world.space,
            user=PersonFactory(username=f"extra-member-{count}-{number}"),
            role=SpaceRole.MEMBER,
            added_by=world.owner,
        )
    return world


def reply(client, world, body, capture):
    client.force_login(world.member)
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = client.post(world.thread.get_absolute_url(), {"body": body})
    assert response.status_code == 302
    return len(queries)


def test_a_reply_to_30_members_answers_without_the_mail_server_and_the_worker_sends_it(
    client, home, mail_server_down, django_capture_on_commit_callbacks
):
    small = space_with_members(3)
    DBTaskResult.objects.all().delete()
    queries_small = reply(client, small, "To three", django_capture_on_commit_callbacks)

    world = space_with_members(30)
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()
    queries_large = reply(
        client, world, "Sent while mail is down", django_capture_on_commit_callbacks
    )

    assert Post.objects.filter(body="Sent while mail is down").count() == 1
    # Nothing was sent or even attempted in the request, and its work does not grow with
    # the number of members: one task carries every email.
    assert mail_server_down.smtp_attempts == []
    assert mail.outbox == []
    assert queries_large == queries_small
    assert DBTaskResult.objects.count() == 1

    # The worker runs while the server is still down: nothing is lost, a retry waits.
    run_worker()
    assert len(mail_server_down.smtp_attempts) == 1  # one connection for the whole batch
    assert mail.outbox == []
    assert DBTaskResult.objects.failed().count() == 1
    retry = DBTaskResult.objects.exclude(status="FAILED").get()
    assert retry.status == "READY" and retry.run_after > timezone.now()

    mail_server_returns(mail_server_down)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # its time comes
    run_worker()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(
        membership.user.email for membership in world.space.memberships.exclude(user=world.member)
    )
    assert len(expected) == 29
    assert recipients == expected
    assert all("Sent while mail is down" in message.body for message in mail.outbox)


def run_settings(code: str, **environ) -> str:
    """Print something from the settings as a fresh process configured by ``environ`` sees it."""
    import os
    import subprocess
    import sys

    return subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", f"from policylab_site.settings import base; print({code})"],
        env={**os.environ, "TASK_QUEUE_URL": "", **environ},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_queue_is_the_database_unless_a_redis_queue_is_configured():
    assert run_settings("base.TASKS['default']['BACKEND']") == "django_tasks_db.DatabaseBackend"
    redis = {"TASK_QUEUE_URL": "redis://127.0.0.1:6379/2"}
    assert run_settings("base.TASKS['default']['BACKEND']", **redis) == (
        "django_tasks_rq.RQBackend"
    )
    assert run_settings("base.RQ_QUEUES['default']['URL']", **redis) == "redis://127.0.0.1:6379/2"
    assert run_settings("'django_rq' in base.INSTALLED_APPS", **redis) == "True"
