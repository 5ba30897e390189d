"""Lab pages, space lists and the manage page do the same work however much they list.

Measured at 30x the demo content, a lab page ran 240 queries (24 at demo size) because it
listed every finding with two country queries per card; the space task and file lists and the
manage page rendered every row. Each list now shows one page of rows, and a page costs the
same number of queries with a few items as with more than a page of them.

Page sizes are made small here so that "more than a page" takes few rows to build.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from labs import contexts, services
from labs.models import LabFinding, LabInvitation, LabJoinRequest
from labs.selectors import labs as lab_selectors
from tests.factories import PersonFactory
from tests.knowledge.factories import FindingPageFactory
from tests.labs.factories import LabMembershipFactory, LabPageFactory, ProjectSpaceFactory, upload
from tests.queries import queries_of, query_log


def _lab_findings(lab, count, **fields):
    return [
        LabFinding.objects.create(
            lab=lab, finding=FindingPageFactory(countries=("PK", "IN"), **fields)
        )
        for _ in range(count)
    ]


@pytest.fixture
def lab(home, monkeypatch):
    monkeypatch.setattr(contexts, "FINDINGS_PER_PAGE", 3)
    return LabPageFactory(lead=PersonFactory())


@pytest.mark.django_db
def test_lab_page_queries_do_not_grow_with_its_findings(client, lab):
    _lab_findings(lab, 2)
    small = queries_of(client, lab.url)
    _lab_findings(lab, 5)
    assert queries_of(client, lab.url) == small


@pytest.mark.django_db
def test_lab_page_lists_its_findings_a_page_at_a_time(client, lab):
    import datetime

    for day in range(1, 6):
        _lab_findings(
            lab, 1, title=f"Finding of day {day}", publication_date=datetime.date(2026, 3, day)
        )
    first = client.get(lab.url).content.decode()
    assert "Finding of day 5" in first and "Finding of day 3" in first
    assert "Finding of day 2" not in first
    assert 'rel="next"' in first and "5 findings" in first
    second = client.get(lab.url, {"page": "2"}).content.decode()
    assert "Finding of day 2" in second and "Finding of day 1" in second
    assert "Finding of day 3" not in second
    assert 'rel="prev"' in second


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["99", "0", "two", "²", "-1", "9" * 30])
def test_lab_page_with_a_page_number_that_is_not_one_still_answers(client, lab, number):
    _lab_findings(lab, 4)
    response = client.get(lab.url, {"page": number})
    assert response.status_code == 200
    assert response.content.decode().count('class="card card--link"') >= 1


# --- a space's tasks and files, as a member ---------------------------------------------------


@pytest.fixture
def small_pages(monkeypatch):
    from labs.views import files, tasks

    monkeypatch.setattr(tasks, "TASKS_PER_PAGE", 3)
    monkeypatch.setattr(files, "FILES_PER_PAGE", 3)
    monkeypatch.setattr(lab_selectors, "MANAGE_ROWS_PER_PAGE", 3)


def _tasks(world, count, start=0):
    for number in range(start, start + count):
        services.task_create(
            space=world.space,
            created_by=world.owner,
            title=f"Task number {number}",
            assignee=world.member,
            milestone=world.milestone,
        )


def _files(world, count, start=0):
    for number in range(start, start + count):
        services.space_file_upload(
            space=world.space, uploaded_by=world.member, upload=upload(f"file-{number}.pdf")
        )


@pytest.fixture
def space_world(world, small_pages):
    world.milestone = services.milestone_create(
        space=world.space, created_by=world.owner, title="Fieldwork"
    )
    return world


@pytest.mark.django_db
def test_task_list_queries_do_not_grow_with_the_tasks(client, space_world):
    url = reverse("labs:task_list", args=[space_world.space.pk])
    client.force_login(space_world.member)
    small = queries_of(client, url)
    _tasks(space_world, 6)
    assert queries_of(client, url) == small


@pytest.mark.django_db
def test_task_list_pages_keep_the_filter(client, space_world):
    _tasks(space_world, 6)  # 7 open tasks with the world's own
    url = reverse("labs:task_list", args=[space_world.space.pk])
    client.force_login(space_world.member)
    first = client.get(url, {"status": "open"}).content.decode()
    assert "7 tasks" in first and 'aria-label="Pages of tasks"' in first
    assert "?status=open&amp;page=2" in first
    last = client.get(url, {"status": "open", "page": "3"}).content.decode()
    assert "Task number 5" in last and "Task number 0" not in last
    for number in ("99", "x", "0", "9" * 30):
        response = client.get(url, {"status": "open", "page": number})
        assert response.status_code == 200
        assert "Task number" in response.content.decode()


@pytest.mark.django_db
def test_file_list_queries_do_not_grow_with_the_files(client, space_world):
    url = reverse("labs:file_list", args=[space_world.space.pk])
    client.force_login(space_world.member)
    small = queries_of(client, url)
    _files(space_world, 6)
    assert queries_of(client, url) == small
    second = client.get(url, {"page": "2"}).content.decode()
    assert "7 files" in second and 'rel="prev"' in second and 'rel="next"' in second


@pytest.mark.django_db
def test_file_list_rows_show_versions_newest_size_thread_and_links(client, space_world):
    """The row's figures come from annotations now, not from every version and post loaded."""
    world = space_world
    thread = services.thread_create(
        space=world.space,
        author=world.member,
        title="Draft review",
        body="See attached.",
        attachments=[upload("attached.pdf")],
    )
    attached = thread.posts.get().attachments.get()
    replaced = services.space_file_upload(
        space=world.space,
        uploaded_by=world.member,
        upload=upload("report.pdf", b"%PDF-1.4 " + b"x" * 10),
    )
    services.space_file_replace(
        file=replaced,
        uploaded_by=world.member,
        upload=upload("report.pdf", b"%PDF-1.4 " + b"y" * 2039),
    )
    client.force_login(world.member)
    html = client.get(reverse("labs:file_list", args=[world.space.pk])).content.decode()

    row = html[html.index(f'href="{replaced.get_absolute_url()}"') :].split("</tr>")[0]
    assert "<td>2</td>" in row and "<td>2.0\xa0KB</td>" in row
    download = reverse(
        "labs:file_download", kwargs={"space_id": world.space.pk, "file_id": replaced.pk}
    )
    assert f'href="{download}" download' in row
    attached_row = html[html.index(f'href="{attached.get_absolute_url()}"') :].split("</tr>")[0]
    assert "attached in “<bdi>Draft review</bdi>”" in attached_row and "<td>1</td>" in attached_row
    # Newest first, as before.
    assert html.index(replaced.get_absolute_url()) < html.index(attached.get_absolute_url())


