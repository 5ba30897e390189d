"""Working inside a project space: roles, threads, mentions, tasks, files, digests, publishing."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from labs import services
from labs.models import (
    NotificationPreference,
    Post,
    SpaceActivity,
    SpaceFile,
    SpaceMembership,
    Task,
    Thread,
)
from tests.labs.factories import ProjectSpaceFactory, upload


def space_url(world, name, **kwargs):
    return reverse(f"labs:{name}", kwargs={"space_id": world.space.pk, **kwargs})


# --- observers read only ----------------------------------------------------------------------

OBSERVER_FORBIDDEN_POSTS = [
    ("thread_create", {}, {"title": "t", "body": "b"}),
    ("thread_detail", {"thread_id": None}, {"body": "a reply"}),
    ("task_create", {}, {"title": "A task", "status": "todo"}),
    ("milestone_create", {}, {"title": "A milestone"}),
    ("file_upload", {}, None),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,extra,data", OBSERVER_FORBIDDEN_POSTS)
def test_observers_cannot_post_or_change(client, world, name, extra, data):
    if "thread_id" in extra:
        extra = {"thread_id": world.thread.pk}
    if data is None:
        data = {"upload": upload("x.pdf")}
    counts = (
        Post.objects.count(),
        Thread.objects.count(),
        Task.objects.count(),
        SpaceFile.objects.count(),
    )
    client.force_login(world.observer)
    response = client.post(space_url(world, name, **extra), data)
    assert response.status_code == 403
    assert counts == (
        Post.objects.count(),
        Thread.objects.count(),
        Task.objects.count(),
        SpaceFile.objects.count(),
    )


@pytest.mark.django_db
def test_observer_sees_no_reply_form(client, world):
    client.force_login(world.observer)
    page = client.get(world.thread.get_absolute_url()).content.decode()
    assert "Post reply" not in page
    assert "You are an observer" in page


@pytest.mark.django_db
def test_only_owner_manages_members(client, world, other_user):
    client.force_login(world.member)
    response = client.post(
        space_url(world, "space_members"), {"person": other_user.username, "role": "member"}
    )
    assert response.status_code == 403
    assert not SpaceMembership.objects.filter(user=other_user).exists()
    client.force_login(world.owner)
    response = client.post(
        space_url(world, "space_members"), {"person": other_user.email, "role": "observer"}
    )
    assert response.status_code == 302
    assert SpaceMembership.objects.get(user=other_user).role == "observer"
    assert mail.outbox[-1].to == [other_user.email]


@pytest.mark.django_db
def test_only_owner_edits_overview(client, world):
    client.force_login(world.member)
    assert client.get(space_url(world, "space_edit")).status_code == 403
    client.force_login(world.owner)
    assert client.get(space_url(world, "space_edit")).status_code == 200


@pytest.mark.django_db
def test_last_owner_cannot_be_removed(world):
    with pytest.raises(services.MembershipError):
        services.space_member_remove(
            membership=SpaceMembership.objects.get(space=world.space, user=world.owner),
            removed_by=world.owner,
        )


# --- threads and posts ------------------------------------------------------------------------


@pytest.mark.django_db
def test_reply_renders_markdown_safely(client, world):
    client.force_login(world.member)
    response = client.post(
        world.thread.get_absolute_url(),
        {"body": "**bold** <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page


@pytest.mark.django_db
def test_empty_reply_shows_error_and_keeps_nothing(client, world):
    client.force_login(world.member)
    response = client.post(world.thread.get_absolute_url(), {"body": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


@pytest.mark.django_db
def test_edit_keeps_history_and_only_author_edits(client, world):
    edit_url = space_url(world, "post_edit", thread_id=world.thread.pk, post_id=world.post.pk)
    client.force_login(world.owner)
    assert client.post(edit_url, {"body": "hijack"}).status_code == 403
    client.force_login(world.member)
    client.post(edit_url, {"body": "Second draft of the guide."})
    world.post.refresh_from_db()
    assert world.post.body == "Second draft of the guide."
    assert world.post.edited_at is not None
    history = client.get(
        space_url(world, "post_history", thread_id=world.thread.pk, post_id=world.post.pk)
    ).content.decode()
    assert "First draft of the" in history
    assert "Second draft of the guide." in history


@pytest.mark.django_db
def test_members_with_immediate_emails_are_notified_and_mentions_flagged(world):
    mail.outbox.clear()
    SpaceMembership.objects.filter(user=world.observer).update(
        notification_preference=NotificationPreference.OFF
    )
    services.post_create(thread=world.thread, author=world.member, body="Thanks @lead-person!")
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [world.owner.email]
    assert "mentioned" in mail.outbox[0].subject
    activity = SpaceActivity.objects.filter(verb="posted").latest("created_at")
    assert list(activity.mentioned.all()) == [world.owner]


@pytest.mark.django_db
def test_mentioning_a_non_member_notifies_nobody_outside(world):
    mail.outbox.clear()
    services.post_create(
        thread=world.thread, author=world.member, body="cc @outsider-person please"
    )
    assert all(world.outsider.email not in m.to for m in mail.outbox)
    assert not SpaceActivity.objects.filter(mentioned=world.outsider).exists()


@pytest.mark.django_db
def test_digest_collects_activity_once(world):
    for membership in SpaceMembership.objects.filter(space=world.space):
        services.space_notification_preference_set(
            membership=membership, preference=NotificationPreference.DIGEST
        )
    mail.outbox.clear()
    services.post_create(
        thread=world.thread, author=world.member, body="Update for @observer-person"
    )
    assert mail.outbox == []  # nobody wants immediate emails
    call_command("send_space_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([world.owner.email, world.observer.email])
    observer_digest = next(m for m in mail.outbox if m.to == [world.observer.email])
    assert "[mentions you]" in observer_digest.body
    mail.outbox.clear()
    call_command("send_space_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


@pytest.mark.django_db
def test_notification_preference_form(client, world):
    client.force_login(world.member)
    client.post(space_url(world, "space_notifications"), {"notification_preference": "off"})
    assert SpaceMembership.objects.get(user=world.member).notification_preference == "off"


# --- tasks --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overdue_tasks_are_flagged(client, world):
    import datetime

    services.task_update(
        task=world.task, updated_by=world.owner, due_date=datetime.date(2020, 1, 1)
    )
    client.force_login(world.member)
    page = client.get(space_url(world, "task_list")).content.decode()
    assert "Overdue" in page
    services.task_update(task=world.task, updated_by=world.owner, status="done")
    page = client.get(space_url(world, "task_list") + "?status=all").content.decode()
    assert "Overdue" not in page


@pytest.mark.django_db
def test_task_can_only_be_assigned_to_members(client, world):
    client.force_login(world.owner)
    response = client.post(
        space_url(world, "task_create"),
        {"title": "Sneaky", "status": "todo", "assignee": world.outsider.pk},
    )
    assert response.status_code == 400
    assert not Task.objects.filter(title="Sneaky").exists()


@pytest.mark.django_db
def test_assignee_is_emailed(client, world):
    mail.outbox.clear()
    client.force_login(world.owner)
    response = client.post(
        space_url(world, "task_create"),
        {
            "title": "Draft the brief",
            "status": "todo",
            "assignee": world.member.pk,
            "due_date": "2030-01-31",
        },
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == [world.member.email]
    assert "Draft the brief" in mail.outbox[-1].subject


# --- files --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_download_is_an_attachment_with_nosniff(client, world):
    client.force_login(world.observer)
    response = client.get(space_url(world, "file_download", file_id=world.file.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The type the upload policy gave it (its content was checked), never rendered inline.
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_files_are_stored_outside_media_root(world, settings):
    from pathlib import Path

    stored = Path(world.file.current_version.content.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("tool.exe", b"MZ\x90\x00"),
        ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("report.pdf", b"MZ\x90\x00 disguised program"),
        ("script.js", b"alert(1)"),
    ],
)
def test_dangerous_uploads_are_refused(client, world, name, content):
    client.force_login(world.member)
    response = client.post(space_url(world, "file_upload"), {"upload": upload(name, content)})
    assert response.status_code == 400
    assert SpaceFile.objects.count() == 1


@pytest.mark.django_db
def test_upload_size_limit(client, world, settings):
    settings.LABS_MAX_UPLOAD_BYTES = 10
    client.force_login(world.member)
    response = client.post(
        space_url(world, "file_upload"), {"upload": upload("big.pdf", b"%PDF" + b"x" * 50)}
    )
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()


@pytest.mark.django_db
def test_replacing_a_file_keeps_earlier_versions(client, world):
    client.force_login(world.member)
    url = space_url(world, "file_detail", file_id=world.file.pk)
    client.post(url, {"upload": upload("guide-v2.pdf", b"%PDF-1.4 version two")})
    versions = list(world.file.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    first = client.get(
        space_url(world, "file_version_download", file_id=world.file.pk, version_id=versions[0].pk)
    )
    assert b"".join(first.streaming_content) == b"%PDF-1.4 test document"
    latest = client.get(space_url(world, "file_download", file_id=world.file.pk))
    assert b"".join(latest.streaming_content) == b"%PDF-1.4 version two"


# --- activity and search ------------------------------------------------------------------------


@pytest.mark.django_db
def test_activity_feed_lists_what_happened(client, world):
    client.force_login(world.observer)
    page = client.get(space_url(world, "space_activity")).content.decode()
    assert "started a thread" in page
    assert "added a task" in page


@pytest.mark.django_db
def test_search_finds_threads_tasks_and_files_of_this_space_only(client, world):
    other = ProjectSpaceFactory(lab=world.lab, created_by=world.owner, title="Other")
    services.thread_create(space=other, author=world.owner, title="Interview secrets", body="x")
    client.force_login(world.member)
    page = client.get(space_url(world, "space_search") + "?q=interview").content.decode()
    assert "Fieldwork plan" in page  # post body mentions the interview guide
    assert "Interview secrets" not in page
    assert (
        "Book interviews"
        in client.get(space_url(world, "space_search") + "?q=book").content.decode()
    )
    assert "guide.pdf" in client.get(space_url(world, "space_search") + "?q=guide").content.decode()


# --- creating spaces and publishing -------------------------------------------------------------


@pytest.mark.django_db
def test_lead_creates_space_with_a_policymaker(client, world, other_user):
    client.force_login(world.lead)
    response = client.post(
        reverse("labs:space_create", kwargs={"lab_id": world.lab.pk}),
        {
            "title": "Asan Khidmat feedback",
            "goal": "Study citizen feedback",
            "status": "active",
            "first-person": other_user.username,
            "first-role": "member",
        },
    )
    assert response.status_code == 302
    space = world.lab.spaces.get(title="Asan Khidmat feedback")
    assert space.status == "active"
    assert set(space.memberships.values_list("user_id", "role")) == {
        (world.lead.pk, "owner"),
        (other_user.pk, "member"),
    }


@pytest.mark.django_db
def test_project_space_create_service_merges_duplicate_members(world, other_user):
    space = services.project_space_create(
        lab=world.lab,
        title="From a challenge",
        goal="g",
        created_by=world.lead,
        members=[(other_user, "observer"), (other_user, "member"), (world.lead, "member")],
    )
    assert dict(space.memberships.values_list("user_id", "role")) == {
        world.lead.pk: "owner",
        other_user.pk: "member",
    }


@pytest.mark.django_db
def test_listed_space_shows_only_title_and_status_on_lab_page(client, world):
    client.logout()
    assert world.space.title not in client.get(world.lab.url).content.decode()
    services.project_space_update(space=world.space, updated_by=world.owner, is_listed=True)
    page = client.get(world.lab.url).content.decode()
    assert world.space.title in page
    assert "Fieldwork plan" not in page
    assert "interview guide" not in page


@pytest.mark.django_db
def test_owner_proposes_a_finding_which_stays_draft_and_private(client, world):
    from knowledge.models import FindingPage
    from labs.models import LabFinding

    client.force_login(world.member)
    assert client.get(space_url(world, "finding_propose")).status_code == 403
    client.force_login(world.owner)
    response = client.post(
        space_url(world, "finding_propose"),
        {
            "title": "Why service centres work",
            "abstract": "Citizens value one window.",
            "authors": [world.owner.pk, world.member.pk],
            "files": [world.file.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    finding = FindingPage.objects.get(title="Why service centres work")
    assert finding.live is False
    assert finding.pdf is not None
    assert sorted(a.person_id for a in finding.authors.all()) == sorted(
        [world.owner.pk, world.member.pk]
    )
    assert LabFinding.objects.get(finding=finding).lab == world.lab
    from core.moderation import latest_workflow_state

    assert latest_workflow_state(finding) is not None
    assert finding.pdf.collection.name == "Lab findings awaiting moderation"
    client.logout()
    assert client.get(finding.url or "/knowledge/why-service-centres-work/").status_code == 404
    # Publishing (as moderators do on approval) releases the PDF to a public collection.
    finding.save_revision().publish()
    finding.pdf.refresh_from_db()
    assert finding.pdf.collection.name == "Lab findings"


@pytest.mark.django_db
def test_owner_changes_a_role_and_the_person_is_told(client, world):
    membership = SpaceMembership.objects.get(space=world.space, user=world.member)
    client.force_login(world.member)
    url = space_url(world, "space_member_role", membership_id=membership.pk)
    assert client.post(url, {"role": "owner"}).status_code == 403
    client.force_login(world.owner)
    mail.outbox.clear()
    client.post(url, {"role": "observer"})
    membership.refresh_from_db()
    assert membership.role == "observer"
    assert mail.outbox[-1].to == [world.member.email]
    # As an observer they can no longer post.
    client.force_login(world.member)
    assert client.post(world.thread.get_absolute_url(), {"body": "hi"}).status_code == 403


@pytest.mark.django_db
def test_archived_space_is_read_only_until_reopened(client, world):
    services.project_space_update(space=world.space, updated_by=world.owner, status="archived")
    client.force_login(world.member)
    assert client.get(world.thread.get_absolute_url()).status_code == 200
    assert client.post(world.thread.get_absolute_url(), {"body": "late"}).status_code == 403
    assert "archived" in client.get(space_url(world, "space_detail")).content.decode()
    client.force_login(world.owner)
    response = client.post(
        space_url(world, "space_edit"),
        {"title": world.space.title, "goal": world.space.goal, "status": "active"},
    )
    assert response.status_code == 302
    client.force_login(world.member)
    assert client.post(world.thread.get_absolute_url(), {"body": "back"}).status_code == 302


def test_members_tab_shows_an_institution_only_where_its_owner_made_it_public(client, world):
    world.member.profile.institution = "Hidden Institute of Secret Studies"
    world.member.profile.public_fields = ["role"]
    world.member.profile.save()
    world.observer.profile.institution = "Open University of Lahore"
    world.observer.profile.public_fields = ["institution"]
    world.observer.profile.save()

    client.force_login(world.owner)
    html = client.get(space_url(world, "space_members")).content.decode()
    assert "Hidden Institute of Secret Studies" not in html
    assert "Open University of Lahore" in html

    client.force_login(world.member)
    html = client.get(space_url(world, "space_members")).content.decode()
    assert "Hidden Institute of Secret Studies" in html  # their own, on their own screen
