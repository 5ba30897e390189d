"""The knowledge index page and what case studies and findings share (``KnowledgeItemMixin``).

Long texts are Markdown, not rich text: partners write them in the front-end submission
form and every page renders them through ``core.text.render_markdown``.
"""

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.addresses import page_full_url
from core.section_pages import SectionIndexPage

from .. import contexts
from ..citations import CITATION_FORMATS, authors
from ..licences import LicenceInfo, licence_info

SUMMARY_MAX_LENGTH = 600


class OriginalLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    URDU = "ur", _("Urdu")
    HINDI = "hi", _("Hindi")
    BENGALI = "bn", _("Bengali")
    NEPALI = "ne", _("Nepali")
    SINHALA = "si", _("Sinhala")
    TAMIL = "ta", _("Tamil")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pashto")
    DHIVEHI = "dv", _("Dhivehi")
    DZONGKHA = "dz", _("Dzongkha")
    PUNJABI = "pa", _("Punjabi")
    OTHER = "other", _("Other")


class KnowledgeIndexPage(SectionIndexPage):
    """The knowledge base: case studies, findings and policy briefs, browsed with facets."""

    subpage_types = ["knowledge.CaseStudyPage", "knowledge.FindingPage"]

    class Meta:
        verbose_name = _("knowledge index page")

    def section_context(self, request) -> dict:
        return contexts.knowledge_index_page(request, self)


class KnowledgeItemMixin(RoutablePageMixin):
    """What case studies and findings share: cards, citations, print view and metadata."""

    content_type_label = ""
    share_type = "article"
    #: Long fields a card never shows (each may hold 100,000 characters): listings defer them.
    card_deferred_fields: tuple[str, ...] = ()
    #: The type's own fields a card's summary and year are made from: a list of cards of every
    #: type reads them with the pages in one query (``knowledge.selectors.knowledge_cards``).
    card_fields: tuple[str, ...] = ()
    #: The lists the page itself names (side bar, citation, metadata), read once per request
    #: instead of once for each of the three or four places that show them.
    detail_prefetch: tuple[str, ...] = ()

    @path("")
    def default_route(self, request):
        return self.render(request)

    @path("cite/<str:citation_format>/", name="cite")
    def cite_route(self, request, citation_format):
        """BibTeX and RIS as downloads, the plain reference shown in the browser."""
        if citation_format not in CITATION_FORMATS:
            raise Http404
        render_citation, content_type, extension = CITATION_FORMATS[citation_format]
        body = render_citation(self, url=page_full_url(self, request))
        response = HttpResponse(body, content_type=content_type)
        disposition = "inline" if citation_format == "plain" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{self.slug}.{extension}"'
        return response

    @path("print/", name="print")
    def print_route(self, request):
        return self.render(request, template="knowledge/print.html")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(contexts.knowledge_item_page(request, self))
        return context

    def schema_org(self, full_url: str) -> dict:
        """schema.org metadata: an Article for case studies, a Report for findings."""
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_org_type,
            "headline": self.title[:110],
            "name": self.title,
            "description": self.card_summary,
            "url": full_url,
            "inLanguage": self.locale.language_code,
            "publisher": {"@type": "Organization", "name": "Policy Lab Commons"},
            "about": self.theme_names,
            "spatialCoverage": [{"@type": "Country", "name": n} for n in self.country_names],
        }
        if self.licence_details.is_open:
            data["license"] = self.licence_details.url
        date = getattr(self, "publication_date", None)
        if date:
            data["datePublished"] = date.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.date().isoformat()
        authors = getattr(self, "author_names", None)
        if authors:
            data["author"] = [{"@type": "Person", "name": name} for name in authors]
        else:
            data["author"] = [
                {"@type": "Organization", "name": partner.title} for partner in self.partner_pages
            ] or [{"@type": "Organization", "name": "Policy Lab Commons"}]
        return data

    @property
    def licence_details(self) -> LicenceInfo:
        return licence_info(self.licence)

    @property
    def credit_names(self) -> list[str]:
        """Who to credit: the named authors, else the public partners, else the platform."""
        return authors(self)

    def attribution(self, full_url: str) -> str:
        """The credit line a reuser copies: title, authors, source and licence (TASL)."""
        names = ", ".join(self.credit_names)
        licence = self.licence_details
        if licence.is_open:
            return _("“%(title)s” by %(authors)s, %(url)s, licensed under %(licence)s.") % {
                "title": self.title,
                "authors": names,
                "url": full_url,
                "licence": licence.name,
            }
        return _("“%(title)s” by %(authors)s, %(url)s.") % {
            "title": self.title,
            "authors": names,
            "url": full_url,
        }

    @property
    def card_summary(self) -> str:
        text = self.plain_summary
        return text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0] + "…"

    @property
    def card_meta(self) -> str:
        names = [c.name for c in self.countries.all()]
        countries = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        return " · ".join(p for p in (countries, str(self.year or "")) if p)

    @cached_property
    def partner_pages(self) -> list:
        """Partners with a published, public page (drafts never reach citations or metadata).

        Kept for the life of the instance: the citation, the credit line and the schema.org
        metadata each ask for it in one request (three queries each)."""
        partners = self.partners
        partners = list(partners.all()) if hasattr(partners, "all") else list(partners)
        public_ids = set(
            Page.objects.filter(pk__in=[p.pk for p in partners])
            .live()
            .public()
            .values_list("pk", flat=True)
        )
        return [partner for partner in partners if partner.pk in public_ids]

    @property
    def country_names(self) -> list[str]:
        return [c.name for c in self.countries.all()]

    @property
    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes.all()]

    @property
    def country_codes(self) -> list[str]:
        return [c.code for c in self.countries.all()]

    @property
    def theme_slugs(self) -> list[str]:
        return [t.slug for t in self.themes.all()]
