from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.background import stalled_tasks_requeue


class Command(BaseCommand):
    help = (
        "Fail and queue again the tasks a stopped worker left marked as running. Run it before "
        "starting the workers, or from cron with --older-than above the longest task's run time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="only tasks claimed at least this many minutes ago (default 60; 0 when no "
            "worker is running)",
        )

    def handle(self, *, older_than: int, **options):
        count = stalled_tasks_requeue(started_before=timezone.now() - timedelta(minutes=older_than))
        self.stdout.write(f"{count} stalled task(s) queued again.")
