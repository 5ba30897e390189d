"""Demo: a supervised team whose space answers a challenge, the whole chain in one place.

The selected demo project's space joins the demo cohort as a team with a supervisor; a member
marks a deliverable ready, the supervisor approves it with a comment, the space's owner proposes
it as a finding, and the challenge's owner, who sees the sign-off on the clearance page, clears
it with an embargo date: it then waits for the site's moderators and, once they approve, for the
embargo day. Made through the services people use; runs once.
"""

from datetime import timedelta

from django.utils import timezone

from labs.demo_cohorts import DEMO_COHORT_NAME, DEMO_LAB_SLUG
from labs.models import Cohort, CohortTeam, SpaceMembership, SpaceRole
from labs.services import finding_propose_from_space
from labs.services.cohorts import (
    cohort_team_add,
    cohort_team_supervisor_set,
    deliverable_create,
    deliverable_mark_ready,
    deliverable_sign_off,
)

from .models import ClearanceDecision, FindingClearance, Proposal, ProposalStatus
from .services.clearance import finding_clearance_decide

#: How far ahead the supervised finding's embargo lies.
EMBARGO_DAYS = 45

DELIVERABLE = {
    "title": "Service centre visitor survey",
    "summary": (
        "Exit interviews with 400 visitors at two centres: which services they came for, how "
        "often they had to come back, and what sent them back."
    ),
}
SIGN_OFF_COMMENT = "The sample and the questionnaire are sound; fine to share with the Division."
FINDING = {
    "title": "Why visitors return to the service centres",
    "abstract": (
        "Four in ten visitors came back at least once, most for a missing attested copy; a "
        "checklist sent by SMS before the visit would spare most second trips."
    ),
}


def seed(*, stdout) -> None:
    proposal = (
        Proposal.objects.filter(
            status=ProposalStatus.SELECTED,
            project_space__isnull=False,
            lab__slug=DEMO_LAB_SLUG,
        )
        .select_related("challenge", "project_space__lab")
        .order_by("pk")
        .first()
    )
    cohort = Cohort.objects.filter(lab__slug=DEMO_LAB_SLUG, name=DEMO_COHORT_NAME).first()
    if proposal is None or cohort is None:
        stdout.write("  supervised clearance: no demo cohort or selected project; skipped")
        return
    space = proposal.project_space
    if CohortTeam.objects.filter(space=space).exists():
        return
    memberships = SpaceMembership.objects.filter(space=space).select_related("user")
    owner = next((m.user for m in memberships if m.role == SpaceRole.OWNER), None)
    member = next((m.user for m in memberships if m.role == SpaceRole.MEMBER), None)
    in_space = {m.user_id for m in memberships}
    # A team's supervisor stands outside the team.
    supervisor = cohort.supervisors.exclude(pk__in=in_space).order_by("pk").first()
    challenge_owner = proposal.challenge.owners.first()
    if None in (owner, member, supervisor, challenge_owner):
        stdout.write("  supervised clearance: the demo project lacks a team or owner; skipped")
        return
    lead = cohort.created_by or owner
    team = cohort_team_add(cohort=cohort, space=space, added_by=lead)
    cohort_team_supervisor_set(team=team, supervisor=supervisor, assigned_by=lead)
    deliverable = deliverable_create(space=space, created_by=member, **DELIVERABLE)
    deliverable_mark_ready(deliverable=deliverable, marked_by=member)
    deliverable_sign_off(
        deliverable=deliverable,
        reviewer=supervisor,
        decision="approved",
        comment=SIGN_OFF_COMMENT,
    )
    finding = finding_propose_from_space(
        space=space, proposed_by=owner, deliverable=deliverable, **FINDING
    )
    finding_clearance_decide(
        clearance=FindingClearance.objects.get(finding=finding),
        decided_by=challenge_owner,
        decision=ClearanceDecision.CLEAR,
        embargo_until=timezone.localdate() + timedelta(days=EMBARGO_DAYS),
    )
    stdout.write(
        f"  supervised clearance: “{space.title}” joined the cohort; its approved deliverable "
        "became a finding cleared with an embargo"
    )
