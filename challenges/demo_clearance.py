"""Demo: findings from the selected demo project waiting on the challenge owner's clearance.

Made through the services people use: the space's owner proposes two findings; the challenge's
owner clears one with an embargo date (it then waits for the site's moderators, and once they
approve, for the embargo day) and leaves the other for the visitor to decide on.
"""

from datetime import timedelta

from django.utils import timezone

from labs.models import SpaceMembership, SpaceRole
from labs.services import finding_propose_from_space

from .models import ClearanceDecision, FindingClearance, Proposal, ProposalStatus
from .services.clearance import finding_clearance_decide

#: How far ahead the demo embargo lies.
EMBARGO_DAYS = 30

EMBARGOED = {
    "title": "Waiting times at Islamabad's service centres",
    "abstract": (
        "Exit interviews with 1,200 visitors and six months of queue logs: most of the wait "
        "is for document verification, which bundling by service demand could halve."
    ),
}
AWAITING = {
    "title": "What visitors ask the next service centres to offer",
    "abstract": (
        "Visitors ask for domicile, birth registration and pension services under one roof; "
        "women visitors ask for separate counters and evening hours."
    ),
}


def seed(*, home, people, stdout) -> None:
    proposal = (
        Proposal.objects.filter(status=ProposalStatus.SELECTED, project_space__isnull=False)
        .select_related("challenge", "project_space")
        .order_by("pk")
        .first()
    )
    if proposal is None:
        stdout.write("  clearance: no selected project with a space; skipped")
        return
    space = proposal.project_space
    owner_membership = (
        SpaceMembership.objects.filter(space=space, role=SpaceRole.OWNER)
        .select_related("user")
        .first()
    )
    challenge_owner = proposal.challenge.owners.first()
    if owner_membership is None or challenge_owner is None:
        stdout.write("  clearance: the demo project has no owner to propose or clear; skipped")
        return
    proposed = set(
        FindingClearance.objects.filter(space=space).values_list("finding__title", flat=True)
    )
    for spec in (EMBARGOED, AWAITING):
        if spec["title"] in proposed:
            continue
        finding = finding_propose_from_space(
            space=space,
            proposed_by=owner_membership.user,
            title=spec["title"],
            abstract=spec["abstract"],
        )
        if spec is EMBARGOED:
            finding_clearance_decide(
                clearance=FindingClearance.objects.get(finding=finding),
                decided_by=challenge_owner,
                decision=ClearanceDecision.CLEAR,
                note="Cleared by the Establishment Division; please hold until the Cabinet note.",
                embargo_until=timezone.localdate() + timedelta(days=EMBARGO_DAYS),
            )
    stdout.write("  clearance: a finding cleared with an embargo, another awaiting clearance")
