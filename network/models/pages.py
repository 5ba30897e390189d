"""Page types of the network app: the network home, partner institutions and events."""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from core.addresses import absolute_url, page_full_url
from core.admin_scope import AdminTitleForViewerMixin
from core.fields import places_field
from core.languages import ReaderLanguageAddressMixin
from core.metadata import SITE_NAME, json_ld_script_body, share_image_url
from core.section_pages import SectionIndexPage
from core.time_zones import country_time_zone, zone_abbreviation
from core.validators import SingleLineTextMixin

from .. import contexts
from ..blocks import EventProgrammeBlock

# An event saved without an end is shown, and exported to calendars, as lasting this long.
DEFAULT_EVENT_LENGTH = timedelta(hours=2)


class NetworkIndexPage(RoutablePageMixin, SectionIndexPage):
    """Home of the South Asian Governance Innovation Network."""

    subpage_types = ["network.PartnerPage", "network.NetworkEventPage"]

    class Meta:
        verbose_name = _("network home page")

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=contexts.network_index_page(request, self))

    @path("partners/")
    def partners_route(self, request):
        return self.render(
            request,
            context_overrides=contexts.partner_list(request, self),
            template="network/partner_list.html",
        )

    @path("events/")
    def events_route(self, request):
        return self.render(
            request,
            context_overrides=contexts.event_list(request, self),
            template="network/event_list.html",
        )


class PartnerType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    GOVERNMENT = "government", _("Government body")
    THINK_TANK = "think-tank", _("Think tank")
    NGO = "ngo", _("NGO")
    INTERNATIONAL = "international", _("International organisation")


class PartnerPage(ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page):
    """A member institution of the network.

    Government bodies also carry a level of government: challenges use them as the issuing
    agency. The focal person's email is kept for staff and never shown publicly.
    """

    partner_type = models.CharField(_("type"), max_length=20, choices=PartnerType.choices)
    country = models.ForeignKey(
        "core.Country", on_delete=models.PROTECT, related_name="partners", verbose_name=_("country")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    places = places_field("partners")
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    government_level = models.ForeignKey(
        "network.GovernmentLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partners",
        verbose_name=_("level of government"),
        help_text=_("For government bodies only."),
    )
    summary = models.TextField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences for cards.")
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    focal_person_name = models.CharField(_("focal person"), max_length=120, blank=True)
    focal_person_title = models.CharField(_("focal person's title"), max_length=160, blank=True)
    focal_person_email = models.EmailField(
        _("focal person's email"),
        blank=True,
        help_text=_("Kept for network staff; never shown on the public site."),
    )
    representatives = ParentalManyToManyField(
        "core.User",
        blank=True,
        related_name="represented_partners",
        verbose_name=_("partner representatives"),
        help_text=_("Accounts that submit case studies on behalf of this institution."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("partner_type"),
                FieldPanel("government_level"),
                FieldPanel("country"),
                FieldPanel("city"),
                AutocompletePanel("places"),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Institution"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("focal_person_name"),
                FieldPanel("focal_person_title"),
                FieldPanel("focal_person_email"),
                FieldPanel("representatives"),
            ],
            heading=_("People"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("partner_type"),
        index.FilterField("country"),
        index.RelatedFields("country", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("partner_type"),
        APIField("country_code"),
        APIField("city"),
        APIField("website"),
        APIField("summary"),
    ]

    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")

    @property
    def country_code(self) -> str:
        return self.country.code if self.country_id else ""

    @property
    def share_image(self):
        """Link previews show the institution's logo."""
        return self.logo

    @property
    def card_summary(self) -> str:
        return self.summary

    @property
    def card_meta(self) -> str:
        parts = [self.get_partner_type_display()]
        parts.append(f"{self.city}, {self.country}" if self.city else str(self.country))
        return " · ".join(parts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(contexts.partner_page(request, self))
        return context


class NetworkEventPage(
    ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Page
):
    """A conference, workshop or webinar of the network."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        MEETING = "meeting", _("Meeting")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "core.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_online = models.BooleanField(_("online"), default=False)
    places = places_field("events")
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    programme = StreamField(EventProgrammeBlock(), blank=True, verbose_name=_("programme"))
    registration_url = models.URLField(_("registration link"), blank=True)
    partners = ParentalManyToManyField(
        "network.PartnerPage", blank=True, related_name="events", verbose_name=_("partners")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("venue"),
                FieldPanel("city"),
                FieldPanel("country"),
                AutocompletePanel("places"),
                FieldPanel("is_online"),
                FieldPanel("registration_url"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("programme"),
        FieldPanel("partners"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("starts_at"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("venue"),
        APIField("city"),
        APIField("summary"),
    ]

    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")

    @cached_property
    def place(self) -> str:
        parts = [p for p in (self.venue, self.city, str(self.country or "")) if p]
        if self.is_online:
            parts.append(str(_("online")))
        return ", ".join(parts)

    @property
    def is_upcoming(self) -> bool:
        return (self.ends_at or self.starts_at) >= timezone.now()

    @property
    def time_zone_name(self) -> str:
        """The clock the event keeps: its country's when held there, else the site's."""
        if self.country_id and not self.is_online:
            return country_time_zone(self.country.code) or settings.TIME_ZONE
        return settings.TIME_ZONE

    @property
    def time_zone_abbreviation(self) -> str:
        """The event's zone as people name it (PKT, NPT…), for programme times on its clock."""
        zone = zoneinfo.ZoneInfo(self.time_zone_name)
        return zone_abbreviation(timezone.localtime(self.starts_at, zone)) if self.starts_at else ""

    @property
    def ends_at_or_default(self):
        """When it ends; an event without an end lasts DEFAULT_EVENT_LENGTH (as in calendars)."""
        return self.ends_at or self.starts_at + DEFAULT_EVENT_LENGTH

    @property
    def has_venue(self) -> bool:
        return bool(self.venue or self.city or self.country_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = json_ld_script_body(self.schema_org(request))
        return context

    def schema_org(self, request=None) -> dict:
        """schema.org Event for search engines: when (with the time zone), where, who."""
        url = page_full_url(self, request)
        if self.is_online:
            mode = "MixedEventAttendanceMode" if self.has_venue else "OnlineEventAttendanceMode"
        else:
            mode = "OfflineEventAttendanceMode"
        locations = []
        if self.has_venue or not self.is_online:
            address = {"@type": "PostalAddress"}
            if self.city:
                address["addressLocality"] = self.city
            if self.country_id:
                address["addressCountry"] = self.country.code
            locations.append(
                {
                    "@type": "Place",
                    "name": self.venue or self.city or str(self.country or ""),
                    "address": address,
                }
            )
        if self.is_online:
            locations.append({"@type": "VirtualLocation", "url": self.registration_url or url})
        organizers = [{"@type": "Organization", "name": SITE_NAME, "url": absolute_url("/")}]
        organizers += [
            {"@type": "Organization", "name": partner.title, "url": page_full_url(partner)}
            for partner in self.partners.live().public()
        ]
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": url,
            "startDate": timezone.localtime(self.starts_at).isoformat(),
            "endDate": timezone.localtime(self.ends_at_or_default).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}",
            "location": locations,
            "organizer": organizers,
            "image": [share_image_url(self)],
        }
        if self.summary:
            data["description"] = self.summary
        return data

    @property
    def card_summary(self) -> str:
        return self.summary

    @property
    def card_meta(self) -> str:
        local = timezone.localtime(self.starts_at)
        return " · ".join(p for p in (local.strftime("%-d %b %Y"), self.city) if p)
