"""Page types of the labs app: the lab directory and one page per lab."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from core.admin_scope import AdminTitleForViewerMixin
from core.fields import optional_country_field, places_field
from core.languages import ReaderLanguageAddressMixin
from core.section_pages import SectionIndexPage
from core.validators import SingleLineTextMixin


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in may join")
    APPROVAL = "approval", _("By approval: leads review requests")
    INVITATION = "invitation", _("Invitation only")


class LabIndexPage(SectionIndexPage):
    """Directory of the policy labs on the platform."""

    subpage_types = ["labs.LabPage"]

    class Meta:
        verbose_name = _("lab index page")

    def section_context(self, request) -> dict:
        # Imported here: labs.contexts imports these models (the one back-edge the import
        # contract allows, see [tool.importlinter] in pyproject.toml).
        from labs import contexts

        return contexts.lab_index_page(request)


class LabPage(ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page):
    """One university policy lab: what it works on, who runs it, and how to join."""

    university = models.ForeignKey(
        "network.PartnerPage",
        verbose_name=_("university (network partner)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="labs",
    )
    university_name = models.CharField(
        _("university name"),
        max_length=200,
        blank=True,
        help_text=_("Used when the university is not (yet) a network partner."),
    )
    department = models.CharField(_("department or institute"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = optional_country_field()
    places = places_field("labs")
    summary = models.CharField(
        _("summary"), max_length=280, blank=True, help_text=_("One or two sentences for cards.")
    )
    mission = RichTextField(
        _("mission"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, related_name="labs", verbose_name=_("focus themes")
    )
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
    # A copy or a translation of the page is not led by this lab's group (one group, one page):
    # copying it broke the unique key and would have given the leads another tree's page.
    exclude_fields_in_copy = ["lead_group"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("university"),
                FieldPanel("university_name"),
                FieldPanel("department"),
                FieldPanel("city"),
                FieldPanel("country"),
                AutocompletePanel("places"),
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
        index.FilterField("university"),
        index.FilterField("join_policy"),
    ]

    parent_page_types = ["labs.LabIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lab page")

    @cached_property
    def university_label(self) -> str:
        if self.university_id:
            return self.university.title
        return self.university_name

    @property
    def is_open_for_members(self) -> bool:
        return self.join_policy in (JoinPolicy.OPEN, JoinPolicy.APPROVAL)

    @property
    def card_summary(self) -> str:
        return self.summary

    @property
    def card_meta(self) -> str:
        country = self.country or (self.university.country if self.university_id else None)
        parts = [self.university_label, country.name if country else ""]
        return " · ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        # Imported here: labs.contexts imports these models (see LabIndexPage.get_context).
        from labs import contexts

        context = super().get_context(request, *args, **kwargs)
        context.update(contexts.lab_page(request, self))
        return context


class LabFinding(models.Model):
    """A knowledge-base finding produced by a lab, usually proposed from one of its spaces.

    Kept on the labs side because knowledge sits below labs in the layering.
    """

    lab = models.ForeignKey(LabPage, on_delete=models.CASCADE, related_name="lab_findings")
    finding = models.OneToOneField(
        "knowledge.FindingPage", on_delete=models.CASCADE, related_name="lab_link"
    )
    space = models.ForeignKey(
        "labs.ProjectSpace",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_findings",
    )
    proposed_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The deliverable a supervised team's finding comes from: whoever clears or moderates the
    # finding later reads its supervisor's sign-off through it.
    deliverable = models.ForeignKey(
        "labs.Deliverable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lab finding")

    def __str__(self) -> str:
        return f"{self.finding} ({self.lab})"


def lead_group_name(lab: LabPage) -> str:
    # By id, never by title: a lab's title may be an unpublished draft, and group names show
    # in every admin's group lists.
    return f"Lab leads #{lab.pk}"


__all__ = ["JoinPolicy", "LabFinding", "LabIndexPage", "LabPage", "lead_group_name"]
