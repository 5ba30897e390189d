"""Policymakers unboxed (issue 18): moderators hear of verification requests, owners extend
deadlines and revise published briefs through moderation, agencies can be proposed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from challenges.models import (
    AgencyProposalStatus,
    ChallengeFollower,
    ChallengePage,
    DeadlineExtension,
    PolicymakerVerification,
    ProposalStatus,
    ProposedAgency,
)
from core.models import Country
from tests.challenges.factories import (
    KARACHI,
    ChallengePageFactory,
    GovernmentAgencyFactory,
    ProposalFactory,
)
from tests.challenges.test_briefs import brief_data
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

VERIFY_URL = reverse("challenges:verification_request")


# --- moderators are told about verification requests -------------------------------------------


def test_moderators_are_emailed_when_someone_asks_for_verification(
    client, user, moderator, django_capture_on_commit_callbacks
):
    group_moderator = PersonFactory(moderator=True, email="group-moderator@example.org")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            VERIFY_URL,
            {
                "agency_name": "Planning Commission",
                "position": "Deputy Chief",
                "official_email": "dc@pc.gov.pk",
            },
        )
    assert response.status_code == 302
    verification = PolicymakerVerification.objects.get(user=user)
    to_moderators = [message for message in mail.outbox if moderator.email in message.to]
    assert len(to_moderators) == 1
    message = to_moderators[0]
    assert set(message.to) == {moderator.email, group_moderator.email}
    assert "verification" in message.subject.lower()
    body = message.body
    assert "Planning Commission" in body and "Deputy Chief" in body
    assert reverse("challenges_admin_verification_decide", args=[verification.pk]) in body
    assert user.email not in message.to


def test_no_email_to_moderators_when_the_request_is_refused(
    client, policymaker, moderator, django_capture_on_commit_callbacks
):
    client.force_login(policymaker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            VERIFY_URL,
            {"agency_name": "X", "position": "Y", "official_email": "y@gov.pk"},
        )
    assert mail.outbox == []


# --- extending the deadline ------------------------------------------------------------------


def _deadline_url(challenge):
    return reverse("challenges:deadline_extend", args=[challenge.pk])


def _typed(moment) -> str:
    """How the browser's datetime-local input sends a moment, on the site's clock."""
    return timezone.localtime(moment, KARACHI).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def owned_challenge(policymaker):
    # Whole seconds: a revision stores the deadline as JSON, to the millisecond.
    closes = (timezone.now() + timedelta(days=10, minutes=30)).replace(microsecond=0)
    return ChallengePageFactory(owners=[policymaker], closes=closes)


def test_owner_extends_deadline_and_teams_and_followers_are_emailed(
    client, policymaker, owned_challenge, django_capture_on_commit_callbacks
):
    challenge = owned_challenge
    team_member = PersonFactory(email="team@example.org")
    ProposalFactory(challenge=challenge, members=[team_member])
    withdrawn_member = PersonFactory(email="withdrawn@example.org")
    ProposalFactory(
        challenge=challenge, members=[withdrawn_member], status=ProposalStatus.WITHDRAWN
    )
    follower = PersonFactory(email="follower@example.org")
    ChallengeFollower.objects.create(challenge=challenge, user=follower)
    ChallengeFollower.objects.create(challenge=challenge, user=team_member)
    new_deadline = (challenge.proposals_close_at + timedelta(days=14)).replace(
        second=0, microsecond=0
    )
    client.force_login(policymaker)
    assert client.get(_deadline_url(challenge)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _deadline_url(challenge),
            {"new_deadline": _typed(new_deadline), "note": "Ministries asked for more time."},
        )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.proposals_close_at == new_deadline
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["follower@example.org", "team@example.org"]
    message = mail.outbox[0]
    assert "New deadline" in message.subject
    assert "Ministries asked for more time." in message.body
    page = client.get(challenge.url).content.decode()
    assert "Deadline moved to" in page
    assert "extended from" in page
    assert "Ministries asked for more time." in page
    extension = DeadlineExtension.objects.get(challenge=challenge)
    assert extension.new_deadline == new_deadline
    assert extension.extended_by == policymaker


def test_shortening_after_proposals_exist_is_refused_and_keeps_what_was_typed(
    client, policymaker, owned_challenge, django_capture_on_commit_callbacks
):
    challenge = owned_challenge
    ProposalFactory(challenge=challenge, status=ProposalStatus.DRAFT)
    before = challenge.proposals_close_at
    earlier = _typed(before - timedelta(days=3))
    client.force_login(policymaker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _deadline_url(challenge), {"new_deadline": earlier, "note": "Budget year ends."}
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert "can only move later" in body
    assert earlier in body and "Budget year ends." in body
    challenge.refresh_from_db()
    assert challenge.proposals_close_at == before
    assert not DeadlineExtension.objects.exists()
    assert mail.outbox == []


def test_shortening_without_proposals_is_allowed(client, policymaker, owned_challenge):
    challenge = owned_challenge
    earlier = (challenge.proposals_close_at - timedelta(days=3)).replace(second=0, microsecond=0)
    client.force_login(policymaker)
    response = client.post(_deadline_url(challenge), {"new_deadline": _typed(earlier)})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.proposals_close_at == earlier


def test_moving_the_deadline_into_the_past_is_refused(client, policymaker, owned_challenge):
    challenge = owned_challenge
    before = challenge.proposals_close_at
    client.force_login(policymaker)
    response = client.post(
        _deadline_url(challenge), {"new_deadline": _typed(timezone.now() - timedelta(hours=2))}
    )
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.proposals_close_at == before


def test_a_reopened_past_deadline_can_be_extended(client, policymaker):
    """After the deadline passed (selecting), an owner may still move it later: it reopens."""
    challenge = ChallengePageFactory(
        owners=[policymaker],
        opens=timezone.now() - timedelta(days=20),
        closes=timezone.now() - timedelta(days=1),
    )
    ProposalFactory(challenge=challenge)
    client.force_login(policymaker)
    later = (timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0)
    response = client.post(_deadline_url(challenge), {"new_deadline": _typed(later)})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.accepts_proposals


def test_moderator_may_extend(client, moderator, owned_challenge):
    later = (owned_challenge.proposals_close_at + timedelta(days=1)).replace(
        second=0, microsecond=0
    )
    client.force_login(moderator)
    response = client.post(_deadline_url(owned_challenge), {"new_deadline": _typed(later)})
    assert response.status_code == 302


def _outsiders(lab_page):
    lead = PersonFactory(lead_of=lab_page)
    member = PersonFactory(member_of=lab_page)
    return {
        "other verified policymaker": PersonFactory(policymaker=True),
        "lab lead": lead,
        "lab member": member,
        "signed-in person": PersonFactory(),
    }


@pytest.mark.parametrize(
    "who", ["other verified policymaker", "lab lead", "lab member", "signed-in person"]
)
def test_deadline_extension_is_404_to_everyone_but_owners_and_moderators(
    client, owned_challenge, lab_page, who
):
    before = owned_challenge.proposals_close_at
    client.force_login(_outsiders(lab_page)[who])
    url = _deadline_url(owned_challenge)
    assert client.get(url).status_code == 404
    later = _typed(before + timedelta(days=3))
    assert client.post(url, {"new_deadline": later}).status_code == 404
    owned_challenge.refresh_from_db()
    assert owned_challenge.proposals_close_at == before


def test_anonymous_is_sent_to_login_to_extend(client, owned_challenge):
    response = client.get(_deadline_url(owned_challenge))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_owner_whose_verification_was_revoked_cannot_extend(client, policymaker, owned_challenge):
    policymaker.policymaker_verifications.update(status="revoked")
    client.force_login(policymaker)
    assert client.get(_deadline_url(owned_challenge)).status_code == 404


# --- editing a published brief through moderation ---------------------------------------------


def _revise_url(challenge):
    return reverse("challenges:brief_revise", args=[challenge.pk])


def _revise_data(challenge, **overrides):
    data = {
        "title": challenge.title,
        "summary": "A sharper summary after the first questions.",
        "agency": str(challenge.agency_id),
        "country": str(challenge.country_id),
        "problem_statement": "Promotions follow seniority, not **results**.",
    }
    data.update(overrides)
    return data


def test_owner_edits_published_brief_through_moderation(
    client, policymaker, moderator, owned_challenge, django_capture_on_commit_callbacks
):
    challenge = owned_challenge
    old_summary = challenge.summary
    deadline = challenge.proposals_close_at
    client.force_login(policymaker)
    form_page = client.get(_revise_url(challenge))
    assert form_page.status_code == 200
    assert old_summary in form_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_revise_url(challenge), _revise_data(challenge))
    assert response.status_code == 302
    message = list(response.wsgi_request._messages)[-1]
    assert "sent to the moderators" in str(message)
    challenge.refresh_from_db()
    assert challenge.live and challenge.summary == old_summary
    assert challenge.workflow_in_progress
    client.logout()
    assert old_summary in client.get(challenge.url).content.decode()

    challenge.current_workflow_task_state.approve(user=moderator)
    challenge.refresh_from_db()
    assert challenge.summary == "A sharper summary after the first questions."
    assert challenge.proposals_close_at == deadline
    assert challenge.revisions.count() >= 2
    assert "A sharper summary" in client.get(challenge.url).content.decode()


def test_brief_edit_with_errors_keeps_what_was_typed(client, policymaker, owned_challenge):
    client.force_login(policymaker)
    response = client.post(
        _revise_url(owned_challenge),
        _revise_data(owned_challenge, title="", summary="Typed and not lost."),
    )
    assert response.status_code == 400
    assert "Typed and not lost." in response.content.decode()
    owned_challenge.refresh_from_db()
    assert not owned_challenge.workflow_in_progress


def test_second_edit_waits_for_the_moderators(client, policymaker, owned_challenge):
    client.force_login(policymaker)
    client.post(_revise_url(owned_challenge), _revise_data(owned_challenge))
    revisions = owned_challenge.revisions.count()
    response = client.get(_revise_url(owned_challenge))
    assert response.status_code == 302
    response = client.post(
        _revise_url(owned_challenge), _revise_data(owned_challenge, summary="Again")
    )
    assert response.status_code == 302
    assert owned_challenge.revisions.count() == revisions


def test_extension_while_an_edit_waits_survives_its_approval(
    client, policymaker, moderator, owned_challenge
):
    challenge = owned_challenge
    client.force_login(policymaker)
    client.post(_revise_url(challenge), _revise_data(challenge))
    later = (challenge.proposals_close_at + timedelta(days=7)).replace(second=0, microsecond=0)
    assert client.post(_deadline_url(challenge), {"new_deadline": _typed(later)}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.workflow_in_progress  # the waiting edit is not cancelled
    challenge.current_workflow_task_state.approve(user=moderator)
    challenge.refresh_from_db()
    assert challenge.summary == "A sharper summary after the first questions."
    assert challenge.proposals_close_at == later


def test_moderator_may_edit_a_published_brief(client, moderator, owned_challenge):
    client.force_login(moderator)
    response = client.post(_revise_url(owned_challenge), _revise_data(owned_challenge))
    assert response.status_code == 302
    owned_challenge.refresh_from_db()
    assert owned_challenge.workflow_in_progress


@pytest.mark.parametrize(
    "who", ["other verified policymaker", "lab lead", "lab member", "signed-in person"]
)
def test_brief_edit_is_404_to_everyone_but_owners_and_moderators(
    client, owned_challenge, lab_page, who
):
    client.force_login(_outsiders(lab_page)[who])
    url = _revise_url(owned_challenge)
    assert client.get(url).status_code == 404
    assert client.post(url, _revise_data(owned_challenge)).status_code == 404
    owned_challenge.refresh_from_db()
    assert not owned_challenge.workflow_in_progress


def test_anonymous_is_sent_to_login_to_edit(client, owned_challenge):
    response = client.get(_revise_url(owned_challenge))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_owner_sees_edit_and_deadline_links_others_do_not(
    client, policymaker, owned_challenge, user
):
    client.force_login(policymaker)
    html = client.get(owned_challenge.url).content.decode()
    assert _revise_url(owned_challenge) in html and _deadline_url(owned_challenge) in html
    client.force_login(user)
    html = client.get(owned_challenge.url).content.decode()
    assert _revise_url(owned_challenge) not in html and _deadline_url(owned_challenge) not in html


# --- choosing or proposing the agency ----------------------------------------------------------


BRIEF_URL = reverse("challenges:brief_create")


def test_brief_form_starts_with_the_policymakers_own_agency(client, policymaker, home):
    agency = GovernmentAgencyFactory(title="Planning Commission")
    GovernmentAgencyFactory(title="Establishment Division")
    policymaker.policymaker_verifications.update(agency=agency)
    client.force_login(policymaker)
    html = client.get(BRIEF_URL).content.decode()
    assert f'<option value="{agency.pk}" selected>' in html


def test_policymaker_proposes_a_new_agency_that_shows_once_approved(
    client, policymaker, moderator, django_capture_on_commit_callbacks
):
    GovernmentAgencyFactory(title="Establishment Division")
    pakistan = Country.objects.get(code="PK")
    client.force_login(policymaker)
    data = brief_data(
        agency="", new_agency_name="Sindh Revenue Board", new_agency_country=pakistan.pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BRIEF_URL, data)
    assert response.status_code == 302
    proposed = ProposedAgency.objects.get()
    assert proposed.name == "Sindh Revenue Board"
    assert proposed.status == AgencyProposalStatus.PENDING
    assert proposed.proposed_by == policymaker
    to_moderators = [m for m in mail.outbox if moderator.email in m.to]
    assert any("Sindh Revenue Board" in m.subject for m in to_moderators)
    brief = ChallengePage.objects.get()
    assert brief.agency is None and brief.proposed_agency == proposed

    brief.current_workflow_task_state.approve(user=moderator)
    brief.refresh_from_db()
    client.logout()
    assert "Sindh Revenue Board" not in client.get(brief.url).content.decode()
    proposed.status = AgencyProposalStatus.APPROVED
    proposed.save()
    assert "Sindh Revenue Board" in client.get(brief.url).content.decode()


def test_proposed_agency_needs_a_country_and_excludes_a_chosen_one(client, policymaker, home):
    agency = GovernmentAgencyFactory(title="Establishment Division")
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, brief_data(agency="", new_agency_name="Sindh Revenue Board"))
    assert response.status_code == 400
    assert "Say which country the agency is in." in response.content.decode()
    assert "Sindh Revenue Board" in response.content.decode()
    response = client.post(
        BRIEF_URL,
        brief_data(
            agency=str(agency.pk),
            new_agency_name="Sindh Revenue Board",
            new_agency_country=Country.objects.get(code="PK").pk,
        ),
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    assert not ProposedAgency.objects.exists()


def test_brief_needs_an_agency_chosen_or_proposed(client, policymaker, home):
    GovernmentAgencyFactory(title="Establishment Division")
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, brief_data(agency=""))
    assert response.status_code == 400
    assert not ChallengePage.objects.exists()


def test_proposed_agencies_are_listed_for_moderators_only(client, moderator, policymaker, home):
    ProposedAgency.objects.create(
        name="Sindh Revenue Board", country=Country.objects.get(code="PK"), proposed_by=policymaker
    )
    url = reverse("wagtailsnippets_challenges_proposedagency:list")
    client.force_login(policymaker)
    assert client.get(url).status_code in (302, 403)
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Sindh Revenue Board" in response.content.decode()


def test_changes_requested_on_an_edit_link_back_to_the_edit_form(
    client, policymaker, moderator, owned_challenge
):
    client.force_login(policymaker)
    client.post(_revise_url(owned_challenge), _revise_data(owned_challenge))
    submitted = [m for m in mail.outbox if m.to == [policymaker.email]]
    assert "were sent to the moderators" in submitted[-1].body
    mail.outbox.clear()
    owned_challenge.current_workflow_task_state.reject(
        user=moderator, comment="Name the pilot districts."
    )
    message = next(m for m in mail.outbox if m.to == [policymaker.email])
    assert _revise_url(owned_challenge) in message.body
    assert "stays as it is" in message.body
    response = client.get(_revise_url(owned_challenge))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Name the pilot districts." in html
    assert "A sharper summary after the first questions." in html  # the sent text, to fix
    owned_challenge.refresh_from_db()
    assert owned_challenge.summary != "A sharper summary after the first questions."


def test_deadline_of_a_decided_challenge_cannot_move(client, policymaker, owned_challenge):
    ProposalFactory(challenge=owned_challenge, status=ProposalStatus.SELECTED)
    before = owned_challenge.proposals_close_at
    client.force_login(policymaker)
    response = client.post(
        _deadline_url(owned_challenge), {"new_deadline": _typed(before + timedelta(days=3))}
    )
    assert response.status_code == 400
    assert "can no longer move" in response.content.decode()
    owned_challenge.refresh_from_db()
    assert owned_challenge.proposals_close_at == before


def test_moderators_group_member_approves_a_proposed_agency(client, policymaker, home):
    from django.contrib.auth.models import Group

    from challenges.admin_permissions import moderator_permissions_grant

    moderator_permissions_grant()
    group_moderator = PersonFactory()
    group_moderator.groups.add(Group.objects.get(name="Moderators"))
    pakistan = Country.objects.get(code="PK")
    proposed = ProposedAgency.objects.create(
        name="Sindh Revenue Board", country=pakistan, proposed_by=policymaker
    )
    client.force_login(group_moderator)
    url = reverse("wagtailsnippets_challenges_proposedagency:edit", args=[proposed.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Sindh Revenue Board", "country": pakistan.pk, "status": "approved"}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == AgencyProposalStatus.APPROVED


def test_brief_edit_form_never_shows_someone_elses_unpublished_draft(
    client, policymaker, owned_challenge
):
    live_summary = owned_challenge.summary
    draft = ChallengePage.objects.get(pk=owned_challenge.pk)
    draft.summary = "Unpublished wording from the admin"
    draft.save_revision()
    client.force_login(policymaker)
    html = client.get(_revise_url(owned_challenge)).content.decode()
    assert "Unpublished wording from the admin" not in html
    assert live_summary in html
