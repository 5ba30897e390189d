"""Daily digest of project-space activity for members who chose it. Run once a day (cron)."""

from django.core.management.base import BaseCommand

from labs.services import space_digests_send


class Command(BaseCommand):
    help = (
        "Email each digest subscriber what happened in their project spaces since the last digest."
    )

    def handle(self, *args, **options):
        sent = space_digests_send()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email(s)."))
