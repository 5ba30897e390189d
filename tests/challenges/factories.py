"""Factories for challenge tests: government agencies, challenges, proposals."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from challenges.models import (
    ChallengeIndexPage,
    ChallengePage,
    JudgingCriterion,
    Proposal,
    ProposalMember,
    ProposalStatus,
)
from core.models import Country
from labs.models import LabMembership, LabRole
from tests.factories import PageFactory, PersonFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory

KARACHI = ZoneInfo("Asia/Karachi")


class GovernmentAgencyFactory(PartnerPageFactory):
    """A government partner, shared by every challenge with the same title."""

    class Meta:
        django_get_or_create = ("parent", "title")

    title = "Establishment Division"
    slug = ""
    partner_type = "government"
    city = "Islamabad"


class ChallengePageFactory(PageFactory):
    """A brief open for proposals from ten days ago to ten days ahead, with two criteria.

    ``opens``/``closes`` move the proposal window; ``criteria`` are ``(name, weight)`` pairs.
    """

    class Meta:
        model = ChallengePage

    class Params:
        opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
        closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
        criteria = (("Feasibility", 60), ("Evidence", 40))

    parent = factory.LazyFunction(ChallengeIndexPage.objects.first)
    title = "Merit-based recruitment"
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}.")
    problem_statement = "The **problem** in detail."
    agency = factory.SubFactory(GovernmentAgencyFactory)
    country = factory.LazyFunction(lambda: Country.objects.get(code="PK"))
    proposals_open_at = factory.SelfAttribute("opens")
    proposals_close_at = factory.SelfAttribute("closes")
    owners = ()
    judging_criteria = factory.LazyAttribute(
        lambda o: [
            JudgingCriterion(name=name, weight=weight, sort_order=position)
            for position, (name, weight) in enumerate(o.criteria)
        ]
    )


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal from a lab team; the first of ``members`` leads it.

    Every member becomes a member of the lab; without ``members`` one new student is the team.
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    class Params:
        members = ()

    challenge = factory.SubFactory(ChallengePageFactory)
    lab = factory.SubFactory(LabPageFactory)
    title = factory.LazyAttribute(lambda o: f"Proposal from {o.lab.title}")
    summary = "We will pilot it in two districts."
    approach = "Interviews and a **pilot**."
    work_plan = "Three phases."
    status = ProposalStatus.SUBMITTED
    team = factory.LazyAttribute(lambda o: list(o.members) or [PersonFactory()])
    created_by = factory.LazyAttribute(lambda o: o.team[0])
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status != ProposalStatus.DRAFT else None
    )

    @classmethod
    def _create(cls, model_class, *args, team, **kwargs):
        proposal = super()._create(model_class, *args, **kwargs)
        for position, member in enumerate(team):
            LabMembership.objects.get_or_create(
                lab=proposal.lab, user=member, defaults={"role": LabRole.STUDENT}
            )
            ProposalMember.objects.create(
                proposal=proposal, user=member, role="Lead" if position == 0 else "Researcher"
            )
        return proposal


def at_karachi(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=KARACHI)
