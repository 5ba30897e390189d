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
dates as days from today. Each of those is written through the service the person's action
goes through (verification, questions, updates, follows, invitations, reviews, selection,
finalising, the outcome and the response), so their emails go out as they would; what exists
is left as it is on a second run. Sent proposals are the one ORM write (see ``_proposal``).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from . import demo_languages, demo_policymakers
from .models import (
    AgencyResponse,
    ChallengeIndexPage,
    ChallengeOutcome,
    ChallengePage,
    ChallengeQuestion,
    ChallengeUpdate,
    PolicymakerVerification,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Review,
    VerificationStatus,
)
from .services.engagement import (
    challenge_follow,
    challenge_update_post,
    question_answer,
    question_ask,
)
from .services.outcomes import agency_response_record, challenge_state_set
from .services.proposals import proposal_start, proposal_update
from .services.reviews import (
    proposal_feedback_set,
    proposal_select,
    review_save,
    reviewer_invite,
    selection_finalise,
)
from .services.verification import (
    policymaker_verification_decide,
    policymaker_verification_request,
)

DATA = Path(__file__).resolve().parent / "data" / "demo"


def _proposal(challenge, lab, spec: dict, people) -> Proposal:
    """A draft on an open challenge is started and written by its team, as on the proposal
    form. Sent proposals are written with the ORM: ``proposal_start`` and ``proposal_submit``
    refuse a challenge whose proposals have closed, and the demo's sent proposals are on the
    two challenges past that deadline; no service writes a proposal in the past. A proposal
    the selection declined is sent here and declined by ``selection_finalise``, as the owner's
    "finalise" button does."""
    proposal = Proposal.objects.filter(challenge=challenge, lab=lab).first()
    if proposal is not None:
        return proposal
    team = [(people[member["person"]], member["role"]) for member in spec["team"]]
    texts = {name: spec[name] for name in ("summary", "approach", "work_plan", "experience")}
    if spec["status"] == ProposalStatus.DRAFT:
        (starter, starter_role), *_others = team
        proposal = proposal_start(
            challenge=challenge, lab=lab, user=starter, title=spec["title"], role=starter_role
        )
        return proposal_update(proposal=proposal, user=starter, fields=texts, members=team)
    status = (
        ProposalStatus.SUBMITTED if spec["status"] == ProposalStatus.DECLINED else spec["status"]
    )
    proposal = Proposal.objects.create(
        challenge=challenge,
        lab=lab,
        title=spec["title"],
        status=status,
        created_by=team[0][0],
        submitted_at=challenge.proposals_close_at - timedelta(days=2),
        **texts,
    )
    for user, role in team:
        ProposalMember.objects.create(proposal=proposal, user=user, role=role)
    return proposal


def _review(proposal, reviewer, scores: list[int], comments: str) -> None:
    if Review.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        return
    criteria = proposal.challenge.judging_criteria.all()
    review_save(
        proposal=proposal,
        reviewer=reviewer,
        scores={
            criterion.pk: (score, "") for criterion, score in zip(criteria, scores, strict=False)
        },
        comments=comments,
    )


def _demo_labs(people):
    """The Punjab and Dhaka labs from the labs demo (any two labs as a fallback)."""
    from labs.models import LabAuditAction, LabMembership, LabPage
    from labs.services.membership import lab_membership_add

    labs = LabPage.objects.live()
    first = labs.filter(slug="punjab-university-public-policy-lab").first()
    second = labs.filter(slug="dhaka-governance-innovation-lab").first()
    if first is None or second is None:
        fallback = list(labs.order_by("path")[:2])
        first = first or (fallback[0] if fallback else None)
        second = second or (fallback[1] if len(fallback) > 1 else None)
    if first is None:
        return None, None
    wanted = [(first, "lead", "lead"), (first, "student", "student")]
    if second is not None:
        wanted.append((second, "student2", "student"))
    for lab, handle, role in wanted:
        user = people[handle]
        if not LabMembership.objects.filter(lab=lab, user=user).exists():
            lab_membership_add(
                lab=lab, user=user, role=role, actor=user, action=LabAuditAction.JOINED
            )
    return first, second


