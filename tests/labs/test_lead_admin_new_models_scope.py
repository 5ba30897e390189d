"""A lab lead in the Wagtail admin sees nothing of another lab's cohorts, deliverables and
spaces, nor of proposed agencies or findings under clearance that are not theirs (issue 18
leftover): not in listings, choosers, search or reports, and not by typing an address."""

import datetime

import pytest
from django.urls import reverse

from challenges.models import FindingClearance, ProposedAgency
from core.models import Country
from labs.models import SpaceRole
from labs.services.cohorts import cohort_create, cohort_team_add, deliverable_create
from tests.challenges.test_clearance import Story
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory, ProjectSpaceFactory

pytestmark = pytest.mark.django_db

MARKER = "Quokka"
#: The names of lab B's rows (a search box echoing the query "Quokka" is not a leak).
NAMES = [f"{MARKER} {kind}" for kind in ("cohort", "space", "deliverable", "agency")]


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def scene(home):
    lead_a = PersonFactory(username="lead-of-a")
    lab_a = LabPageFactory(title="Lab A", lead=lead_a)
    lead_b = PersonFactory(username="lead-of-b")
    lab_b = LabPageFactory(title="Lab B", lead=lead_b)
    student_b = PersonFactory(member_of=lab_b)
    cohort_b = cohort_create(
        lab=lab_b,
        name=f"{MARKER} cohort",
        term_start=datetime.date(2027, 1, 1),
        term_end=datetime.date(2027, 6, 1),
        created_by=lead_b,
    )
    space_b = ProjectSpaceFactory(
        lab=lab_b,
        created_by=lead_b,
        title=f"{MARKER} space",
        members=[(student_b, SpaceRole.MEMBER)],
    )
    cohort_team_add(cohort=cohort_b, space=space_b, added_by=lead_b)
    deliverable_create(
        space=space_b, created_by=lead_b, title=f"{MARKER} deliverable", summary="Private."
    )
    policymaker = PersonFactory(policymaker=True)
    agency = ProposedAgency.objects.create(
        name=f"{MARKER} agency", country=Country.objects.get(code="PK"), proposed_by=policymaker
    )
    return {"lead_a": lead_a, "lab_a": lab_a, "lab_b": lab_b, "agency": agency}


@pytest.fixture
def clearance(scene, client):
    """A finding from lab B's selected project, waiting for its challenge owner's clearance."""
    story = Story(scene["lab_b"])
    finding, _html = story.propose(client)
    client.logout()
    return FindingClearance.objects.get(finding=finding)


def get(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_lead_admin_shows_no_other_labs_cohorts_spaces_or_deliverables(client, scene):
    client.force_login(scene["lead_a"])
    assert get(client, reverse("wagtailadmin_home"))[0] == 200
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_pages:search") + f"?q={MARKER}",
        reverse("wagtailadmin_choose_page_search") + f"?q={MARKER}",
        reverse("wagtailadmin_explore", args=[scene["lab_b"].get_parent().pk]),
    ):
        status, html = get(client, url)
        assert not [name for name in NAMES if name in html], url


@pytest.mark.parametrize(
    "view",
    ["list", "list_results", "edit", "usage", "history", "delete", "copy", "add"],
)
def test_lead_cannot_reach_proposed_agencies_by_address(client, scene, view):
    client.force_login(scene["lead_a"])
    args = [scene["agency"].pk] if view in ("edit", "usage", "history", "delete", "copy") else []
    status, html = get(
        client, reverse(f"wagtailsnippets_challenges_proposedagency:{view}", args=args)
    )
    assert status in (302, 403, 404)
    assert not [name for name in NAMES if name in html]


@pytest.mark.parametrize("view", ["choose", "choose_results", "chosen"])
def test_lead_cannot_choose_proposed_agencies(client, scene, view):
    client.force_login(scene["lead_a"])
    args = [scene["agency"].pk] if view == "chosen" else []
    url = reverse(f"wagtailsnippetchoosers_challenges_proposedagency:{view}", args=args)
    status, html = get(client, url + f"?q={MARKER}")
    assert status == 404
    assert not [name for name in NAMES if name in html]


def test_lead_still_chooses_reference_data_for_their_lab_page(client, scene):
    """Countries and themes are public reference data that a lab page's form chooses."""
    client.force_login(scene["lead_a"])
    for label in ("core_country", "network_theme"):
        url = reverse(f"wagtailsnippetchoosers_{label}:choose")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "label",
    [
        "challenges_policymakerverification",
        "challenges_challengequestion",
        "labs_labjoinrequest",
        "labs_labinvitation",
        "labs_labauditentry",
        "labs_labmembership",
    ],
)
def test_lead_cannot_choose_other_private_snippets(client, scene, label):
    client.force_login(scene["lead_a"])
    assert client.get(reverse(f"wagtailsnippetchoosers_{label}:choose")).status_code == 404


def test_moderators_keep_the_proposed_agency_chooser(client, scene):
    client.force_login(PersonFactory(moderator=True))
    url = reverse("wagtailsnippetchoosers_challenges_proposedagency:choose")
    assert f"{MARKER} agency" in client.get(url).content.decode()


def test_finding_under_clearance_is_not_in_the_other_leads_admin(client, scene, clearance):
    finding = clearance.finding
    first_word = finding.title.split()[0]
    client.force_login(scene["lead_a"])
    for url in (
        reverse("wagtailadmin_pages:search") + f"?q={first_word}",
        reverse("wagtailadmin_choose_page_search") + f"?q={first_word}",
        reverse("wagtailadmin_explore", args=[finding.get_parent().pk]),
    ):
        status, html = get(client, url)
        assert finding.title not in html, url
    for url in (
        reverse("wagtailadmin_pages:edit", args=[finding.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[finding.pk]),
        reverse("wagtailadmin_pages:history", args=[finding.pk]),
    ):
        status, html = get(client, url)
        assert status in (302, 403, 404), url
        assert finding.title not in html, url


def test_django_admin_is_closed_to_a_lead(client, scene):
    client.force_login(scene["lead_a"])
    status, html = get(client, "/django-admin/")
    assert status in (302, 403, 404)
    assert not [name for name in NAMES if name in html]
