"""Demo of what policymakers do with a live brief (called at the end of ``challenges.demo``).

The owner of the first open demo challenge moves its deadline a week later through the same
service as the "Move the deadline" form, so the brief's timeline and updates show an
extension. Idempotent: a challenge that was extended once is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from .models import ChallengePage, ChallengeStatus, DeadlineExtension
from .services import challenge_deadline_extend

EXTENSION_DAYS = 7


def seed_deadline_extension(*, challenges: list[ChallengePage], stdout) -> None:
    if DeadlineExtension.objects.filter(challenge__in=challenges).exists():
        return
    now = timezone.now()
    for challenge in challenges:
        owner = challenge.owners.first()
        if challenge.status_at(now) != ChallengeStatus.OPEN or owner is None:
            continue
        if challenge.proposals_close_at is None:
            continue
        challenge_deadline_extend(
            challenge=challenge,
            user=owner,
            new_deadline=challenge.proposals_close_at + timedelta(days=EXTENSION_DAYS),
            note=(
                "Several provincial departments asked for more time to share their data; "
                "teams now have one more week."
            ),
        )
        stdout.write(f"  challenge deadline extended: {challenge.title}")
        return