def _verification(spec: dict, people) -> None:
    """Requested by the person and, where the data says so, approved by the moderator."""
    person = people[spec["person"]]
    if PolicymakerVerification.objects.filter(user=person).exists():
        return
    verification = policymaker_verification_request(
        user=person,
        agency_name=spec["agency_name"],
        position=spec["position"],
        official_email=spec["official_email"],
        note=spec["note"],
    )
    if spec["decided_by"]:
        policymaker_verification_decide(
            verification=verification,
            moderator=people[spec["decided_by"]],
            approve=spec["status"] == VerificationStatus.APPROVED,
        )


def _engagement(engagement: dict, challenges: dict, people) -> None:
    """Questions and answers, the owner's updates, followers and reviewer invitations."""
    for spec in engagement["questions"]:
        challenge = challenges[spec["challenge"]]
        question = ChallengeQuestion.objects.filter(
            challenge=challenge, body=spec["body"]
        ).first() or question_ask(
            challenge=challenge, user=people[spec["asked_by"]], body=spec["body"]
        )
        if spec["answer"] and not question.answered_at:
            question_answer(
                question=question, user=people[spec["answered_by"]], answer=spec["answer"]
            )
    for spec in engagement["updates"]:
        challenge = challenges[spec["challenge"]]
        if not ChallengeUpdate.objects.filter(challenge=challenge, title=spec["title"]).exists():
            challenge_update_post(
                challenge=challenge,
                author=people[spec["author"]],
                title=spec["title"],
                body=spec["body"],
            )
    for spec in engagement["followers"]:
        for handle in spec["people"]:
            challenge_follow(challenge=challenges[spec["challenge"]], user=people[handle])
    for spec in engagement["reviewer_invitations"]:
        reviewer_invite(
            challenge=challenges[spec["challenge"]],
            reviewer=people[spec["reviewer"]],
            invited_by=people[spec["invited_by"]],
        )


def seed(*, home, people, stdout) -> None:
    index = ChallengeIndexPage.objects.child_of(home).first()
    if index is None:
        stdout.write("  challenges: no challenge index page; skipped")
        return
    policymaker = people["policymaker"]
    engagement = json.loads((DATA / "engagement.json").read_text(encoding="utf-8"))

    for spec in engagement["verifications"]:
        _verification(spec, people)

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

    _engagement(engagement, challenges, people)

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
        if spec["feedback_to_team"] and not proposal.feedback_to_team:
            proposal_feedback_set(
                proposal=proposal, by=policymaker, feedback=spec["feedback_to_team"]
            )
        if spec.get("selected") and proposal.project_space_id is None:
            proposal_select(proposal=proposal, selected_by=policymaker)

    for spec in engagement["outcomes"]:
        challenge = challenges[spec["challenge"]]
        outcome = ChallengeOutcome.objects.filter(challenge=challenge).first()
        if outcome is None or outcome.selection_finalised_at is None:
            selection_finalise(challenge=challenge, by=policymaker)
            challenge_state_set(
                challenge=challenge,
                by=policymaker,
                state=spec["manual_state"],
                note=spec["closing_note"],
            )
    for spec in engagement["agency_responses"]:
        challenge = challenges[spec["challenge"]]
        if not AgencyResponse.objects.filter(challenge=challenge, kind=spec["kind"]).exists():
            agency_response_record(
                challenge=challenge,
                by=people[spec["recorded_by"]],
                kind=spec["kind"],
                responded_on=timezone.localdate() + timedelta(days=spec["responded_in_days"]),
                statement=spec["statement"],
                document_url=spec["document_url"],
            )
    stdout.write("  challenges: proposals, reviews, a selected project and a government response")
