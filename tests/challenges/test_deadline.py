"""The proposal deadline is enforced on the server, at the boundary, whatever the time zone."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import Proposal, ProposalStatus
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory

from . import factories

pytestmark = pytest.mark.django_db

# 15 January 2027, 17:00 in Pakistan = 12:00 UTC = 07:00 in New York.
DEADLINE = factories.at_karachi(2027, 1, 15, 17, 0)


@pytest.fixture
def frozen(monkeypatch):
    """Set the server clock: ``frozen(moment)``. Everything reads django.utils.timezone.now."""

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


@pytest.fixture
def open_challenge(home, policymaker):
    return ChallengePageFactory(
        owners=[policymaker],
        opens=factories.at_karachi(2026, 12, 1, 9, 0),
        closes=DEADLINE,
    )


@pytest.fixture
def draft(open_challenge, lab_page, frozen):
    frozen(DEADLINE - timedelta(days=1))
    return ProposalFactory(challenge=open_challenge, lab=lab_page, status=ProposalStatus.DRAFT)


def team_lead(proposal):
    return proposal.members.first().user


def test_submit_one_second_before_the_deadline_succeeds(draft, frozen):
    frozen(DEADLINE - timedelta(seconds=1))
    services.proposal_submit(proposal=draft, user=team_lead(draft))
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.SUBMITTED


@pytest.mark.parametrize("after", [timedelta(0), timedelta(seconds=1), timedelta(days=3)])
def test_submit_at_or_after_the_deadline_fails(draft, frozen, after):
    frozen(DEADLINE + after)
    with pytest.raises(services.DeadlinePassed):
        services.proposal_submit(proposal=draft, user=team_lead(draft))
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.DRAFT


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"])
def test_boundary_is_the_same_in_every_active_time_zone(draft, frozen, zone):
    """Whatever zone is active (and however the clock is expressed) the instant decides."""
    with timezone.override(ZoneInfo(zone)):
        frozen((DEADLINE - timedelta(seconds=1)).astimezone(ZoneInfo(zone)))
        assert draft.challenge.accepts_proposals
        frozen((DEADLINE + timedelta(seconds=1)).astimezone(ZoneInfo(zone)))
        assert not draft.challenge.accepts_proposals
        with pytest.raises(services.DeadlinePassed):
            services.proposal_submit(proposal=draft, user=team_lead(draft))


def test_editing_over_http_after_the_deadline_changes_nothing(client, draft, frozen):
    lead = team_lead(draft)
    client.force_login(lead)
    url = reverse("challenges:proposal_edit", args=[draft.pk])
    frozen(DEADLINE - timedelta(seconds=1))
    assert client.get(url).status_code == 200
    frozen(DEADLINE + timedelta(seconds=1))
    response = client.post(
        url,
        {
            "title": "Late change", "summary": "x", "approach": "x", "work_plan": "x", "experience": "",
            "team-TOTAL_FORMS": "0", "team-INITIAL_FORMS": "0", "action": "submit",
        },
    )  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title != "Late change"
    assert draft.status == ProposalStatus.DRAFT
    page = client.get(reverse("challenges:proposal_detail", args=[draft.pk])).content.decode()
    assert "can no longer be changed" in page


def test_submitted_proposal_can_be_edited_until_the_deadline_only(client, draft, frozen):
    lead = team_lead(draft)
    client.force_login(lead)
    frozen(DEADLINE - timedelta(hours=1))
    services.proposal_submit(proposal=draft, user=lead)
    data = {
        "title": "Sharper title", "summary": "s", "approach": "a", "work_plan": "w", "experience": "",
        "team-TOTAL_FORMS": "0", "team-INITIAL_FORMS": "0", "action": "save",
    }  # fmt: skip
    frozen(DEADLINE - timedelta(seconds=1))
    client.post(reverse("challenges:proposal_edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.title == "Sharper title"
    frozen(DEADLINE)
    client.post(reverse("challenges:proposal_edit", args=[draft.pk]), {**data, "title": "Too late"})
    draft.refresh_from_db()
    assert draft.title == "Sharper title"


def test_new_proposal_cannot_start_after_the_deadline(client, open_challenge, lab_page, frozen):
    member = PersonFactory(member_of=lab_page)
    client.force_login(member)
    frozen(DEADLINE + timedelta(seconds=1))
    response = client.post(
        reverse("challenges:proposal_start", args=[open_challenge.pk]),
        {"lab": lab_page.pk, "title": "Late", "role": "Lead"},
    )
    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_attachment_upload_refused_after_the_deadline(client, draft, frozen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(team_lead(draft))
    frozen(DEADLINE + timedelta(seconds=1))
    client.post(
        reverse("challenges:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")},
    )
    assert not draft.attachments.exists()


def test_deadline_shown_in_site_zone_and_viewer_zone(client, open_challenge, frozen):
    frozen(DEADLINE - timedelta(days=2))
    html = client.get(open_challenge.url).content.decode()
    assert "15 January 2027, 17:00 PKT (Asia/Karachi)" in html
    client.cookies["tz"] = "Europe/London"
    html = client.get(open_challenge.url).content.decode()
    assert "15 January 2027, 12:00 GMT" in html
    assert "in your time zone (Europe/London)" in html


def test_bogus_time_zone_cookie_is_ignored(client, open_challenge):
    client.cookies["tz"] = "Mars/Olympus_Mons"
    response = client.get(open_challenge.url)
    assert response.status_code == 200
    assert "(Asia/Karachi)" in response.content.decode()


# (Selecting a proposal closes the whole challenge: that is the deadline rule's business.)
@pytest.mark.parametrize("status", [ProposalStatus.SHORTLISTED, ProposalStatus.DECLINED])
def test_a_decided_proposal_is_closed_to_its_team_everywhere(client, draft, frozen, status):
    """Before the deadline, a proposal the owner has acted on is closed to its team: the edit
    page sends them back to the proposal, and both services refuse the change."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    lead = team_lead(draft)
    Proposal.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()
    client.force_login(lead)
    response = client.get(reverse("challenges:proposal_edit", args=[draft.pk]))
    assert response.status_code == 302
    assert response.url == reverse("challenges:proposal_detail", args=[draft.pk])
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.proposal_update(proposal=draft, user=lead, fields={"title": "Changed"})
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.proposal_attachment_add(proposal=draft, user=lead, upload=upload)
    draft.refresh_from_db()
    assert draft.title != "Changed"
    assert not draft.attachments.exists()


def test_after_the_deadline_the_edit_services_say_the_deadline_passed(draft, frozen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lead = team_lead(draft)
    frozen(DEADLINE)
    with pytest.raises(services.DeadlinePassed):
        services.proposal_update(proposal=draft, user=lead, fields={"title": "Changed"})
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(services.DeadlinePassed):
        services.proposal_attachment_add(proposal=draft, user=lead, upload=upload)
