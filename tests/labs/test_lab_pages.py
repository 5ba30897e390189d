"""Lab directory and lab pages, and lab leads' rights in the Wagtail admin."""

import pytest
from django.urls import reverse

from core.models import Country
from labs import selectors, services
from labs.models import JoinPolicy, LabRole
from tests.factories import PersonFactory
from tests.labs.factories import LabMembershipFactory, LabPageFactory


@pytest.fixture
def labs(home):
    from network.models import Theme

    reform, _ = Theme.objects.get_or_create(
        slug="civil-service-reform", defaults={"name": "Civil service reform"}
    )
    digital, _ = Theme.objects.get_or_create(
        slug="digital-government", defaults={"name": "Digital government"}
    )
    pakistan = Country.objects.get(code="PK")
    bangladesh = Country.objects.get(code="BD")
    punjab = LabPageFactory(
        title="Punjab Lab", country=pakistan, university_name="University of the Punjab"
    )
    punjab.themes.add(reform)
    punjab.save_revision().publish()
    dhaka = LabPageFactory(
        title="Dhaka Lab",
        country=bangladesh,
        university_name="University of Dhaka",
        join_policy=JoinPolicy.INVITATION,
    )
    dhaka.themes.add(digital)
    dhaka.save_revision().publish()
    return {"punjab": punjab, "dhaka": dhaka}


@pytest.mark.django_db
def test_index_lists_labs_with_open_badge(client, labs):
    page = client.get("/labs/").content.decode()
    assert "Punjab Lab" in page and "Dhaka Lab" in page
    assert "Open for members" in page
    assert "By invitation" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("country=BD", "Dhaka Lab", "Punjab Lab"),
        ("university=University+of+the+Punjab", "Punjab Lab", "Dhaka Lab"),
        ("theme=digital-government", "Dhaka Lab", "Punjab Lab"),
        ("open=1", "Punjab Lab", "Dhaka Lab"),
    ],
)
def test_index_filters(client, labs, query, shown, hidden):
    page = client.get(f"/labs/?{query}").content.decode()
    assert shown in page
    assert hidden not in page


@pytest.mark.django_db
def test_index_filter_with_no_match_shows_empty_state(client, labs):
    page = client.get("/labs/?country=NP").content.decode()
    assert "No labs match these filters" in page


@pytest.mark.django_db
def test_lab_page_shows_leads_listed_members_and_join_button(client, labs):
    lab = labs["punjab"]
    lead = PersonFactory(username="lab-lead", display_name="Dr Lead")
    listed = PersonFactory(username="listed", display_name="Listed Student")
    hidden = PersonFactory(username="hidden", display_name="Hidden Student")
    services.lab_lead_appoint(lab=lab, user=lead)
    LabMembershipFactory(lab=lab, user=listed)
    membership = LabMembershipFactory(lab=lab, user=hidden)
    membership.is_listed = False
    membership.save()
    page = client.get(lab.url).content.decode()
    assert "Dr Lead" in page
    assert "Listed Student" in page
    assert "Hidden Student" not in page
    assert "1 member who prefers not to be listed" in page
    visitor = PersonFactory(username="visitor")
    client.force_login(visitor)
    assert (
        reverse("labs:join_request", kwargs={"lab_id": lab.pk})
        in client.get(lab.url).content.decode()
    )


@pytest.mark.django_db
def test_featured_labs_selector_returns_live_labs(labs):
    assert {lab.title for lab in selectors.featured_labs()} == {"Punjab Lab", "Dhaka Lab"}
    labs["dhaka"].unpublish()
    assert {lab.title for lab in selectors.featured_labs()} == {"Punjab Lab"}


# --- Wagtail admin: a lead edits their own lab page and nothing else -----------------------------


@pytest.mark.django_db
def test_lab_creation_creates_its_lead_group_with_page_permissions(labs):
    from wagtail.models import GroupPagePermission

    lab = labs["punjab"]
    assert lab.lead_group is not None
    codenames = set(
        GroupPagePermission.objects.filter(group=lab.lead_group, page=lab.page_ptr).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"change_page", "publish_page"}


@pytest.mark.django_db
def test_lead_edits_own_lab_but_not_another(client, labs):
    lead = PersonFactory(username="punjab-lead")
    services.lab_lead_appoint(lab=labs["punjab"], user=lead)
    client.force_login(lead)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[labs["punjab"].pk]))
    assert own.status_code == 200
    other = client.get(reverse("wagtailadmin_pages:edit", args=[labs["dhaka"].pk]))
    assert other.status_code in (302, 403)
    index = client.get(reverse("wagtailadmin_pages:edit", args=[labs["punjab"].get_parent().pk]))
    assert index.status_code in (302, 403)


@pytest.mark.django_db
def test_lead_loses_admin_rights_when_no_longer_lead(client, labs):
    lab = labs["punjab"]
    lead = PersonFactory(username="former-lead")
    keeper = PersonFactory(username="keeper")
    services.lab_lead_appoint(lab=lab, user=keeper)
    membership = services.lab_lead_appoint(lab=lab, user=lead)
    services.lab_membership_role_change(
        membership=membership, role=LabRole.FACULTY, changed_by=keeper
    )
    client.force_login(lead)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lab.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_ordinary_member_cannot_edit_lab_in_admin(client, labs):
    member = PersonFactory(username="plain-member")
    LabMembershipFactory(lab=labs["punjab"], user=member)
    client.force_login(member)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[labs["punjab"].pk]))
    assert response.status_code in (302, 403)


# --- nothing of a space leaks into public surfaces ----------------------------------------------


@pytest.mark.django_db
def test_space_content_absent_from_public_search_sitemap_and_api(client, world):
    services.project_space_update(space=world.space, updated_by=world.owner, is_listed=True)
    for url in ["/search/?q=Fieldwork", "/search/?q=interview", "/sitemap.xml"]:
        response = client.get(url)
        body = response.content.decode()
        assert "Fieldwork plan" not in body, url
        assert "interview guide" not in body, url
        assert "guide.pdf" not in body, url


@pytest.mark.django_db
def test_published_findings_of_the_lab_are_listed(client, labs):
    from knowledge.models import FindingPage, KnowledgeIndexPage
    from labs.models import LabFinding

    index = KnowledgeIndexPage.objects.get()
    published = FindingPage(title="One roof, many departments", abstract="One-stop centres.")
    draft = FindingPage(title="Unfinished draft finding", abstract="Not yet.", live=False)
    index.add_child(instance=published)
    index.add_child(instance=draft)
    LabFinding.objects.create(lab=labs["punjab"], finding=published)
    LabFinding.objects.create(lab=labs["punjab"], finding=draft)
    page = client.get(labs["punjab"].url).content.decode()
    assert "One roof, many departments" in page
    assert "Unfinished draft finding" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["labmembership", "labjoinrequest", "labinvitation", "labauditentry"]
)
def test_membership_admin_screens_list_records(client, labs, model):
    admin = PersonFactory(superuser=True, profile=None, username="admin", email="a@example.org")
    services.lab_lead_appoint(lab=labs["punjab"], user=PersonFactory(username="some-lead"))
    client.force_login(admin)
    response = client.get(f"/admin/snippets/labs/{model}/")
    assert response.status_code == 200
