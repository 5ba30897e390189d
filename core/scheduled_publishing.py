"""Wagtail's scheduled publishing, run by the task worker at the time a page was scheduled for.

A page approved with a future ``go_live_at`` (an embargoed finding, a page an editor scheduled)
is not published by Wagtail until something runs ``manage.py publish_scheduled``. Rather than a
cron job beside the worker, each scheduled revision enqueues one deferred task due at its
``approved_go_live_at``: the worker ``make run`` starts (or RQ's scheduler) runs the command then.
A task due while the worker was stopped waits in the queue and runs when it starts again; a
revision rescheduled or unscheduled later only makes the earlier task find nothing to publish.
"""

from django.core.management import call_command
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.models import Revision

from .background import enqueue_after_commit


@task()
def scheduled_pages_publish() -> None:
    """Publish every revision whose scheduled time has come (Wagtail's own command)."""
    call_command("publish_scheduled", verbosity=0)


def _revision_saved(sender, instance, **kwargs) -> None:
    go_live_at = instance.approved_go_live_at
    if go_live_at is None:
        return
    if not scheduled_pages_publish.get_backend().supports_defer:
        # The immediate backend (tests) cannot wait: running now would publish nothing.
        return
    enqueue_after_commit(scheduled_pages_publish.using(run_after=go_live_at))


def connect() -> None:
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="core.scheduled_publishing")
