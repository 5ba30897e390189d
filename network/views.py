"""Context builders for the network's routable pages and the iCalendar feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .calendar import events_to_ical
from .map import south_asia_map
from .models import PartnerType


def _knowledge_url_for_country(country) -> str:
    from django.apps import apps

    index = apps.get_model("knowledge", "KnowledgeIndexPage").objects.live().first()
    base = index.url if index else "/knowledge/"
    return f"{base}?country={country.code}"


def network_home_context(page, request) -> dict:
    activity = selectors.country_activity()
    return {
        "map": south_asia_map(activity=activity, url_for=_knowledge_url_for_country),
        "activity": activity,
        "partner_groups": selectors.partners_by_country(),
        "upcoming_events": list(selectors.upcoming_events(limit=3)),
        "numbers": selectors.network_numbers(),
        "calendar_url": reverse("network:events_ical"),
    }


def partner_list_context(page, request) -> dict:
    partners = selectors.published_partners().order_by("country__name", "title")
    type_filter = request.GET.get("type", "")
    country_filter = request.GET.get("country", "").upper()
    if type_filter in PartnerType.values:
        partners = partners.filter(partner_type=type_filter)
    if country_filter:
        partners = partners.filter(country__code=country_filter)
    paginator = Paginator(partners, 24)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "partners_page": page_obj,
        "partner_types": PartnerType.choices,
        "countries": [row["country"] for row in selectors.country_activity()],
        "type_filter": type_filter,
        "country_filter": country_filter,
    }


def event_list_context(page, request) -> dict:
    return {
        "upcoming_events": list(selectors.upcoming_events()),
        "past_events": list(selectors.past_events()[:30]),
        "calendar_url": reverse("network:events_ical"),
        "now": timezone.now(),
    }


def events_ical(request) -> HttpResponse:
    """Every published network event as an iCalendar feed for calendar subscriptions."""
    events = selectors.published_events().order_by("starts_at")
    body = events_to_ical(events, request=request, name="South Asian Governance Innovation Network")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="network-events.ics"'
    return response


def event_ical(request, pk: int) -> HttpResponse:
    """One published event as an .ics file ("Add to my calendar"); others answer 404."""
    event = get_object_or_404(selectors.published_events(), pk=pk)
    body = events_to_ical([event], request=request, name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
