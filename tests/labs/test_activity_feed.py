"""The dashboard's activity says who did what, where and when, without ten identical rows.

It was ten "7 minutes ago" rows: one per post in a burst, a relative time only, a
<time datetime> with microseconds (invalid HTML) and no way to see more.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from labs.models import ActivityVerb
from labs.services.spaces import activity_record

pytestmark = pytest.mark.django_db

VALID_DATETIME = re.compile(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)"')


def items(html: str) -> list[str]:
    feed = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", item) for item in re.findall(r"<li.*?</li>", feed, re.S)]


def test_a_burst_of_posts_is_one_row_with_what_where_and_when(client, world):
    thread_url = world.thread.get_absolute_url()
    two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
    for _ in range(5):
        activity = activity_record(
            space=world.space,
            actor=world.member,
            verb=ActivityVerb.POSTED,
            summary=world.thread.title,
            target_url=thread_url,
        )
        activity.created_at = two_hours_ago
        activity.save(update_fields=["created_at"])
    client.force_login(world.lead)

    html = client.get(reverse("core:dashboard")).content.decode()

    rows = [row for row in items(html) if "posted" in row]
    assert len(rows) == 1
    row = rows[0]
    assert world.member.public_name in row
    assert "5 times" in row
    assert f'<a href="{thread_url}"><bdi>{world.thread.title}</bdi></a>' in row
    assert f'<a href="{world.space.get_absolute_url()}"><bdi>{world.space.title}</bdi></a>' in row
    assert VALID_DATETIME.search(row), row
    # Every time names its zone: here the reader's, Pakistan time.
    shown = timezone.localtime(two_hours_ago).strftime("%-d %b %Y, %H:%M") + " PKT"
    assert re.search(r"<time[^>]*>(.*?)</time>", row).group(1) == shown
    assert "(2 hours ago)" in row.replace("\xa0", " ")
    assert ".0" not in re.search(r'datetime="([^"]+)"', row).group(1)


def test_the_dashboard_shows_the_latest_and_links_to_all_activity(client, world):
    verbs = [ActivityVerb.POSTED, ActivityVerb.ADDED_TASK]
    start = timezone.now() - datetime.timedelta(days=3)
    for number in range(40):
        activity = activity_record(
            space=world.space,
            actor=world.member,
            verb=verbs[number % 2],
            summary=f"Item {number}",
            target_url=world.thread.get_absolute_url(),
        )
        activity.created_at = start + datetime.timedelta(minutes=number)
        activity.save(update_fields=["created_at"])
    client.force_login(world.lead)

    html = client.get(reverse("core:dashboard")).content.decode()

    assert "Item 39" in html
    assert "Item 0<" not in html
    assert len(items(html)) < 15
    all_activity = reverse("labs:activity")
    assert f'href="{all_activity}"' in html

    first = client.get(all_activity).content.decode()
    assert "Item 39" in first
    assert "Page 1 of 2" in first
    second = client.get(all_activity, {"page": 2}).content.decode()
    assert "Item 0<" in second
    assert all(VALID_DATETIME.search(row) for row in items(second))


def test_all_activity_shows_only_the_persons_own_spaces(client, world):
    activity_record(
        space=world.space, actor=world.member, verb=ActivityVerb.POSTED, summary="Secret"
    )
    client.force_login(world.outsider)

    html = client.get(reverse("labs:activity")).content.decode()

    assert "Secret" not in html
    assert client.get(reverse("labs:activity")).status_code == 200


def test_the_space_activity_page_groups_and_dates_too(client, world):
    for _ in range(3):
        activity_record(
            space=world.space, actor=world.member, verb=ActivityVerb.UPLOADED_FILE, summary="a.pdf"
        )
    client.force_login(world.lead)

    html = client.get(reverse("labs:space_activity", args=[world.space.pk])).content.decode()

    rows = [row for row in items(html) if "uploaded a file" in row]
    assert len(rows) == 1
    assert "3 times" in rows[0]
    assert VALID_DATETIME.search(rows[0])
