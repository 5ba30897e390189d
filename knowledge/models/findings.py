"""Finding pages: what a lab's project found, with its authors, recommendations and sources.

Long texts are Markdown, not rich text (see ``knowledge.models.case_studies``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.admin_scope import AdminTitleForViewerMixin
from core.fields import (
    MarkdownField,
    RenderedMarkdownField,
    RenderedMarkdownPageMixin,
)
from core.languages import ReaderLanguageAddressMixin
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, html_to_plain_text
from core.validators import SingleLineTextMixin

from ..blocks import RecommendationStreamBlock
from ..licences import LicenceAPIField, licence_model_field
from .pages import KnowledgeItemMixin


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
    card_fields = ("abstract", "abstract_html", "publication_date")
    detail_prefetch = ("countries", "themes", "sdgs")

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
