"""Clearance of findings by the challenge's owners, embargo through Wagtail's scheduled
publishing, and the finding linked on its challenge page once (and only once) it is live."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from challenges import selectors
from challenges.models import ClearanceStatus, FindingClearance, ProposalStatus
from challenges.services.clearance import embargo_go_live_at
from knowledge.models import FindingPage
from labs.models import ActivityVerb, SpaceActivity
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import ProjectSpaceFactory

pytestmark = pytest.mark.django_db

TITLE = "Queues halve with bundled counters"


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    """Tests run inside one transaction that never commits: what waits for the commit (emails,
    the page cache's purge) runs at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


class Story:
    """A challenge owned by a verified policymaker, a selected proposal with its space."""

    def __init__(self, lab_page):
        self.owner = PersonFactory(policymaker=True, email="owner@ministry.example")
        self.challenge = ChallengePageFactory(
            owners=[self.owner], closes=timezone.now() - timedelta(days=1)
        )
        self.space_owner = PersonFactory(member_of=lab_page, email="team-owner@uni.example")
        self.student = PersonFactory(member_of=lab_page, email="student@uni.example")
        self.space = ProjectSpaceFactory(
            lab=lab_page, created_by=self.space_owner, members=[(self.student, "member")]
        )
        proposal = ProposalFactory(
            challenge=self.challenge,
            lab=lab_page,
            members=[self.space_owner, self.student],
            status=ProposalStatus.SELECTED,
        )
        proposal.project_space = self.space
        proposal.save()

    def propose(self, client):
        client.force_login(self.space_owner)
        response = client.post(
            reverse("labs:finding_propose", kwargs={"space_id": self.space.pk}),
            {
                "title": TITLE,
                "abstract": "Bundling services halves waits.",
                "authors": [self.space_owner.pk],
            },
            follow=True,
        )
        assert response.status_code == 200
        return FindingPage.objects.get(title=TITLE), response.content.decode()

    def detail_url(self, clearance):
        return reverse(
            "challenges:clearance_detail",
            kwargs={"challenge_id": self.challenge.pk, "clearance_id": clearance.pk},
        )


@pytest.fixture
def story(home, lab_page):
    return Story(lab_page)


@pytest.fixture
def moderator(home):
    return PersonFactory(moderator=True)


def _approve(finding, moderator):
    state = WorkflowState.objects.for_instance(finding).get(status="in_progress")
    state.current_task_state.approve(user=moderator)


def test_finding_from_a_challenge_space_waits_for_its_owners(client, story):
    finding, page = story.propose(client)
    assert "sent to the challenge&#x27;s owners for clearance" in page
    clearance = FindingClearance.objects.get(finding=finding)
    assert clearance.status == ClearanceStatus.PENDING
    assert finding.source_challenge_id == story.challenge.pk
    assert finding.get_latest_revision_as_object().source_challenge_id == story.challenge.pk
    # Not yet in site moderation, and not public.
    assert not WorkflowState.objects.for_instance(finding).exists()
    assert not finding.live
    owner_mail = [m for m in mail.outbox if m.to == ["owner@ministry.example"]]
    assert len(owner_mail) == 1 and "awaits your clearance" in owner_mail[0].subject
    assert story.detail_url(clearance) in owner_mail[0].body


def test_clear_with_embargo_then_moderation_then_published_on_the_day(client, story, moderator):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    embargo = timezone.localdate() + timedelta(days=10)
    client.force_login(story.owner)
    detail = client.get(story.detail_url(clearance)).content.decode()
    assert TITLE in detail and "Bundling services halves waits." in detail
    mail.outbox.clear()
    response = client.post(
        story.detail_url(clearance), {"decision": "clear", "embargo_until": embargo.isoformat()}
    )
    assert response.status_code == 302
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.CLEARED and clearance.embargo_until == embargo
    assert WorkflowState.objects.for_instance(finding).get().status == "in_progress"
    team_mail = [m for m in mail.outbox if "cleared for publication" in m.subject]
    assert {address for m in team_mail for address in m.to} >= {
        "team-owner@uni.example",
        "student@uni.example",
    }
    assert "Embargo" in team_mail[0].body
    assert SpaceActivity.objects.filter(
        space=story.space, verb=ActivityVerb.CLEARED_FINDING
    ).exists()

    _approve(finding, moderator)
    finding.refresh_from_db()
    assert not finding.live
    assert finding.get_latest_revision().approved_go_live_at == embargo_go_live_at(embargo)

    # Nothing reaches the public before the day: the owner renders the page first, then an
    # anonymous reader reads it (and the shared cache) — page, search, API, feeds, sitemap.
    assert TITLE not in client.get(story.challenge.url).content.decode()
    anonymous = Client()
    for url in (
        story.challenge.url,
        story.challenge.url,
        "/search/?q=bundled",
        "/api/v2/pages/?type=knowledge.FindingPage&fields=title",
        "/sitemap.xml",
        "/feeds/knowledge/rss/",
    ):
        assert TITLE not in anonymous.get(url).content.decode(), url
    assert selectors.uptake_figures()["findings"] == 0

    # The day before the embargo the command publishes nothing; on the day it publishes.
    day_before = embargo_go_live_at(embargo) - timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=day_before):
        call_command("publish_scheduled")
    finding.refresh_from_db()
    assert not finding.live
    with mock.patch(
        "django.utils.timezone.now", return_value=embargo_go_live_at(embargo) + timedelta(hours=1)
    ):
        call_command("publish_scheduled")
    finding.refresh_from_db()
    assert finding.live and finding.source_challenge_id == story.challenge.pk
    assert finding.publication_date == embargo
    challenge_page = anonymous.get(story.challenge.url).content.decode()
    assert TITLE in challenge_page and finding.url in challenge_page
    assert selectors.uptake_figures()["findings"] == 1


