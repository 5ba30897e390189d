"""The home page and general content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.admin_scope import AdminTitleForViewerMixin
from core.validators import SingleLineTextMixin

from .blocks import StandardPageBodyBlock


class HomePage(AdminTitleForViewerMixin, SingleLineTextMixin, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=160)
    hero_text = models.TextField(_("hero text"), max_length=600, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    primary_action_label = models.CharField(max_length=60, blank=True)
    primary_action_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    secondary_action_label = models.CharField(max_length=60, blank=True)
    secondary_action_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("primary_action_label"),
                FieldPanel("primary_action_page"),
                FieldPanel("secondary_action_label"),
                FieldPanel("secondary_action_page"),
            ],
            heading=_("Calls to action"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "labs.LabIndexPage",
        "challenges.ChallengeIndexPage",
        "knowledge.KnowledgeIndexPage",
        "network.NetworkIndexPage",
        "policylab_site.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(page=self, request=request))
        return context


class StandardPage(AdminTitleForViewerMixin, SingleLineTextMixin, Page):
    """About, how-it-works, terms: ordinary editorial pages."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(StandardPageBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["policylab_site.HomePage", "policylab_site.StandardPage"]
    subpage_types = ["policylab_site.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
