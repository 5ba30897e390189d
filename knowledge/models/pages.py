"""Page types of the knowledge base.

Long texts are Markdown, not rich text: partners write them in the front-end submission
form and every page renders them through ``core.text.render_markdown``.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from core.addresses import page_full_url
from core.admin_scope import AdminTitleForViewerMixin
from core.fields import (
    MarkdownField,
    RenderedMarkdownField,
    RenderedMarkdownPageMixin,
    places_field,
)
from core.languages import ReaderLanguageAddressMixin
from core.section_pages import SectionIndexPage
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, html_to_plain_text
from core.validators import SingleLineTextMixin

from .. import contexts
from ..blocks import RecommendationStreamBlock, SourceStreamBlock
from ..citations import CITATION_FORMATS, authors
from ..licences import LicenceAPIField, LicenceInfo, licence_info, licence_model_field

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


#: The Markdown sections of a case study, in reading order: the form, the importer, the search
#: document and the cards all name them from here.
CASE_STUDY_SECTIONS = (
    "problem",
    "what_was_done",
    "implementation",
    "results",
    "lessons",
    "transferability",
)


class CaseStudyPage(
    ReaderLanguageAddressMixin,
    AdminTitleForViewerMixin,
    SingleLineTextMixin,
    RenderedMarkdownPageMixin,
    KnowledgeItemMixin,
    Page,
):
    """A governance innovation documented by a network partner."""

    content_type_label = _("Case study")
    schema_org_type = "Article"
    card_deferred_fields = (
        *(name for source in CASE_STUDY_SECTIONS for name in (source, f"{source}_html")),
        "sources",
    )

    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("Plain language, at most 600 characters: what changed, where, for whom."),
    )
    problem = MarkdownField(
        _("the problem"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    problem_html = RenderedMarkdownField(source="problem")
    what_was_done = MarkdownField(
        _("what was done"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    what_was_done_html = RenderedMarkdownField(source="what_was_done")
    implementation = MarkdownField(
        _("how it was implemented"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    implementation_html = RenderedMarkdownField(source="implementation")
    results = MarkdownField(
        _("results and evidence"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown."),
    )
    results_html = RenderedMarkdownField(source="results")
    lessons = MarkdownField(
        _("lessons"), max_length=MAX_DOCUMENT_MARKDOWN_LENGTH, blank=True, help_text=_("Markdown.")
    )
    lessons_html = RenderedMarkdownField(source="lessons")
    transferability = MarkdownField(
        _("transferability notes"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Markdown. What another country or province would need to adopt it."),
    )
    transferability_html = RenderedMarkdownField(source="transferability")
    year_launched = models.PositiveSmallIntegerField(
        _("year launched"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1947), MaxValueValidator(2100)],
    )
    publication_date = models.DateField(
        _("added to the knowledge base"), default=datetime.date.today
    )
    stage = models.ForeignKey(
        "network.InnovationStage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("stage"),
    )
    government_level = models.ForeignKey(
        "network.GovernmentLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("level of government"),
    )
    countries = ParentalManyToManyField(
        "core.Country", related_name="case_studies", verbose_name=_("countries")
    )
    places = places_field("case_studies")
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, related_name="case_studies", verbose_name=_("themes")
    )
    sdgs = ParentalManyToManyField(
        "network.SustainableDevelopmentGoal",
        blank=True,
        related_name="case_studies",
        verbose_name=_("sustainable development goals"),
    )
    implementing_partners = ParentalManyToManyField(
        "network.PartnerPage",
        blank=True,
        related_name="implemented_case_studies",
        verbose_name=_("implementing partners"),
    )
    contributing_partners = ParentalManyToManyField(
        "network.PartnerPage",
        blank=True,
        related_name="contributed_case_studies",
        verbose_name=_("contributing partners"),
    )
    sources = StreamField(SourceStreamBlock(), blank=True, verbose_name=_("sources"))
    original_language = models.CharField(
        _("language of the original"),
        max_length=8,
        choices=OriginalLanguage.choices,
        default=OriginalLanguage.ENGLISH,
    )
    licence = licence_model_field()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_case_studies",
        verbose_name=_("submitted by"),
        help_text=_("The partner representative who submitted it through the site."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("problem"),
                FieldPanel("what_was_done"),
                FieldPanel("implementation"),
                FieldPanel("results"),
                FieldPanel("lessons"),
                FieldPanel("transferability"),
            ],
            heading=_("The case (Markdown)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("year_launched"),
                FieldPanel("publication_date"),
                FieldPanel("stage"),
                FieldPanel("government_level"),
                FieldPanel("countries"),
                AutocompletePanel("places"),
                FieldPanel("themes"),
                FieldPanel("sdgs"),
                FieldPanel("original_language"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("implementing_partners"), FieldPanel("contributing_partners")],
            heading=_("Partners"),
        ),
        FieldPanel("sources"),
        FieldPanel("licence"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("submitted_by", read_only=True),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("what_was_done"),
        index.SearchField("implementation"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("year_launched"),
        index.FilterField("publication_date"),
        index.RelatedFields("countries", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    # The API serves what the page shows: plain text or the stored sanitised HTML, never
    # the Markdown source (imports may carry raw HTML in it).
    api_fields = [
        APIField("summary"),
        APIField("year_launched"),
        APIField("publication_date"),
        APIField("country_codes"),
        APIField("theme_slugs"),
        APIField("stage_name"),
        APIField("government_level_name"),
        APIField("problem_html"),
        APIField("what_was_done_html"),
        APIField("implementation_html"),
        APIField("results_html"),
        APIField("lessons_html"),
        APIField("transferability_html"),
        APIField("original_language"),
        APIField("licence", serializer=LicenceAPIField()),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def plain_summary(self) -> str:
        return " ".join(self.summary.split())

    @property
    def year(self) -> int | None:
        return self.year_launched

    @property
    def stage_name(self) -> str:
        return self.stage.name if self.stage_id else ""

    @property
    def government_level_name(self) -> str:
        return self.government_level.name if self.government_level_id else ""

    @property
    def partners(self) -> list:
        seen, result = set(), []
        for partner in [*self.implementing_partners.all(), *self.contributing_partners.all()]:
            if partner.pk not in seen:
                seen.add(partner.pk)
                result.append(partner)
        return result

    @property
    def body_sections(self) -> list[tuple[str, str]]:
        """(heading, stored sanitised HTML) of the sections in reading order, empty ones left out."""
        sections = [
            (_("The problem"), self.problem, self.problem_html),
            (_("What was done"), self.what_was_done, self.what_was_done_html),
            (_("How it was implemented"), self.implementation, self.implementation_html),
            (_("Results and evidence"), self.results, self.results_html),
            (_("Lessons"), self.lessons, self.lessons_html),
            (_("Transferability"), self.transferability, self.transferability_html),
        ]
        return [(title, html) for title, text, html in sections if text and text.strip()]


class CaseStudyAttachment(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    def __str__(self) -> str:
        return self.caption or self.document.title


class FindingPage(
    ReaderLanguageAddressMixin,
    AdminTitleForViewerMixin,
    SingleLineTextMixin,
    RenderedMarkdownPageMixin,
    KnowledgeItemMixin,
    Page,
):
    """A finding or policy brief published by a policy lab."""

    content_type_label = _("Finding")
    schema_org_type = "Report"
    card_deferred_fields = ("body", "body_html", "key_recommendations")

    class Kind(models.TextChoices):
        FINDING = "finding", _("Finding")
        POLICY_BRIEF = "policy-brief", _("Policy brief")
        WORKING_PAPER = "working-paper", _("Working paper")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FINDING)
    authors_text = models.CharField(
        _("other authors"),
        max_length=300,
        blank=True,
        help_text=_("Authors without an account, as they should be cited. Comma-separated."),
    )
    abstract = MarkdownField(_("abstract"), max_length=1500)
    abstract_html = RenderedMarkdownField(source="abstract")
    key_recommendations = StreamField(
        RecommendationStreamBlock(), blank=True, verbose_name=_("key recommendations")
    )
    body = MarkdownField(
        _("body"), max_length=MAX_DOCUMENT_MARKDOWN_LENGTH, blank=True, help_text=_("Markdown.")
    )
    body_html = RenderedMarkdownField(source="body")
    publication_date = models.DateField(_("publication date"), default=datetime.date.today)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
    )
    countries = ParentalManyToManyField(
        "core.Country", blank=True, related_name="findings", verbose_name=_("countries")
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, related_name="findings", verbose_name=_("themes")
    )
    sdgs = ParentalManyToManyField(
        "network.SustainableDevelopmentGoal",
        blank=True,
        related_name="findings",
        verbose_name=_("sustainable development goals"),
    )
    partners = ParentalManyToManyField(
        "network.PartnerPage", blank=True, related_name="findings", verbose_name=_("partners")
    )
    # The lab and the (private) project space a finding came from are recorded on the labs
    # side (labs.LabFinding, reachable as ``lab_link``); the challenge is recorded here.
    source_challenge = models.ForeignKey(
        "challenges.ChallengePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name=_("challenge it answers"),
    )
    licence = licence_model_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        InlinePanel("authors", label=_("Authors with an account")),
        FieldPanel("authors_text"),
        FieldPanel("abstract"),
        FieldPanel("key_recommendations"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("pdf"),
                FieldPanel("countries"),
                FieldPanel("themes"),
                FieldPanel("sdgs"),
                FieldPanel("partners"),
                FieldPanel("source_challenge"),
                FieldPanel("licence"),
            ],
            heading=_("Publication"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("abstract"),
        index.SearchField("body"),
        index.SearchField("authors_text"),
        index.FilterField("publication_date"),
        index.RelatedFields("countries", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("kind"),
        APIField("abstract_html"),
        APIField("publication_date"),
        APIField("author_names"),
        APIField("country_codes"),
        APIField("theme_slugs"),
        APIField("body_html"),
        APIField("licence", serializer=LicenceAPIField()),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("finding or policy brief")
        verbose_name_plural = _("findings and policy briefs")

    @property
    def plain_summary(self) -> str:
        return html_to_plain_text(self.abstract_html)

    @property
    def summary(self) -> str:
        return self.abstract

    @property
    def year(self) -> int | None:
        return self.publication_date.year if self.publication_date else None

    @property
    def public_lab(self):
        """The lab that published it, if that lab's page is public."""
        link = getattr(self, "lab_link", None)
        lab = getattr(link, "lab", None) if link is not None else None
        if lab is not None and lab.live and not lab.get_view_restrictions().exists():
            return lab
        return None

    @property
    def public_challenge(self):
        challenge = self.source_challenge
        if (
            challenge is not None
            and challenge.live
            and not challenge.get_view_restrictions().exists()
        ):
            return challenge
        return None

    @property
    def author_names(self) -> list[str]:
        names = [author.display_name for author in self.authors.all()]
        names += [name.strip() for name in self.authors_text.split(",") if name.strip()]
        return names


class FindingAuthor(Orderable):
    """An author of a finding: a person with an account, or a name as cited."""

    page = ParentalKey(FindingPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_findings",
    )
    name = models.CharField(
        _("name as cited"), max_length=120, blank=True, help_text=_("Used when no person is set.")
    )

    panels = [FieldPanel("person"), FieldPanel("name")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.public_name
        return self.name
