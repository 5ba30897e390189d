"""A lab lead's Wagtail admin shows nothing outside their own lab's subtree.

Testers, as a lab lead, found other labs' draft titles, briefs under moderation and restricted
pages in the page chooser (browse and search), the explorer, the reports, the privacy panel's
group list, and a group named after a draft lab's title.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from labs.models import LabIndexPage, LabPage
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db

MARKER = "Zebracorn"


@pytest.fixture
def scene(home):
    lead = PersonFactory(username="scope-lead")
    own = LabPageFactory(title="Own Lab", lead=lead)
    other = LabPageFactory(title="Other Lab")
    other.title = f"{MARKER} unpublished rename"
    other.save_revision()  # a draft revision of a live page
    index = LabIndexPage.objects.get()
    draft_lab = LabPage(title=f"{MARKER} draft lab", university_name="X", live=False)
    index.add_child(instance=draft_lab)
    draft_lab.save_revision()
    return {"lead": lead, "own": own, "other": other, "draft_lab": draft_lab, "index": index}


def admin_get(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_chooser_browse_and_search_show_only_the_own_lab(client, scene):
    client.force_login(scene["lead"])
    index = scene["index"]
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_child", args=[index.pk]))
    assert status == 200
    assert "Own Lab" in html
    assert MARKER not in html
    assert "Other Lab" not in html
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_search") + f"?q={MARKER}")
    assert status == 200
    assert MARKER not in html
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_search") + "?q=Lab")
    assert "Own Lab" in html
    assert "Other Lab" not in html


def test_chooser_shows_the_pages_above_the_lab_by_their_published_titles(client, scene, home):
    """Home and the labs index are on the way to the lead's lab; their drafts are not the lead's."""
    for page in (home, scene["index"]):
        page.title = f"{MARKER} embargoed {page.pk}"
        page.save_revision()
    client.force_login(scene["lead"])
    for parent in (home.get_parent(), home, scene["index"]):
        status, html = admin_get(
            client, reverse("wagtailadmin_choose_page_child", args=[parent.pk])
        )
        assert status == 200
        assert MARKER not in html
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_search") + "?q=Own")
    assert "Own Lab" in html
    assert MARKER not in html  # the parent column names the labs index


def test_editors_still_see_their_own_draft_titles_in_the_chooser(client, scene):
    lab = scene["own"]
    lab.title = "Own Lab renamed in draft"
    lab.save_revision()
    client.force_login(scene["lead"])
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_child", args=[lab.pk]))
    assert "Own Lab renamed in draft" in html


def test_explorer_and_admin_search_show_only_the_own_lab(client, scene):
    client.force_login(scene["lead"])
    status, html = admin_get(client, reverse("wagtailadmin_explore", args=[scene["index"].pk]))
    assert MARKER not in html
    assert "Other Lab" not in html
    status, html = admin_get(client, reverse("wagtailadmin_pages:search") + f"?q={MARKER}")
    assert "unpublished rename" not in html  # the search box itself echoes the query
    assert "draft lab" not in html


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
    ],
)
def test_reports_are_for_moderators_only(client, scene, url_name):
    client.force_login(scene["lead"])
    status, html = admin_get(client, reverse(url_name))
    assert status == 404
    assert MARKER not in html


def test_privacy_panel_with_every_group_is_for_moderators_only(client, scene):
    Group.objects.get_or_create(name="Partner reviewers (confidential)")
    client.force_login(scene["lead"])
    status, html = admin_get(
        client, reverse("wagtailadmin_pages:set_privacy", args=[scene["own"].pk])
    )
    assert status == 404
    assert "Partner reviewers" not in html


def test_a_labs_group_name_never_carries_its_title(scene):
    for lab in (scene["own"], scene["draft_lab"]):
        lab.refresh_from_db()
        assert lab.lead_group is not None
        assert "Lab" not in lab.lead_group.name.replace("Lab leads", "")
    assert not Group.objects.filter(name__icontains=MARKER).exists()


def test_migration_renames_groups_named_after_titles(scene):
    from importlib import import_module

    from django.apps import apps

    group = scene["draft_lab"].lead_group
    Group.objects.filter(pk=group.pk).update(name=f"Lab leads: {MARKER} draft lab (#1)")
    migration = import_module("labs.migrations.0006_lab_lead_groups_named_by_id")

    migration.name_groups_by_lab_id(apps, None)

    assert Group.objects.get(pk=group.pk).name == f"Lab leads #{scene['draft_lab'].pk}"


def test_moderators_still_see_the_whole_site(client, scene):
    moderator = PersonFactory(superuser=True)
    client.force_login(moderator)
    status, html = admin_get(client, reverse("wagtailadmin_choose_page_search") + "?q=Lab")
    assert "Other Lab" in html or MARKER in html
    assert admin_get(client, reverse("wagtailadmin_reports:page_types_usage"))[0] == 200
    url = reverse("wagtailadmin_pages:set_privacy", args=[scene["own"].pk])
    assert admin_get(client, url)[0] == 200
