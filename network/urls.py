"""Non-page routes of the network app."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("calendar/network-events.ics", views.events_ical, name="events_ical"),
    path("calendar/network-event-<int:pk>.ics", views.event_ical, name="event_ical"),
]