def test_page_cache_does_not_keep_the_challenge_page_from_before_publication(
    client, story, moderator, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("pages", "page-generation"):
        caches[alias].clear()
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    embargo = timezone.localdate() + timedelta(days=3)
    client.force_login(story.owner)
    client.post(
        story.detail_url(clearance), {"decision": "clear", "embargo_until": embargo.isoformat()}
    )
    _approve(finding, moderator)
    client.get(story.challenge.url)
    anonymous = Client()
    assert TITLE not in anonymous.get(story.challenge.url).content.decode()
    with mock.patch(
        "django.utils.timezone.now", return_value=embargo_go_live_at(embargo) + timedelta(hours=1)
    ):
        call_command("publish_scheduled")
    assert TITLE in anonymous.get(story.challenge.url).content.decode()
    for alias in ("pages", "page-generation"):
        caches[alias].clear()


def test_changes_requested_then_the_space_owner_resubmits(client, story):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    client.force_login(story.owner)
    # Asking for changes needs a note; what was typed is kept.
    response = client.post(story.detail_url(clearance), {"decision": "changes", "note": ""})
    assert response.status_code == 400
    assert "Tell the team what to change" in response.content.decode()
    mail.outbox.clear()
    response = client.post(
        story.detail_url(clearance),
        {"decision": "changes", "note": "Name the districts only as regions."},
    )
    assert response.status_code == 302
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.CHANGES_REQUESTED
    assert not WorkflowState.objects.for_instance(finding).exists()
    team_mail = [m for m in mail.outbox if "Changes requested" in m.subject]
    assert team_mail and "Name the districts only as regions." in team_mail[0].body

    team_url = reverse("challenges:clearance_team", kwargs={"clearance_id": clearance.pk})
    # A space member reads the decision but cannot revise; the owner revises.
    client.force_login(story.student)
    page = client.get(team_url).content.decode()
    assert "Name the districts only as regions." in page and "Resubmit" not in page
    assert client.post(team_url, {"title": "x", "abstract": "y"}).status_code == 404
    client.force_login(story.space_owner)
    mail.outbox.clear()
    response = client.post(
        team_url, {"title": "Queues halve in two regions", "abstract": "Revised abstract."}
    )
    assert response.status_code == 302
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.PENDING
    finding.refresh_from_db()
    draft = finding.get_latest_revision_as_object()
    assert draft.title == "Queues halve in two regions" and draft.abstract == "Revised abstract."
    assert any("revised finding" in m.subject for m in mail.outbox)
    assert SpaceActivity.objects.filter(
        space=story.space, verb=ActivityVerb.RESUBMITTED_FINDING
    ).exists()


def test_decline_with_reasons_stops_the_finding(client, story):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    client.force_login(story.owner)
    mail.outbox.clear()
    response = client.post(
        story.detail_url(clearance), {"decision": "decline", "note": "The data is provisional."}
    )
    assert response.status_code == 302
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.DECLINED
    assert not WorkflowState.objects.for_instance(finding).exists()
    declined = [m for m in mail.outbox if "was not cleared" in m.subject]
    assert declined and "The data is provisional." in declined[0].body
    # A decided clearance cannot be decided again.
    response = client.post(story.detail_url(clearance), {"decision": "clear"})
    assert response.status_code == 400
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.DECLINED


def test_embargo_in_the_past_is_refused(client, story):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    client.force_login(story.owner)
    response = client.post(
        story.detail_url(clearance),
        {"decision": "clear", "embargo_until": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "An embargo date must be after today." in response.content.decode()
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.PENDING


@pytest.mark.parametrize(
    "who", ["other_policymaker", "lab_lead", "moderator", "superuser", "space_owner", "student"]
)
def test_only_the_challenges_own_owners_clear(client, story, lab_page, who):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    people = {
        "other_policymaker": lambda: PersonFactory(policymaker=True),
        "lab_lead": lambda: PersonFactory(lead_of=lab_page),
        "moderator": lambda: PersonFactory(moderator=True),
        "superuser": lambda: PersonFactory(superuser=True),
        "space_owner": lambda: story.space_owner,
        "student": lambda: story.student,
    }
    client.force_login(people[who]())
    list_url = reverse("challenges:clearance_list", kwargs={"challenge_id": story.challenge.pk})
    assert client.get(list_url).status_code == 404
    assert client.get(story.detail_url(clearance)).status_code == 404
    assert client.post(story.detail_url(clearance), {"decision": "clear"}).status_code == 404
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.PENDING


def test_anonymous_is_sent_to_log_in_and_outsiders_do_not_see_the_team_page(client, story):
    finding, _page = story.propose(client)
    clearance = FindingClearance.objects.get(finding=finding)
    client.logout()
    response = client.post(story.detail_url(clearance), {"decision": "clear"})
    assert response.status_code == 302 and "/login" in response["Location"]
    team_url = reverse("challenges:clearance_team", kwargs={"clearance_id": clearance.pk})
    client.force_login(PersonFactory(policymaker=True))
    assert client.get(team_url).status_code == 404
    client.force_login(story.owner)
    assert client.get(team_url).status_code == 404
    clearance.refresh_from_db()
    assert clearance.status == ClearanceStatus.PENDING


def test_owner_lists_the_challenges_findings_for_clearance(client, story):
    finding, _page = story.propose(client)
    client.force_login(story.owner)
    page = client.get(
        reverse("challenges:clearance_list", kwargs={"challenge_id": story.challenge.pk})
    ).content.decode()
    assert TITLE in page and "Awaiting clearance" in page


def test_findings_from_spaces_without_a_challenge_go_straight_to_moderation(home, lab_page):
    from labs.services import finding_propose_from_space

    owner = PersonFactory(member_of=lab_page)
    space = ProjectSpaceFactory(lab=lab_page, created_by=owner)
    finding = finding_propose_from_space(space=space, proposed_by=owner, title="T", abstract="A")
    assert not FindingClearance.objects.exists()
    assert finding.source_challenge_id is None
    assert WorkflowState.objects.for_instance(finding).get().status == "in_progress"
