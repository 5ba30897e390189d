"""The home page, general content pages and the contact page."""

from allauth.core.ratelimit import consume_or_429
from django.conf import settings
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.admin_scope import AdminTitleForViewerMixin
from core.languages import ReaderLanguageAddressMixin
from core.validators import SingleLineTextMixin

from .blocks import StandardPageBodyBlock
from .forms import HONEYPOT_FIELD, ContactFormBuilder
from .selectors import home_sections
from .services import contact_message_send


class HomePage(ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page):
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
        "policylab_site.ContactPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """An address missing from this language's tree shows the original instead of a 404.

        ``/ur/knowledge/<english-slug>/`` routes through the Urdu home page; when the case study
        has no Urdu translation there, it is found in the other languages' trees (English
        first) and served in the Urdu interface with a note (core/includes/page_languages.html).
        """
        try:
            return super().route(request, path_components)
        except Http404:
            pass
        for home in self._other_language_homes():
            try:
                return super(HomePage, home).route(request, path_components)
            except Http404:
                continue
        raise Http404

    def _other_language_homes(self) -> list["HomePage"]:
        homes = list(self.get_translations().live().specific().select_related("locale"))
        return sorted(
            (home for home in homes if isinstance(home, HomePage)),
            key=lambda home: (home.locale.language_code != settings.LANGUAGE_CODE, home.pk),
        )

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(page=self, request=request))
        return context


class StandardPage(ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page):
    """About, how-it-works, terms: ordinary editorial pages."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(StandardPageBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["policylab_site.HomePage", "policylab_site.StandardPage"]
    subpage_types = ["policylab_site.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(ReaderLanguageAddressMixin, SingleLineTextMixin, AbstractForm):
    """A form whose messages are emailed to the site's editors (moderators).

    Editors choose the fields in the admin; an "email" field, if there is one, becomes the
    reply-to address. Messages are also kept under Forms in the Wagtail admin.
    """

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(StandardPageBodyBlock(), blank=True)
    thank_you_text = RichTextField(
        _("confirmation text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after a message was sent."),
    )

    form_builder = ContactFormBuilder

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["policylab_site.HomePage", "policylab_site.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        too_many = consume_or_429(request, action="contact_message")
        if too_many is not None:
            return too_many
        form = self.get_form(request.POST, page=self, user=request.user)
        if not form.is_valid():
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context, status=400)
        # A robot that filled the trap is thanked like anyone else, so it learns nothing.
        if not form.cleaned_data.get(HONEYPOT_FIELD):
            contact_message_send(page=self, form=form, request=request)
        return self.render_landing_page(request)
