"""Wagtail's scheduled publishing runs on the task worker at the scheduled time: a page approved
with a future go_live_at leaves a deferred task in the queue that publishes it then."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.background import run_worker
from tests.knowledge.factories import FindingPageFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_page_is_published_by_the_worker_when_its_time_comes(
    home, task_queue, django_capture_on_commit_callbacks
):
    page = FindingPageFactory(live=False)
    go_live_at = timezone.now() + timedelta(days=2)
    page.go_live_at = go_live_at
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    queued = DBTaskResult.objects.filter(task_path__endswith="scheduled_pages_publish").get()
    assert queued.run_after == go_live_at

    run_worker()  # before its time the task waits in the queue
    page.refresh_from_db()
    assert not page.live

    with mock.patch("django.utils.timezone.now", return_value=go_live_at + timedelta(minutes=1)):
        run_worker()
    page.refresh_from_db()
    assert page.live
