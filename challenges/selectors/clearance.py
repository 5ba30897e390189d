"""Reads about the clearance of findings that answer a challenge."""

from django.db.models import (
    Case,
    QuerySet,
    Value,
    When,
)

from challenges.models import (
    ChallengePage,
    ClearanceStatus,
    FindingClearance,
)


def finding_clearances(*, challenge: ChallengePage) -> QuerySet:
    """The challenge's findings under clearance or past it, those awaiting a decision first."""
    return (
        FindingClearance.objects.filter(challenge=challenge)
        .select_related("finding", "space__lab", "proposed_by", "decided_by")
        .annotate(
            awaiting=Case(
                When(status=ClearanceStatus.PENDING, then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("awaiting", "-updated_at", "-pk")
    )


def finding_draft(clearance):
    """The finding as its team last wrote it (its latest revision), for the owners to read."""
    return clearance.finding.specific.get_latest_revision_as_object()


def findings_awaiting_clearance(*, challenge: ChallengePage) -> int:
    return FindingClearance.objects.filter(
        challenge=challenge, status=ClearanceStatus.PENDING
    ).count()
