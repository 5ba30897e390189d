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
