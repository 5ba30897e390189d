"""Network pages for tests, and look-ups of the reference data the migrations seed."""

import factory

from core.models import Country
from network.models import (
    GovernmentLevel,
    InnovationStage,
    NetworkIndexPage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)
from tests.factories import PageFactory


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def sdg(number: int) -> SustainableDevelopmentGoal:
    return SustainableDevelopmentGoal.objects.get(number=number)


def stage(slug: str) -> InnovationStage:
    return InnovationStage.objects.get(slug=slug)


def level(slug: str) -> GovernmentLevel:
    return GovernmentLevel.objects.get(slug=slug)


class PartnerPageFactory(PageFactory):
    """A partner under the network index; ``country_code`` picks its country."""

    class Meta:
        model = PartnerPage

    class Params:
        country_code = "PK"

    parent = factory.LazyFunction(NetworkIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    partner_type = "university"
    country = factory.LazyAttribute(lambda o: Country.objects.get(code=o.country_code))
