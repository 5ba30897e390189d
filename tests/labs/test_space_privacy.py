"""Every private URL of a project space: members 200, everyone else the same 404 as missing."""

import re

import pytest
from django.urls import reverse

from labs import services
from labs.models import SpaceMembership
from tests.factories import PersonFactory
from tests.labs.factories import ProjectSpaceFactory


def private_urls(world):
    space_id = world.space.pk
    thread = {"space_id": space_id, "thread_id": world.thread.pk}
    return {
        "space": reverse("labs:space_detail", kwargs={"space_id": space_id}),
        "thread list": reverse("labs:thread_list", kwargs={"space_id": space_id}),
        "thread": reverse("labs:thread_detail", kwargs=thread),
        "post history": reverse("labs:post_history", kwargs={**thread, "post_id": world.post.pk}),
        "file list": reverse("labs:file_list", kwargs={"space_id": space_id}),
        "file": reverse(
            "labs:file_detail", kwargs={"space_id": space_id, "file_id": world.file.pk}
        ),
        "file download": reverse(
            "labs:file_download", kwargs={"space_id": space_id, "file_id": world.file.pk}
        ),
        "file version download": reverse(
            "labs:file_version_download",
            kwargs={
                "space_id": space_id,
                "file_id": world.file.pk,
                "version_id": world.file.versions.get().pk,
            },
        ),
        "task list": reverse("labs:task_list", kwargs={"space_id": space_id}),
        "task": reverse(
            "labs:task_detail", kwargs={"space_id": space_id, "task_id": world.task.pk}
        ),
        "member list": reverse("labs:space_members", kwargs={"space_id": space_id}),
        "activity": reverse("labs:space_activity", kwargs={"space_id": space_id}),
        "search": reverse("labs:space_search", kwargs={"space_id": space_id}) + "?q=interview",
        "notification settings": reverse("labs:space_notifications", kwargs={"space_id": space_id}),
    }


URL_NAMES = [
    "space",
    "thread list",
    "thread",
    "post history",
    "file list",
    "file",
    "file download",
    "file version download",
    "task list",
    "task",
    "member list",
    "activity",
    "search",
    "notification settings",
]


def statuses(client, world) -> dict:
    return {name: client.get(url).status_code for name, url in private_urls(world).items()}


def assert_all(found: dict, expected: int) -> None:
    wrong = {name: status for name, status in found.items() if status != expected}
    assert not wrong, f"expected {expected} everywhere, got {wrong}"


@pytest.mark.django_db
def test_every_private_url_is_listed(world):
    assert set(private_urls(world)) == set(URL_NAMES)


@pytest.mark.django_db
def test_member_can_open_every_private_url(client, world):
    client.force_login(world.member)
    assert_all(statuses(client, world), 200)


@pytest.mark.django_db
def test_private_pages_are_never_stored_by_shared_caches(client, world):
    client.force_login(world.member)
    for name, url in private_urls(world).items():
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, name


@pytest.mark.django_db
def test_observer_can_read_every_private_url(client, world):
    client.force_login(world.observer)
    assert_all(statuses(client, world), 200)


@pytest.mark.django_db
def test_non_member_gets_404_everywhere(client, world):
    client.force_login(world.outsider)
    for name, url in private_urls(world).items():
        response = client.get(url)
        assert response.status_code == 404, name
        assert b"Fieldwork plan" not in response.content, name
        assert world.space.title.encode() not in response.content, name


@pytest.mark.django_db
def test_lab_lead_who_is_not_in_the_space_gets_404(client, world):
    """Leading the lab does not open a space: only its members see it."""
    other_lead = world.outsider
    services.lab_lead_appoint(lab=world.lab, user=other_lead)
    client.force_login(other_lead)
    assert_all(statuses(client, world), 404)


@pytest.mark.django_db
def test_superuser_outside_the_space_gets_404(client, world):
    admin = PersonFactory(superuser=True, profile=None, username="root", email="root@example.org")
    client.force_login(admin)
    assert_all(statuses(client, world), 404)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, world):
    for name, url in private_urls(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login")), name


@pytest.mark.django_db
def test_removed_member_gets_404_on_next_request(client, world):
    client.force_login(world.member)
    assert_all(statuses(client, world), 200)
    services.space_member_remove(
        membership=SpaceMembership.objects.get(space=world.space, user=world.member),
        removed_by=world.owner,
    )
    assert_all(statuses(client, world), 404)


@pytest.mark.django_db
def test_existing_space_and_missing_space_give_identical_404(client, world):
    client.force_login(world.outsider)
    existing_path = reverse("labs:space_detail", kwargs={"space_id": world.space.pk})
    missing_path = reverse("labs:space_detail", kwargs={"space_id": world.space.pk + 999})
    existing = client.get(existing_path)
    missing = client.get(missing_path)
    assert existing.status_code == missing.status_code == 404

    def without_csrf(content: bytes, path: str) -> str:
        # Each page names its own address (the language switcher returns to it).
        text = content.decode().replace(path, "PATH")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert without_csrf(existing.content, existing_path) == without_csrf(
        missing.content, missing_path
    )


@pytest.mark.django_db
def test_objects_of_another_space_are_404_even_for_a_member_of_this_one(client, world):
    other = ProjectSpaceFactory(lab=world.lab, created_by=world.outsider, title="Other space")
    client.force_login(world.member)
    # The thread exists, but belongs to world.space: asking for it under another space id is 404.
    url = reverse("labs:thread_detail", kwargs={"space_id": other.pk, "thread_id": world.thread.pk})
    assert client.get(url).status_code == 404
    url = reverse("labs:file_download", kwargs={"space_id": other.pk, "file_id": world.file.pk})
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_space_members_can_see_the_space_outsiders_cannot_in_their_dashboard(client, world):
    client.force_login(world.member)
    assert world.space.title.encode() in client.get(reverse("core:dashboard")).content
    client.force_login(world.outsider)
    assert world.space.title.encode() not in client.get(reverse("core:dashboard")).content
