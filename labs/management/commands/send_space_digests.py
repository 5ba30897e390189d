"""Daily digest of project-space activity for members who chose it. Run once a day (cron)."""

from django.core.management.base import BaseCommand

from labs.services import space_digests_deliver


class Command(BaseCommand):
    help = (
        "Queue the daily digests: the task worker emails each digest subscriber what happened "
        "in their project spaces since their last digest."
    )

    def handle(self, *args, **options):
        space_digests_deliver.enqueue()
        self.stdout.write(self.style.SUCCESS("Digests queued for the task worker."))
