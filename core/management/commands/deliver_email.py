"""Deliver the email outbox (django-mailer's queue) and keep retrying what could not be sent."""

import logging
import time

from django.core.management.base import BaseCommand
from mailer import engine
from mailer.models import Message

logger = logging.getLogger("policylab.emails")


class Command(BaseCommand):
    help = (
        "Send queued emails with the transport EMAIL_URL names. Messages the mail server refused "
        "are deferred and tried again every round, so nothing is lost while it is down. "
        "Runs until stopped; --once sends one round and exits (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send one round, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=15.0,
            help="Seconds between rounds (default 15).",
        )

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            try:
                self.deliver_round()
            except Exception:
                # A message the library cannot classify must not stop delivery of the others.
                if once:
                    raise
                logger.exception("Email delivery round failed; trying again in %s s", interval)
            if once:
                return
            time.sleep(interval)

    def deliver_round(self) -> None:
        # django-mailer parks refused messages as "deferred" and only its retry step puts them
        # back in the queue; doing both every round is what makes a returning server catch up.
        Message.objects.retry_deferred()
        engine.send_all()
