"""What the network's pages show: one builder per page or route, called from its model."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from . import contributions, selectors
from .map import south_asia_map

PARTNERS_PER_PAGE = 24


def network_index_page(request, page) -> dict:
    activity = selectors.country_activity()
    return {
        "map": south_asia_map(activity=activity, url_for=contributions.country_browse_url),
        "activity": activity,
        "partner_groups": selectors.partners_by_country(),
        "upcoming_events": list(selectors.upcoming_events(limit=3)),
        "numbers": selectors.network_numbers(),
        "calendar_url": reverse("network:events_ical"),
    }


def partner_list(request, page) -> dict:
    # Page models import this module to build their context: read theirs when a page is served.
    from .models import PartnerType

    partners = selectors.published_partners().order_by("country__name", "title")
    type_filter = request.GET.get("type", "")
    country_filter = request.GET.get("country", "").upper()
    if type_filter in PartnerType.values:
        partners = partners.filter(partner_type=type_filter)
    if country_filter:
        partners = partners.filter(country__code=country_filter)
    paginator = Paginator(partners, PARTNERS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "partners_page": page_obj,
        "partner_types": PartnerType.choices,
        "countries": [row["country"] for row in selectors.country_activity()],
        "type_filter": type_filter,
        "country_filter": country_filter,
    }


def event_list(request, page) -> dict:
    return {
        "upcoming_events": list(selectors.upcoming_events()),
        "past_events": list(selectors.past_events()[:30]),
        "calendar_url": reverse("network:events_ical"),
        "now": timezone.now(),
    }


def partner_page(request, page) -> dict:
    return selectors.partner_related_content(page, params=request.GET)
