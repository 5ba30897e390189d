"""Pages of the knowledge base, published or draft, for tests.

Taxonomies are given by their natural keys, as a partner would type them: ``countries`` by
ISO code, ``themes`` by slug, ``sdgs`` by number; ``partners`` are the implementing partner pages.
"""

import datetime

import factory

from knowledge.models import CaseStudyPage, FindingPage, KnowledgeIndexPage
from tests.factories import PageFactory
from tests.network.factories import country, sdg, theme


class KnowledgePageFactory(PageFactory):
    class Meta:
        abstract = True

    parent = factory.LazyFunction(KnowledgeIndexPage.objects.get)
    countries = ("PK",)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["countries"] = [country(code) for code in kwargs["countries"]]
        kwargs["themes"] = [theme(slug) for slug in kwargs.get("themes", ())]
        return kwargs


class CaseStudyPageFactory(KnowledgePageFactory):
    class Meta:
        model = CaseStudyPage

    class Params:
        number = factory.Sequence(lambda n: n)
        partners = ()

    title = factory.LazyAttribute(lambda o: f"Case study {o.number}")
    slug = factory.LazyAttribute(lambda o: f"case-study-{o.number}")
    summary = factory.LazyAttribute(lambda o: f"Summary of case study {o.number}.")
    problem = "The problem."
    publication_date = datetime.date(2026, 1, 1)
    sdgs = ()
    implementing_partners = factory.LazyAttribute(lambda o: list(o.partners))

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs = super()._adjust_kwargs(**kwargs)
        kwargs["sdgs"] = [sdg(number) for number in kwargs["sdgs"]]
        return kwargs


class FindingPageFactory(KnowledgePageFactory):
    class Meta:
        model = FindingPage

    class Params:
        number = factory.Sequence(lambda n: n)

    title = factory.LazyAttribute(lambda o: f"Finding {o.number}")
    slug = factory.LazyAttribute(lambda o: f"finding-{o.number}")
    abstract = factory.LazyAttribute(lambda o: f"Abstract of finding {o.number}.")
    publication_date = datetime.date(2026, 2, 1)


# Builders of the old style, kept until every test directory uses the classes above.


import datetime
import itertools

from core.models import Country, ProfileRole
from knowledge.models import CaseStudyPage, FindingPage, KnowledgeIndexPage
from network.models import (
    GovernmentLevel,
    InnovationStage,
    NetworkIndexPage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)
from tests.factories import ProfileFactory, UserFactory

_numbers = itertools.count(1)


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


def _save(parent, page, m2m: dict, *, live: bool):
    for key, value in m2m.items():
        setattr(page, key, value)
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def partner_page(*, title=None, country_code="PK", partner_type="university", live=True, **fields):
    index = NetworkIndexPage.objects.get()
    number = next(_numbers)
    page = PartnerPage(
        title=title or f"Partner {number}",
        slug=f"partner-{number}",
        partner_type=partner_type,
        country=country(country_code),
        **fields,
    )
    return _save(index, page, {}, live=live)


def case_study(
    *,
    title=None,
    countries=("PK",),
    themes=(),
    sdgs=(),
    partners=(),
    live=True,
    publication_date=None,
    **fields,
) -> CaseStudyPage:
    index = KnowledgeIndexPage.objects.get()
    number = next(_numbers)
    page = CaseStudyPage(
        title=title or f"Case study {number}",
        slug=f"case-study-{number}",
        summary=fields.pop("summary", f"Summary of case study {number}."),
        problem=fields.pop("problem", "The problem."),
        publication_date=publication_date or datetime.date(2026, 1, 1),
        **fields,
    )
    m2m = {
        "countries": [country(code) for code in countries],
        "themes": [theme(slug) for slug in themes],
        "sdgs": [sdg(number) for number in sdgs],
        "implementing_partners": list(partners),
    }
    return _save(index, page, m2m, live=live)


def finding(
    *, title=None, countries=("PK",), themes=(), live=True, publication_date=None, **fields
) -> FindingPage:
    index = KnowledgeIndexPage.objects.get()
    number = next(_numbers)
    page = FindingPage(
        title=title or f"Finding {number}",
        slug=f"finding-{number}",
        abstract=fields.pop("abstract", f"Abstract of finding {number}."),
        publication_date=publication_date or datetime.date(2026, 2, 1),
        **fields,
    )
    m2m = {
        "countries": [country(code) for code in countries],
        "themes": [theme(slug) for slug in themes],
    }
    return _save(index, page, m2m, live=live)


def partner_user(**kwargs):
    user = UserFactory(**kwargs)
    ProfileFactory(user=user, role=ProfileRole.PARTNER)
    return user


def moderator_user(**kwargs):
    from core.moderation import moderators_group_ensure

    user = UserFactory(**kwargs)
    ProfileFactory(user=user, role=ProfileRole.OTHER)
    user.groups.add(moderators_group_ensure())
    return user
