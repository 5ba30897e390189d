"""Downloads of a space's files are in its activity record: who, which file and version, when.

One entry per person, file version and day keeps the record readable; a repeated download
writes nothing, and a busy database never stops the download itself.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from labs import services
from labs.models import ActivityVerb, NotificationPreference, SpaceActivity
from tests.factories import PersonFactory
from tests.labs.factories import upload


def download(client, world, version=None):
    if version is None:
        url = reverse(
            "labs:file_download", kwargs={"space_id": world.space.pk, "file_id": world.file.pk}
        )
    else:
        url = reverse(
            "labs:file_version_download",
            kwargs={"space_id": world.space.pk, "file_id": world.file.pk, "version_id": version.pk},
        )
    response = client.get(url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


def downloads(world):
    return SpaceActivity.objects.filter(space=world.space, verb=ActivityVerb.DOWNLOADED_FILE)


def activity_page(client, world):
    return client.get(reverse("labs:space_activity", kwargs={"space_id": world.space.pk}))


@pytest.mark.django_db
def test_a_download_shows_in_the_space_activity_with_person_file_and_version(client, world):
    client.force_login(world.observer)
    assert download(client, world).status_code == 200

    client.force_login(world.member)
    page = activity_page(client, world).content.decode()
    assert "downloaded a file" in page
    assert world.observer.public_name in page
    assert "guide.pdf (v1)" in page
    assert world.file.get_absolute_url() in page


@pytest.mark.django_db
def test_an_older_version_is_recorded_as_that_version(client, world):
    services.space_file_replace(file=world.file, uploaded_by=world.member, upload=upload())
    first = world.file.versions.get(number=1)
    client.force_login(world.observer)
    download(client, world, version=first)
    assert list(downloads(world).values_list("summary", flat=True)) == ["guide.pdf (v1)"]
    download(client, world)
    assert set(downloads(world).values_list("summary", flat=True)) == {
        "guide.pdf (v1)",
        "guide.pdf (v2)",
    }


@pytest.mark.django_db
def test_one_entry_per_person_file_and_day_and_a_repeat_writes_nothing(client, world):
    client.force_login(world.observer)
    download(client, world)
    with CaptureQueriesContext(connection) as queries:
        assert download(client, world).status_code == 200
    assert downloads(world).count() == 1
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith(("INSERT", "UPDATE"))
    ]
    # The session may be saved; the activity record is not written again.
    assert not [sql for sql in writes if "labs_spaceactivity" in sql]

    client.force_login(world.member)
    download(client, world)
    assert downloads(world).count() == 2  # another person: their own entry


@pytest.mark.django_db
def test_the_next_day_gets_a_new_entry(client, world):
    client.force_login(world.observer)
    download(client, world)
    with freeze_time(timezone.now() + timedelta(days=1)):
        client.force_login(world.observer)
        download(client, world)
    assert downloads(world).count() == 2


@pytest.mark.django_db
def test_a_download_does_not_mark_the_space_as_updated(client, world):
    before = type(world.space).objects.get(pk=world.space.pk).updated_at
    client.force_login(world.observer)
    download(client, world)
    assert type(world.space).objects.get(pk=world.space.pk).updated_at == before


@pytest.mark.django_db
def test_a_busy_database_does_not_stop_the_download(client, world, monkeypatch):
    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SpaceActivity.objects, "create", busy)
    client.force_login(world.observer)
    response = download(client, world)
    assert response.status_code == 200
    assert not downloads(world).exists()


@pytest.mark.django_db
def test_other_database_errors_are_not_swallowed(world, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: labs_spaceactivity")

    monkeypatch.setattr(SpaceActivity.objects, "create", broken)
    with pytest.raises(OperationalError):
        services.space_file_download_record(
            version=world.file.versions.get(), downloaded_by=world.observer
        )


# --- who sees it ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_outsiders_cannot_download_nor_leave_an_entry(client, world):
    client.force_login(world.outsider)
    assert download(client, world).status_code == 404
    assert activity_page(client, world).status_code == 404
    assert not downloads(world).exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_and_leave_no_entry(client, world):
    response = download(client, world)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert activity_page(client, world).status_code == 302
    assert not downloads(world).exists()


@pytest.mark.django_db
def test_a_lab_lead_outside_the_space_does_not_see_downloads(client, world):
    other_lead = PersonFactory(username="another-lead", lead_of=world.lab)
    client.force_login(world.observer)
    download(client, world)
    client.force_login(other_lead)
    assert activity_page(client, world).status_code == 404
    feed = client.get(reverse("labs:activity")).content.decode()
    assert "guide.pdf (v1)" not in feed


@pytest.mark.django_db
def test_downloads_stay_out_of_the_daily_digest(world):
    membership = world.space.memberships.get(user=world.member)
    membership.notification_preference = NotificationPreference.DIGEST
    membership.digest_sent_until = timezone.now()
    membership.save()
    services.space_file_download_record(
        version=world.file.versions.get(), downloaded_by=world.observer
    )
    mail.outbox.clear()
    services.space_digests_send(now=timezone.now() + timedelta(minutes=1))
    assert not [m for m in mail.outbox if world.member.email in m.to]