@pytest.mark.django_db
def test_task_and_file_lists_stay_private(client, space_world):
    client.force_login(space_world.outsider)
    for name in ("labs:task_list", "labs:file_list"):
        url = reverse(name, args=[space_world.space.pk])
        assert client.get(url, {"page": "2"}).status_code == 404


# --- the manage page, as a lead -------------------------------------------------------------------


def _members_and_requests(lab, count, start=0):
    for number in range(start, start + count):
        LabMembershipFactory(lab=lab, user=PersonFactory(username=f"member-{number}"))
        LabJoinRequest.objects.create(
            lab=lab, user=PersonFactory(username=f"applicant-{number}"), message=f"Note {number}"
        )
        LabInvitation.objects.create(
            lab=lab,
            email=f"invitee-{number}@example.org",
            expires_at=timezone.now() + timezone.timedelta(days=14),
        )


@pytest.mark.django_db
def test_manage_page_queries_do_not_grow_with_members_and_requests(client, space_world):
    lab = space_world.lab
    url = reverse("labs:lab_manage", args=[lab.pk])
    client.force_login(space_world.lead)
    _members_and_requests(lab, 1)
    small = queries_of(client, url)
    _members_and_requests(lab, 6, start=1)
    for number in range(3):
        ProjectSpaceFactory(lab=lab, created_by=space_world.lead, title=f"Space {number}")
    assert queries_of(client, url) == small


@pytest.mark.django_db
def test_manage_page_has_one_form_per_member_and_pages_of_rows(client, space_world):
    lab = space_world.lab
    _members_and_requests(lab, 6)
    url = reverse("labs:lab_manage", args=[lab.pk])
    client.force_login(space_world.lead)
    html = client.get(url).content.decode()
    member_rows = html.split('id="members-title"')[1].split("</table>")[0]
    assert member_rows.count("<form") == 3
    assert member_rows.count("formaction=") == 3 - ("lead-person" in member_rows)
    for label in ("requests to join", "members", "invitations"):
        assert f'aria-label="Pages of {label}"' in html
    assert '<span class="badge">6</span>' in html
    second = client.get(url, {"members": "2", "requests": "2"}).content.decode()
    assert "Note 3" in second and "Note 0" not in second
    assert client.get(url, {"members": "x", "requests": "99"}).status_code == 200


@pytest.mark.django_db
def test_remove_button_of_the_one_row_form_removes_the_member(client, space_world):
    lab = space_world.lab
    target = LabMembershipFactory(lab=lab, user=PersonFactory(username="to-remove"))
    client.force_login(space_world.lead)
    html = client.get(reverse("labs:lab_manage", args=[lab.pk])).content.decode()
    remove_url = reverse("labs:member_remove", args=[lab.pk, target.pk])
    assert f'form="member-{target.pk}" formaction="{remove_url}"' in html
    # What the browser sends for that button: the row's form fields, to the button's address.
    response = client.post(remove_url, {"role": target.role})
    assert response.status_code == 302
    assert not lab.memberships.filter(pk=target.pk).exists()


