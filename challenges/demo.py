"""Demo content for the challenges app, called by `manage.py seed_demo`. Must stay idempotent.

Three Smart Civil Service challenges in different phases — open, selecting, completed with
a recorded government response — plus proposals, reviews, Q&A and a verified policymaker.
Existing pages are left as they are on a second run, so dates stay where they were first set.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.models import Country, ProfileRole

from . import demo_languages
from .models import (
    AgencyResponse,
    ChallengeFollower,
    ChallengeIndexPage,
    ChallengeOutcome,
    ChallengePage,
    ChallengeQuestion,
    ChallengeUpdate,
    CriterionScore,
    JudgingCriterion,
    ManualState,
    PolicymakerVerification,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Review,
    ReviewerInvitation,
    VerificationStatus,
)

PKT = ZoneInfo("Asia/Karachi")

PROMOTION = {
    "slug": "performance-based-promotion-metrics",
    "title": "Performance-based promotion metrics for federal officers",
    "agency": "establishment-division-pakistan",
    "level": "national",
    "province": "",
    "themes": ["civil-service-reform", "evidence-and-data"],
    "sdgs": [16, 8],
    "summary": (
        "Help the Establishment Division replace seniority-driven promotion with a small set of "
        "fair, measurable performance indicators that officers and their managers trust."
    ),
    "problem_statement": (
        "Promotion boards in the federal civil service still lean heavily on length of service "
        "and on annual confidential reports that almost everyone passes with top marks. Officers "
        "who deliver results and officers who coast are promoted at much the same pace.\n\n"
        "The Smart Civil Service reform calls for promotions that depend on **measurable "
        "performance, leadership and continuous learning**. We need help turning that principle "
        "into indicators a promotion board can actually use."
    ),
    "background": (
        "- Annual performance evaluation reports use broad descriptive grades; in recent "
        "cycles the large majority of officers received the top two grades.\n"
        "- Several divisions already track service-delivery targets (files disposed, complaints "
        "resolved, projects completed) but these are not linked to careers.\n"
        '- The Minister for Planning has said publicly that "the era of generalist skills is over" '
        "and that promotion should reward results."
    ),
    "affected_groups": (
        "About 25,000 officers in the federal occupational groups, their managers, and the "
        "citizens who depend on the services they run."
    ),
    "desired_outcomes": (
        "1. A shortlist of 5–8 indicators per occupational group, with how each would be measured.\n"
        "2. A design for moderating scores across departments so grades stay meaningful.\n"
        "3. A plan for a one-year shadow pilot in two divisions, run alongside the current system."
    ),
    "constraints": (
        "Indicators must not need new IT systems in year one, must be explainable to officers, "
        "and must respect the existing civil service rules until they are amended."
    ),
    "data_and_resources": (
        "Anonymised evaluation grades for 2019–2024, the performance agreements of two pilot "
        "divisions, and access to a panel of serving officers for interviews."
    ),
    "eligibility": (
        "Teams from university policy labs in the network. At least one faculty supervisor; "
        "students of public administration, economics or management especially welcome."
    ),
    "criteria": [
        ("Fairness and credibility with officers", "Would officers accept it as fair?", 35),
        ("Measurability with existing data", "Can it run without new systems?", 30),
        ("Quality of the pilot design", "Comparison, safeguards, evaluation plan.", 20),
        ("Team capacity", "Supervision, relevant skills and time.", 15),
    ],
}

RECRUITMENT = {
    "slug": "merit-based-recruitment-testing",
    "title": "Merit-based recruitment testing for provincial posts",
    "agency": "punjab-information-technology-board",
    "level": "provincial-state",
    "province": "Punjab",
    "themes": ["civil-service-reform", "digital-government", "anti-corruption"],
    "sdgs": [16, 10],
    "summary": (
        "Design a transparent, skills-based recruitment test for entry-level provincial posts "
        "that can run online at scale and stands up to scrutiny."
    ),
    "problem_statement": (
        "Recruitment to entry-level provincial posts draws hundreds of thousands of applicants. "
        "Written tests are often generic, results are challenged in court, and candidates from "
        "districts far from Lahore face long journeys to sit them.\n\n"
        "We want recruitment that is **skills-based, transparent and accessible**, so that "
        "appointments are made on merit and seen to be made on merit."
    ),
    "background": (
        "PITB already runs large online services and test centres in several districts. Past "
        "recruitment rounds saw frequent litigation over question quality and result "
        "calculation."
    ),
    "affected_groups": "Young job seekers across Punjab, especially women and applicants from remote districts.",
    "desired_outcomes": (
        "A test blueprint for two job families, a question-quality process, and a publication "
        "standard for results that lets any candidate check how their score was calculated."
    ),
    "constraints": "Tests must work in Urdu and English and on low-bandwidth connections.",
    "data_and_resources": "Anonymised results of two past rounds; PITB's test-centre network.",
    "eligibility": "Policy lab teams in Pakistan; partnership with a computer science department encouraged.",
    "criteria": [
        ("Fairness and accessibility", "", 40),
        ("Technical feasibility", "", 30),
        ("Transparency of results", "", 30),
    ],
}

ONE_STOP = {
    "slug": "one-stop-service-centre-rollout",
    "title": "Rolling out one-stop service centres beyond Islamabad",
    "agency": "ministry-of-it-and-telecom-pakistan",
    "level": "national",
    "province": "",
    "themes": ["service-delivery", "digital-government"],
    "sdgs": [16, 9],
    "summary": (
        "Learn from the first Asan Khidmat Markaz in Islamabad and recommend how and where to "
        "open the next one-stop service centres."
    ),
    "problem_statement": (
        "The Asan Khidmat Markaz in Islamabad, modelled on Azerbaijan's ASAN service halls, brings "
        "many government services under one roof. Before the model is copied to other cities the "
        "ministry wants evidence on **which services to bundle, how to staff the centres on merit, "
        "and how to measure citizen satisfaction** from day one."
    ),
    "background": (
        "The centre was set up under an agreement between the ministry and Azerbaijan's State "
        "Agency for Public Service and Social Innovations. A Business Facilitation Centre was "
        "merged into it so that entrepreneurs also deal with a single counter."
    ),
    "affected_groups": "Citizens and small businesses who today visit several offices for one transaction.",
    "desired_outcomes": (
        "A service-bundling recommendation, a staffing and training model, a satisfaction "
        "survey instrument, and a ranked list of candidate cities."
    ),
    "constraints": "Recommendations must fit existing federal–provincial responsibilities for each service.",
    "data_and_resources": "Visitor and waiting-time logs of the Islamabad centre; site visits arranged by the ministry.",
    "eligibility": "Policy lab teams in the network; regional comparisons (e.g. Bangladesh, Azerbaijan) welcome.",
    "criteria": [
        ("Use of evidence from the Islamabad centre", "", 40),
        ("Practicality of the rollout plan", "", 35),
        ("Citizen focus", "", 25),
    ],
}


def _at(day_offset: int, hour: int = 17) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, 0), tzinfo=PKT)


def _challenge(
    index, spec: dict, *, owner, opens: int, closes: int, stdout, **dates
) -> ChallengePage:
    from network.models import GovernmentLevel, PartnerPage, SustainableDevelopmentGoal, Theme

    existing = ChallengePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    page = ChallengePage(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        agency=PartnerPage.objects.filter(slug=spec["agency"]).first(),
        government_level=GovernmentLevel.objects.filter(slug=spec["level"]).first(),
        country=Country.objects.get(code="PK"),
        province=spec["province"],
        problem_statement=spec["problem_statement"],
        background=spec["background"],
        affected_groups=spec["affected_groups"],
        desired_outcomes=spec["desired_outcomes"],
        constraints=spec["constraints"],
        data_and_resources=spec["data_and_resources"],
        eligibility=spec["eligibility"],
        proposals_open_at=_at(opens, 9),
        proposals_close_at=_at(closes, 17),
        submitted_by=owner,
        owner=owner,
        **{name: timezone.localdate() + timedelta(days=offset) for name, offset in dates.items()},
    )
    for position, (name, description, weight) in enumerate(spec["criteria"]):
        page.judging_criteria.add(
            JudgingCriterion(name=name, description=description, weight=weight, sort_order=position)
        )
    page.owners.set([owner])
    page.themes.set(list(Theme.objects.filter(slug__in=spec["themes"])))
    page.sdgs.set(list(SustainableDevelopmentGoal.objects.filter(number__in=spec["sdgs"])))
    index.add_child(instance=page)
    page.save_revision(user=owner).publish()
    stdout.write(f"  challenge: {page.title}")
    return page


def _proposal(
    challenge, lab, *, team, status, title, summary, approach, work_plan, experience="", feedback=""
):
    proposal, created = Proposal.objects.get_or_create(
        challenge=challenge,
        lab=lab,
        defaults={
            "title": title,
            "summary": summary,
            "approach": approach,
            "work_plan": work_plan,
            "experience": experience,
            "status": status,
            "created_by": team[0][0],
            "submitted_at": challenge.proposals_close_at - timedelta(days=2)
            if status != ProposalStatus.DRAFT
            else None,
            "feedback_to_team": feedback,
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


def seed(*, home, people, stdout) -> None:
    from labs.services import project_space_create

    index = ChallengeIndexPage.objects.child_of(home).first()
    if index is None:
        stdout.write("  challenges: no challenge index page; skipped")
        return
    policymaker, reviewer = people["policymaker"], people["reviewer"]

    PolicymakerVerification.objects.get_or_create(
        user=policymaker,
        status=VerificationStatus.APPROVED,
        defaults={
            "agency_name": "Establishment Division, Government of Pakistan",
            "position": "Deputy Secretary (Reforms)",
            "official_email": "bilal.ahmed@establishment.gov.pk",
            "decided_by": people["editor"],
            "decided_at": timezone.now(),
        },
    )
    policymaker.profile.role = ProfileRole.POLICYMAKER
    policymaker.profile.save(update_fields=["role"])
    PolicymakerVerification.objects.get_or_create(
        user=people["partner"],
        status=VerificationStatus.PENDING,
        defaults={
            "agency_name": "Sri Lanka Institute of Development Administration",
            "position": "Senior Lecturer, on secondment to the Ministry of Public Administration",
            "official_email": "priya.raman@slida.gov.lk",
            "note": "I would like to post a challenge on grievance redress in divisional secretariats.",
        },
    )

    promotion = _challenge(
        index, PROMOTION, owner=policymaker, opens=-20, closes=18, stdout=stdout,
        selection_by=35, project_start=50, project_end=230, final_presentation_on=240,
    )  # fmt: skip
    recruitment = _challenge(
        index, RECRUITMENT, owner=policymaker, opens=-60, closes=-5, stdout=stdout,
        selection_by=10, project_start=30, project_end=200, final_presentation_on=210,
    )  # fmt: skip
    one_stop = _challenge(
        index, ONE_STOP, owner=policymaker, opens=-400, closes=-340, stdout=stdout,
        selection_by=-320, project_start=-300, project_end=-60, final_presentation_on=-50,
    )  # fmt: skip
    stdout.write(demo_languages.seed(index=index, people=people))

    # Q&A, updates and followers on the open challenge.
    question, _ = ChallengeQuestion.objects.get_or_create(
        challenge=promotion,
        body="Will teams see the anonymised evaluation grades before submitting, or only after selection?",
        defaults={"asked_by": people["student"]},
    )
    if not question.answered_at:
        question.answer = (
            "Only after selection: the grades are shared with the chosen team under a data-sharing "
            "agreement. Before the deadline, the published summary statistics in the terms of "
            "reference are all you need."
        )
        question.answered_by = policymaker
        question.answered_at = timezone.now()
        question.save()
    ChallengeQuestion.objects.get_or_create(
        challenge=promotion,
        body="Can a team include serving officers as advisers?",
        defaults={"asked_by": people["student2"]},
    )
    ChallengeUpdate.objects.get_or_create(
        challenge=promotion,
        title="Briefing session for interested teams",
        defaults={
            "author": policymaker,
            "body": "We will hold an online briefing two weeks before the deadline. Follow the challenge to get the link.",
        },
    )
    for handle in ("student", "lead", "faculty"):
        ChallengeFollower.objects.get_or_create(challenge=promotion, user=people[handle])

    for challenge in (recruitment, one_stop):
        ReviewerInvitation.objects.get_or_create(
            challenge=challenge, reviewer=reviewer, defaults={"invited_by": policymaker}
        )

    first_lab, second_lab = _demo_labs(people)
    if first_lab is None:
        stdout.write("  challenges: no labs yet, so no demo proposals")
        return
    team = [(people["lead"], "Faculty supervisor"), (people["student"], "Team lead, data analysis")]
    other_team = [(people["student2"], "Team lead and researcher")]

    _proposal(
        promotion, first_lab, team=team, status=ProposalStatus.DRAFT,
        title="Indicators officers can trust",
        summary="Co-design promotion indicators with serving officers, then test them in a shadow pilot.",
        approach="Workshops with officers from three occupational groups, followed by a **shadow scoring** of last year's promotion cases.",
        work_plan="Month 1–2: interviews. Month 3: indicator workshops. Month 4–12: shadow pilot.",
    )  # fmt: skip

    recruit_a = _proposal(
        recruitment, first_lab, team=team, status=ProposalStatus.SHORTLISTED,
        title="Skills-first tests with open scoring",
        summary="Job-specific test blueprints, item review by subject panels, and a public score calculator.",
        approach="Analyse two past rounds, draft blueprints for clerical and data-entry posts, pilot items with 300 volunteers.",
        work_plan="Three phases over six months with a mid-term review with PITB.",
        experience="The lab evaluated a district e-service pilot in 2024.",
    )  # fmt: skip
    if second_lab is not None:
        recruit_b = _proposal(
            recruitment, second_lab, team=other_team, status=ProposalStatus.SUBMITTED,
            title="Lessons from Bangladesh's public service exams",
            summary="A comparative study of recruitment testing in Bangladesh and Punjab.",
            approach="Desk review and interviews with examiners in Dhaka and Lahore.",
            work_plan="Four months of comparative work, then a design sprint.",
        )  # fmt: skip
        _review(recruit_b, reviewer, [6, 5, 7], "Useful comparison; thinner on implementation.")
    _review(recruit_a, reviewer, [8, 7, 9], "Clear blueprint and a convincing transparency plan.")

    winner = _proposal(
        one_stop, first_lab, team=team, status=ProposalStatus.SUBMITTED,
        title="What citizens need from the next service centres",
        summary="Exit surveys and waiting-time analysis in Islamabad to design the next centres.",
        approach="Exit interviews with 1,200 visitors, analysis of queue logs, and a bundling model by service demand.",
        work_plan="Six months of fieldwork and analysis, with monthly reviews at the ministry.",
        experience="Team members ran the lab's 2024 survey of district service counters.",
    )  # fmt: skip
    _review(winner, reviewer, [9, 8, 8], "Strong evidence base and realistic plan.")
    if winner.project_space_id is None:
        space = project_space_create(
            lab=first_lab,
            title=winner.title,
            goal=f"{winner.summary}\n\nThis project answers the governance challenge “{one_stop.title}”.",
            created_by=people["lead"],
            members=[(people["student"], "member"), (policymaker, "member")],
            challenge=one_stop,
        )
        winner.project_space = space
    winner.status = ProposalStatus.SELECTED
    winner.decided_at = winner.decided_at or timezone.now()
    winner.save()
    if second_lab is not None:
        declined = _proposal(
            one_stop, second_lab, team=other_team, status=ProposalStatus.DECLINED,
            title="A regional comparison of one-stop shops",
            summary="Compare Islamabad with Dhaka's digital centres and Baku's ASAN halls.",
            approach="Desk research and remote interviews.",
            work_plan="Five months.",
            feedback="A thoughtful comparison; the ministry needed more primary data from Islamabad itself.",
        )  # fmt: skip
        _review(declined, reviewer, [6, 6, 7], "Good framing, little fieldwork.")
    outcome, _ = ChallengeOutcome.objects.get_or_create(challenge=one_stop)
    outcome.manual_state = ManualState.COMPLETED
    outcome.selection_finalised_at = outcome.selection_finalised_at or timezone.now()
    outcome.closing_note = (
        "The team presented its findings to the ministry; the report informed the pilot below."
    )
    outcome.save()
    AgencyResponse.objects.get_or_create(
        challenge=one_stop,
        kind="piloted",
        defaults={
            "responded_on": timezone.localdate() - timedelta(days=20),
            "statement": (
                "The ministry accepted the team's bundling model and will **pilot** it in the next "
                "one-stop centre, starting with identity, vehicle registration and business "
                "registration counters, and will use the team's exit survey to track satisfaction."
            ),
            "document_url": "https://moitt.gov.pk/",
            "recorded_by": policymaker,
        },
    )
    stdout.write("  challenges: proposals, reviews, a selected project and a government response")
