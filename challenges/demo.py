"""Demo content for the challenges app, called by `manage.py seed_demo`. Must stay idempotent.

Three Smart Civil Service challenges in different phases — open, selecting, completed with
a recorded government response — plus proposals, reviews, Q&A and a verified policymaker.
Existing pages are left as they are on a second run, so dates stay where they were first set.

The briefs are in ``data/demo/en.json``, in the schema of the other languages' briefs
(``demo_languages``), posted by the verified policymaker through the brief form's service
and approved by the demo moderator. What happens around them (verifications, Q&A, updates,
followers, reviewer invitations, proposals with their team and reviews, the selection, the
outcome and the government's response) is in ``data/demo/engagement.json``: challenges by
slug, people by demo handle, a proposal's lab as the ``first`` or ``second`` demo lab, and
dates as days from today.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from core.models import ProfileRole

from . import demo_languages, demo_policymakers
from .models import (
    AgencyResponse,
    ChallengeFollower,
    ChallengeIndexPage,
    ChallengeOutcome,
    ChallengePage,
    ChallengeQuestion,
    ChallengeUpdate,
    CriterionScore,
    PolicymakerVerification,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Review,
    ReviewerInvitation,
    VerificationStatus,
)

DATA = Path(__file__).resolve().parent / "data" / "demo"


def _proposal(challenge, lab, spec: dict, people) -> Proposal:
    team = [(people[member["person"]], member["role"]) for member in spec["team"]]
    proposal, created = Proposal.objects.get_or_create(
        challenge=challenge,
        lab=lab,
        defaults={
            "title": spec["title"],
            "summary": spec["summary"],
            "approach": spec["approach"],
            "work_plan": spec["work_plan"],
            "experience": spec["experience"],
            "status": spec["status"],
            "created_by": team[0][0],
            "submitted_at": challenge.proposals_close_at - timedelta(days=2)
            if spec["status"] != ProposalStatus.DRAFT
            else None,
            "feedback_to_team": spec["feedback_to_team"],
        },
    )
    for user, role in team:
        ProposalMember.objects.get_or_create(proposal=proposal, user=user, defaults={"role": role})
    return proposal


def _review(proposal, reviewer, scores: list[int], comments: str) -> None:
    review, _ = Review.objects.update_or_create(
        proposal=proposal, reviewer=reviewer, defaults={"comments": comments}
    )
    for criterion, score in zip(proposal.challenge.judging_criteria.all(), scores, strict=False):
        CriterionScore.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": score}
        )


def _demo_labs(people):
    """The Punjab and Dhaka labs from the labs demo (any two labs as a fallback)."""
    from labs.models import LabMembership, LabPage

    labs = LabPage.objects.live()
    first = labs.filter(slug="punjab-university-public-policy-lab").first()
    second = labs.filter(slug="dhaka-governance-innovation-lab").first()
    if first is None or second is None:
        fallback = list(labs.order_by("path")[:2])
        first = first or (fallback[0] if fallback else None)
        second = second or (fallback[1] if len(fallback) > 1 else None)
    if first is None:
        return None, None
    for handle, role in (("lead", "lead"), ("student", "student")):
        LabMembership.objects.get_or_create(lab=first, user=people[handle], defaults={"role": role})
    if second is not None:
        LabMembership.objects.get_or_create(
            lab=second, user=people["student2"], defaults={"role": "student"}
        )
    return first, second


def _proposal_select(proposal: Proposal, spec: dict, people) -> None:
    """Select the proposal, with the project space the team then works in."""
    from labs.services import project_space_create

    challenge = proposal.challenge
    if proposal.project_space_id is None:
        proposal.project_space = project_space_create(
            lab=proposal.lab,
            title=proposal.title,
            goal=spec["space_goal"].format(summary=proposal.summary, challenge=challenge.title),
            created_by=people[spec["space_created_by"]],
            members=[
                (people[member["person"]], member["role"]) for member in spec["space_members"]
            ],
            challenge=challenge,
        )
    proposal.status = ProposalStatus.SELECTED
    proposal.decided_at = proposal.decided_at or timezone.now()
    proposal.save()


def seed(*, home, people, stdout) -> None:
    index = ChallengeIndexPage.objects.child_of(home).first()
    if index is None:
        stdout.write("  challenges: no challenge index page; skipped")
        return
    policymaker = people["policymaker"]
    engagement = json.loads((DATA / "engagement.json").read_text(encoding="utf-8"))

    for spec in engagement["verifications"]:
        decision = (
            {"decided_by": people[spec["decided_by"]], "decided_at": timezone.now()}
            if spec["decided_by"]
            else {}
        )
        PolicymakerVerification.objects.get_or_create(
            user=people[spec["person"]],
            status=spec["status"],
            defaults={
                "agency_name": spec["agency_name"],
                "position": spec["position"],
                "official_email": spec["official_email"],
                "note": spec["note"],
                **decision,
            },
        )
        if spec["status"] == VerificationStatus.APPROVED:
            profile = people[spec["person"]].profile
            profile.role = ProfileRole.POLICYMAKER
            profile.save(update_fields=["role"])

    # The verified policymaker posts the English briefs; the moderator approves them.
    briefs = demo_languages.content_read("en")["briefs"]
    for spec in briefs:
        if demo_languages.brief_publish(
            index, spec, submitter=policymaker, moderator=people["editor"]
        ):
            stdout.write(f"  challenge: {spec['title']}")
    stdout.write(demo_languages.seed(index=index, people=people))
    challenges = {
        page.slug: page
        for page in ChallengePage.objects.child_of(index).filter(
            slug__in=[spec["slug"] for spec in briefs]
        )
    }

    for spec in engagement["questions"]:
        question, _ = ChallengeQuestion.objects.get_or_create(
            challenge=challenges[spec["challenge"]],
            body=spec["body"],
            defaults={"asked_by": people[spec["asked_by"]]},
        )
        if spec["answer"] and not question.answered_at:
            question.answer = spec["answer"]
            question.answered_by = people[spec["answered_by"]]
            question.answered_at = timezone.now()
            question.save()
    for spec in engagement["updates"]:
        ChallengeUpdate.objects.get_or_create(
            challenge=challenges[spec["challenge"]],
            title=spec["title"],
            defaults={"author": people[spec["author"]], "body": spec["body"]},
        )
    for spec in engagement["followers"]:
        for handle in spec["people"]:
            ChallengeFollower.objects.get_or_create(
                challenge=challenges[spec["challenge"]], user=people[handle]
            )
    for spec in engagement["reviewer_invitations"]:
        ReviewerInvitation.objects.get_or_create(
            challenge=challenges[spec["challenge"]],
            reviewer=people[spec["reviewer"]],
            defaults={"invited_by": people[spec["invited_by"]]},
        )

    demo_policymakers.seed_deadline_extension(challenges=list(challenges.values()), stdout=stdout)

    first_lab, second_lab = _demo_labs(people)
    if first_lab is None:
        stdout.write("  challenges: no labs yet, so no demo proposals")
        return
    labs = {"first": first_lab, "second": second_lab}
    for spec in engagement["proposals"]:
        lab = labs[spec["lab"]]
        if lab is None:
            continue
        proposal = _proposal(challenges[spec["challenge"]], lab, spec, people)
        for review in spec["reviews"]:
            _review(proposal, people[review["reviewer"]], review["scores"], review["comments"])
        if "selected" in spec:
            _proposal_select(proposal, spec["selected"], people)

    for spec in engagement["outcomes"]:
        outcome, _ = ChallengeOutcome.objects.get_or_create(challenge=challenges[spec["challenge"]])
        outcome.manual_state = spec["manual_state"]
        outcome.selection_finalised_at = outcome.selection_finalised_at or timezone.now()
        outcome.closing_note = spec["closing_note"]
        outcome.save()
    for spec in engagement["agency_responses"]:
        AgencyResponse.objects.get_or_create(
            challenge=challenges[spec["challenge"]],
            kind=spec["kind"],
            defaults={
                "responded_on": timezone.localdate() + timedelta(days=spec["responded_in_days"]),
                "statement": spec["statement"],
                "document_url": spec["document_url"],
                "recorded_by": people[spec["recorded_by"]],
            },
        )
    stdout.write("  challenges: proposals, reviews, a selected project and a government response")
