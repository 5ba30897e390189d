"""Network events as iCalendar (RFC 5545) for calendar subscriptions."""

from __future__ import annotations

from icalendar import Calendar, Event

from core.addresses import page_full_url, site_origin


def events_to_ical(events, *, request, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Policy Lab Commons//Network events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    # UIDs name the site's own host, so they stay the same whichever address served the feed.
    host = site_origin().hostname
    for page in events:
        event = Event()
        event.add("uid", f"network-event-{page.pk}@{host}")
        event.add("summary", page.title)
        event.add("dtstart", page.starts_at)
        event.add("dtend", page.ends_at_or_default)
        event.add("dtstamp", page.last_published_at or page.first_published_at or page.starts_at)
        if page.place:
            event.add("location", page.place)
        if page.summary:
            event.add("description", page.summary)
        event.add("url", page_full_url(page, request))
        calendar.add_component(event)
    return calendar.to_ical()
