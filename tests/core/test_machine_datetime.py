"""<time datetime> values come from one filter, and the Nu HTML checker accepts every one."""

import datetime as dt
import zoneinfo

from django.template import Context, Template
from django.test import override_settings


def render(value) -> str:
    return Template("{% load commons %}{{ value|machine_datetime }}").render(
        Context({"value": value})
    )


@override_settings(TIME_ZONE="Asia/Karachi", USE_TZ=True)
def test_a_moment_is_shown_to_the_second_in_the_site_zone_without_microseconds():
    moment = dt.datetime(2026, 3, 1, 4, 5, 6, 123456, tzinfo=dt.UTC)

    assert render(moment) == "2026-03-01T09:05:06+05:00"


def test_a_date_is_a_plain_date():
    assert render(dt.date(2026, 3, 1)) == "2026-03-01"


def test_a_naive_moment_is_a_local_date_and_time():
    assert render(dt.datetime(2026, 3, 1, 4, 5, 6, 999999)) == "2026-03-01T04:05:06"


def test_nothing_gives_an_empty_string():
    assert render(None) == ""


def test_the_deadline_tag_uses_the_same_value():
    from challenges.templatetags.challenge_tags import deadline

    moment = dt.datetime(2026, 3, 1, 4, 5, 6, 123456, tzinfo=zoneinfo.ZoneInfo("UTC"))
    html = deadline({"request": None}, moment)

    assert 'datetime="2026-03-01T09:05:06+05:00"' in html
    assert ".123456" not in html
