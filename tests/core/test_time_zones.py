"""Every time names its zone; a signed-in reader also sees it on their own clock.

A person's zone is on their profile (default: their country's); ReaderTimeZoneMiddleware
activates it. Before, event times were bare ("15 January 2027, 14:00", on Karachi's clock for
everyone) and Kathmandu was named "+0545".
"""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from core.middleware import ReaderTimeZoneMiddleware
from core.models import Country
from network.models import NetworkEventPage, NetworkIndexPage
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

KARACHI = zoneinfo.ZoneInfo("Asia/Karachi")
# 14:00 in Lahore is 14:45 in Kathmandu, 14:30 in Delhi, 10:00 in Kabul... and 09:00 UTC.
STARTS = datetime.datetime(2027, 3, 10, 14, 0, tzinfo=KARACHI)


@pytest.fixture
def lahore_event(home):
    index = NetworkIndexPage.objects.get()
    page = NetworkEventPage(
        title="Budget transparency workshop",
        slug="budget-transparency-workshop",
        starts_at=STARTS,
        city="Lahore",
        country=Country.objects.get(code="PK"),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def reader(country_code: str | None, time_zone: str = ""):
    country = Country.objects.get(code=country_code) if country_code else None
    return PersonFactory(profile__country=country, profile__time_zone=time_zone)


def test_a_reader_in_kathmandu_sees_the_event_time_and_their_own(client, lahore_event):
    client.force_login(reader("NP"))

    html = client.get(lahore_event.url).content.decode()

    assert "10 March 2027, 14:00 PKT" in html
    assert "(14:45 NPT your time)" in html


def test_a_chosen_zone_wins_over_the_country(client, lahore_event):
    client.force_login(reader("NP", time_zone="Asia/Kolkata"))

    html = client.get(lahore_event.url).content.decode()

    assert "10 March 2027, 14:00 PKT" in html and "(14:30 IST your time)" in html


def test_an_anonymous_reader_sees_the_zone_named(client, lahore_event):
    html = client.get(lahore_event.url).content.decode()

    assert "10 March 2027, 14:00 PKT" in html
    assert "your time" not in html


def test_a_reader_on_the_same_clock_sees_one_time(client, lahore_event):
    client.force_login(reader("PK"))

    html = client.get(lahore_event.url).content.decode()

    assert "10 March 2027, 14:00 PKT" in html and "your time" not in html


def test_an_event_in_kathmandu_keeps_kathmandus_clock(client, home):
    index = NetworkIndexPage.objects.get()
    page = NetworkEventPage(
        title="Federalism forum",
        slug="federalism-forum",
        starts_at=datetime.datetime(2027, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Kathmandu")),
        city="Kathmandu",
        country=Country.objects.get(code="NP"),
    )
    index.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "10 March 2027, 10:00 NPT" in html
    assert "(09:15 PKT your time)" in html  # an anonymous reader is on the site's clock


def test_profile_keeps_the_chosen_zone(client):
    from tests.core.test_profiles import edit_data

    user = reader("NP")
    client.force_login(user)
    page = client.get(reverse("core:profile_edit")).content.decode()
    assert 'name="time_zone"' in page and "Asia/Kathmandu" in page

    response = client.post(reverse("core:profile_edit"), edit_data(time_zone="Asia/Colombo"))

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "Asia/Colombo"
    page = client.get(reverse("core:profile_edit")).content.decode()
    assert '<option value="Asia/Colombo" selected>' in page


def test_an_unknown_zone_is_a_form_error(client):
    from tests.core.test_profiles import edit_data

    user = reader("NP")
    client.force_login(user)

    response = client.post(reverse("core:profile_edit"), edit_data(time_zone="Mars/Olympus_Mons"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    user.profile.refresh_from_db()
    assert user.profile.time_zone == ""


def test_a_bogus_stored_zone_falls_back_to_the_country(client, lahore_event):
    client.force_login(reader("NP", time_zone="Nowhere/Land"))

    assert "(14:45 NPT your time)" in client.get(lahore_event.url).content.decode()


def render(source: str, **context) -> str:
    return Template("{% load humanize commons %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "number", "expected"),
    [
        ("en", 12345678, "12,345,678"),
        ("hi", 12345678, "1,23,45,678"),
        ("si", 12345678, "12,345,678"),
    ],
)
def test_numbers_are_grouped_for_the_language(language, number, expected):
    with translation.override(language):
        assert render("{{ n|intcomma }}", n=number) == expected


def test_dates_use_the_language_month_names():
    with translation.override("hi"):
        text = render("{{ moment|when }}", moment=STARTS)
    assert text == "10 मार्च 2027, 14:00 PKT"


def test_programme_times_name_the_events_zone(client, home):
    index = NetworkIndexPage.objects.get()
    page = NetworkEventPage(
        title="Federalism forum",
        slug="federalism-forum",
        starts_at=datetime.datetime(2027, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Kathmandu")),
        city="Kathmandu",
        country=Country.objects.get(code="NP"),
        programme=[
            ("session", {"start_time": datetime.time(11, 30), "title": "Provinces and budgets"})
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert " 11:30 NPT</p>" in html


def test_the_admin_stays_on_the_site_clock(client):
    """Wagtail's date inputs name no zone: an editor in Kathmandu types Pakistan time there,
    as the site's deadlines are enforced, unless they choose a zone in Wagtail's settings."""
    seen = {}

    def view(request):
        seen[request.path_info] = timezone.get_current_timezone_name()
        return None

    middleware = ReaderTimeZoneMiddleware(view)
    for path in ["/admin/pages/", "/knowledge/"]:
        request = RequestFactory().get(path)
        request.user = reader("NP")
        middleware(request)
    assert seen == {"/admin/pages/": "Asia/Karachi", "/knowledge/": "Asia/Kathmandu"}
