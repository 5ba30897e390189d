"""Network events as iCalendar (RFC 5545) for calendar subscriptions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from icalendar import Calendar, Event

DEFAULT_EVENT_LENGTH = timedelta(hours=2)


def events_to_ical(events, *, request, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Policy Lab Commons//Network events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for page in events:
        event = Event()
        event.add("uid", f"network-event-{page.pk}@{request.get_host()}")
        event.add("summary", page.title)
        event.add("dtstart", page.starts_at)
        event.add("dtend", page.ends_at or page.starts_at + DEFAULT_EVENT_LENGTH)
        event.add("dtstamp", page.last_published_at or page.first_published_at or page.starts_at)
        if page.place:
            event.add("location", page.place)
        if page.summary:
            event.add("description", page.summary)
        url = page.get_full_url(request) or f"{settings.SITE_URL}{page.url}"
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
