"""The page every section of the site starts from (challenges, labs, knowledge, network)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .admin_scope import AdminTitleForViewerMixin
from .languages import ReaderLanguageAddressMixin
from .validators import SingleLineTextMixin


class SectionIndexPage(
    ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page
):
    """One per site, under the home page: a title, an introduction and the section's listing.

    A section names its ``subpage_types`` and ``verbose_name`` and builds what its listing
    shows in ``section_context``, from its app's ``contexts`` module. Abstract: each section
    keeps its own table, so moving a section onto this class needs no data migration.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["policylab_site.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def section_context(self, request) -> dict:
        """What the section's listing shows (filters, a page of results…)."""
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.section_context(request))
        return context