# --- pages that were already paged: their queries stay flat too -------------------------------


def _discussion(world, count, start=0):
    for number in range(start, start + count):
        services.thread_create(
            space=world.space,
            author=world.member,
            title=f"Thread {number}",
            body=f"Opening **post** {number}.",
            attachments=[upload(f"attachment-{number}.pdf")],
        )
        services.post_create(thread=world.thread, author=world.owner, body=f"Reply {number}.")
        services.task_create(space=world.space, created_by=world.owner, title=f"Task {number}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["space_detail", "thread_list", "thread_detail", "space_activity", "activity"]
)
def test_space_pages_queries_do_not_grow_with_discussion(client, space_world, monkeypatch, name):
    from labs.views import spaces, threads

    monkeypatch.setattr(threads, "THREADS_PER_PAGE", 3)
    monkeypatch.setattr(threads, "POSTS_PER_PAGE", 3)
    monkeypatch.setattr(spaces, "ACTIVITY_PER_PAGE", 3)
    args = {
        "space_detail": [space_world.space.pk],
        "thread_list": [space_world.space.pk],
        "thread_detail": [space_world.space.pk, space_world.thread.pk],
        "space_activity": [space_world.space.pk],
        "activity": [],
    }[name]
    url = reverse(f"labs:{name}", args=args)
    client.force_login(space_world.member)
    small = queries_of(client, url)
    _discussion(space_world, 5)
    assert queries_of(client, url) == small


@pytest.mark.django_db
def test_lab_page_cards_leave_the_findings_long_bodies_in_the_database(client, lab):
    """A body may hold 100,000 characters (and its HTML as many); a card shows neither."""
    _lab_findings(lab, 2)
    statements = " ".join(query_log(client, lab.url))
    assert "knowledge_findingpage" in statements
    assert '"body_html"' not in statements and '"body"' not in statements


@pytest.mark.django_db
def test_lab_page_lists_its_members_a_page_at_a_time(client, lab, monkeypatch):
    monkeypatch.setattr(contexts, "LISTED_MEMBERS_PER_PAGE", 3)
    for number in range(2):
        LabMembershipFactory(lab=lab, user=PersonFactory(username=f"listed-{number}"))
    small = queries_of(client, lab.url)
    for number in range(2, 7):
        LabMembershipFactory(lab=lab, user=PersonFactory(username=f"listed-{number}"))
    hidden = PersonFactory(username="unlisted")
    LabMembershipFactory(lab=lab, user=hidden).__class__.objects.filter(user=hidden).update(
        is_listed=False
    )
    assert queries_of(client, lab.url) == small
    names = [p.public_name for p in (m.user for m in lab.memberships.exclude(role="lead"))]
    first = client.get(lab.url).content.decode()
    second = client.get(lab.url, {"members": "2"}).content.decode()
    assert 'aria-label="Pages of members"' in first
    assert "1 member who prefers not to be listed" in first
    listed = [name for name in names if name != hidden.public_name]
    assert sum(name in first for name in listed) == 3
    assert sum(name in second for name in listed) == 3
    assert hidden.public_name not in first + second


@pytest.mark.django_db
def test_task_rows_show_their_status_and_due_date(client, space_world):
    import datetime

    from labs.models import TaskStatus

    services.task_update(
        task=space_world.task,
        updated_by=space_world.owner,
        status=TaskStatus.IN_PROGRESS,
        due_date=datetime.date(2031, 1, 15),
    )
    client.force_login(space_world.member)
    page = client.get(reverse("labs:task_list", args=[space_world.space.pk])).content.decode()
    assert '<span class="badge badge--open">In progress</span>' in page
    assert "15 Jan 2031" in page
    overview = client.get(reverse("labs:space_detail", args=[space_world.space.pk]))
    assert "15 Jan 2031" in overview.content.decode()


@pytest.mark.django_db
def test_space_overview_queries_do_not_grow_with_its_open_tasks_milestones(client, space_world):
    # The overview's open tasks name their milestone: read with the tasks, not one by one.
    url = reverse("labs:space_detail", args=[space_world.space.pk])
    client.force_login(space_world.member)
    small = queries_of(client, url)
    _tasks(space_world, 5)
    assert queries_of(client, url) == small


@pytest.mark.django_db
def test_lab_page_costs_the_same_when_a_finding_is_in_another_language(client, lab):
    # A card in another language than the reader's looked up its translations alone, to link
    # to the reader's version: two queries more for each such finding on the page.
    from tests.site.test_page_translations import translate

    _lab_findings(lab, 2)
    all_english = queries_of(client, lab.url)
    english = FindingPageFactory(countries=("PK",))
    bengali = translate(english, "bn", title="জেলা বাজেট শুনানি")
    LabFinding.objects.create(lab=lab, finding=bengali)
    assert "জেলা বাজেট শুনানি" in client.get(lab.url).content.decode()
    assert queries_of(client, lab.url) == all_english
