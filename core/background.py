"""Work that leaves the request: django-tasks, enqueued after commit, retried when it fails.

The tasks backend (settings.TASKS) is the database queue by default: a task enqueued while the
worker is stopped waits in the database until it runs. Each failed attempt stays visible as a
failed task result, with its traceback (Django admin, "Django tasks"), and a new attempt is
enqueued after a growing delay until ``RETRY_DELAYS`` is used up.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("policylab.background")

#: Seconds to wait before each further attempt: about two and a half hours in all, so a mail
#: server or Elasticsearch restarted within that time misses nothing.
RETRY_DELAYS = (10, 60, 300, 1800, 7200)


def enqueue_after_commit(task, **kwargs) -> None:
    """Enqueue ``task`` once the surrounding transaction commits; a rollback enqueues nothing.

    The action is already saved when this runs, so a queue that cannot be written is logged
    instead of turning the saved action into an error page.
    """
    transaction.on_commit(lambda: task.enqueue(**kwargs), robust=True)


def retry_later(task, *, attempt: int, **kwargs) -> bool:
    """Enqueue attempt ``attempt + 1`` of ``task`` after its delay; False once attempts run out.

    Called by a task that is about to fail, before it re-raises: the failure is recorded on this
    attempt's result and the next attempt waits in the queue. A backend that cannot defer a
    task (the immediate one, in tests) gets no retry: it would run again at once.
    """
    if attempt > len(RETRY_DELAYS):
        logger.error("background: %s failed %d times, giving up", task.name, attempt)
        return False
    if not task.get_backend().supports_defer:
        return False
    run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    task.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
    return True


class WorkerStopped(Exception):
    """The worker running a task stopped before the task finished (killed, crashed, restarted)."""


def stalled_tasks_requeue(*, started_before) -> int:
    """Fail each database-queue task claimed before ``started_before`` and still marked running,
    and queue the same work again; returns how many.

    django-tasks-db leaves a task RUNNING for ever when its worker dies mid-task, so nothing
    would run it again. The failure stays visible (Django admin, failed tasks) beside the new
    attempt. A task is only taken from a worker that may still be running it once it has run far
    longer than any task should; the guarded update lets one caller take each.
    """
    requeued = 0
    stalled = DBTaskResult.objects.running().filter(started_at__lt=started_before)
    for result in stalled.iterator():
        error = WorkerStopped("The worker stopped while running this task; it was queued again.")
        with transaction.atomic():
            taken = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.{WorkerStopped.__qualname__}",
                traceback=str(error),
            )
            if taken:
                result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
                requeued += 1
    if requeued:
        logger.warning(
            "background: %d task(s) left running by a stopped worker queued again", requeued
        )
    return requeued
