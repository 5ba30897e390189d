"""Page types of the labs app: the lab directory and one page per lab."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in may join")
    APPROVAL = "approval", _("By approval: leads review requests")
    INVITATION = "invitation", _("Invitation only")


class LabIndexPage(Page):
    """Directory of the policy labs on the platform."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["policylab_site.HomePage"]
    subpage_types = ["labs.LabPage"]
    max_count = 1

    class Meta:
        verbose_name = _("lab index page")

    def get_context(self, request, *args, **kwargs):
        from labs.selectors import lab_directory

        context = super().get_context(request, *args, **kwargs)
        context.update(lab_directory(params=request.GET))
        return context


class LabTheme(TaggedItemBase):
    """A focus theme of a lab (e.g. civil service reform, e-governance)."""

    content_object = ParentalKey(
        "labs.LabPage", on_delete=models.CASCADE, related_name="tagged_themes"
    )


class LabPage(Page):
    """One university policy lab: what it works on, who runs it, and how to join."""

    university_name = models.CharField(
        _("university"),
        max_length=200,
        help_text=_("Shown when the university is not (yet) a network partner."),
    )
    department = models.CharField(_("department or institute"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(
        _("summary"), max_length=280, blank=True, help_text=_("One or two sentences for cards.")
    )
    mission = RichTextField(
        _("mission"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    themes = ClusterTaggableManager(verbose_name=_("focus themes"), through=LabTheme, blank=True)
    join_policy = models.CharField(
        _("join policy"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    lead_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="led_lab",
        help_text=_("Wagtail group whose members may edit this lab page; managed automatically."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("university_name"),
                FieldPanel("department"),
                FieldPanel("city"),
                FieldPanel("country"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("mission"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [FieldPanel("join_policy"), FieldPanel("contact_email"), FieldPanel("website")],
            heading=_("Joining and contact"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("mission"),
        index.SearchField("university_name"),
        index.SearchField("department"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("join_policy"),
    ]

    parent_page_types = ["labs.LabIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lab page")

    @cached_property
    def university_label(self) -> str:
        university = getattr(self, "university", None)
        if university is not None:
            return university.title
        return self.university_name

    @property
    def is_open_for_members(self) -> bool:
        return self.join_policy in (JoinPolicy.OPEN, JoinPolicy.APPROVAL)

    @property
    def card_summary(self) -> str:
        return self.summary

    @property
    def card_meta(self) -> str:
        parts = [self.university_label, self.country.name if self.country_id else ""]
        return " · ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        from labs.selectors import lab_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lab_page_context(lab=self, user=request.user))
        return context


def lead_group_name(lab: LabPage) -> str:
    return f"Lab leads: {lab.title} (#{lab.pk})"[:150]


__all__ = ["JoinPolicy", "LabIndexPage", "LabPage", "LabTheme", "lead_group_name"]
