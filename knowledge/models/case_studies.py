"""Case study pages: a partner's account of a policy that was tried, in Markdown sections.

Long texts are Markdown, not rich text: partners write them in the front-end submission
form and every page renders them through ``core.text.render_markdown``.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from core.admin_scope import AdminTitleForViewerMixin
from core.fields import (
    MarkdownField,
    RenderedMarkdownField,
    RenderedMarkdownPageMixin,
    places_field,
)
from core.languages import ReaderLanguageAddressMixin
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH
from core.validators import SingleLineTextMixin

from ..blocks import SourceStreamBlock
from ..licences import LicenceAPIField, licence_model_field
from .pages import SUMMARY_MAX_LENGTH, KnowledgeItemMixin, OriginalLanguage

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
    card_fields = ("summary", "year_launched")
    detail_prefetch = (
        "countries", "themes", "sdgs", "places", "implementing_partners", "contributing_partners",
    )  # fmt: skip

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
