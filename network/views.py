"""The network's iCalendar feeds: every event, or one to add to a calendar."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from . import selectors
from .calendar import events_to_ical


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
