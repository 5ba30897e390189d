"""Only verified policymakers (and moderators) submit briefs; briefs go through moderation."""

import pytest
from django.core import mail
from django.urls import reverse

from challenges.models import ChallengePage, PolicymakerVerification, VerificationStatus
from tests.challenges.factories import GovernmentAgencyFactory
from tests.factories import PersonFactory

from . import factories

pytestmark = pytest.mark.django_db

BRIEF_URL = reverse("challenges:brief_create")


def brief_data(**overrides):
    from network.models import PartnerPage

    data = {
        "title": "Performance-based promotion metrics",
        "summary": "Design measurable promotion criteria for federal officers.",
        "agency": str(PartnerPage.objects.get(title="Establishment Division").pk),
        "country": str(factories.Country.objects.get(code="PK").pk),
        "province": "",
        "problem_statement": "Promotions rely on seniority.<script>alert(1)</script> **Fix it.**",
        "proposals_open_at": "2026-01-01T09:00",
        "proposals_close_at": "2027-01-15T17:00",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "10",
        "criteria-0-name": "Feasibility",
        "criteria-0-weight": "60",
        "criteria-1-name": "Evidence",
        "criteria-1-weight": "40",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agency(home):
    return GovernmentAgencyFactory()


def test_anonymous_is_sent_to_login(client, home):
    response = client.get(BRIEF_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_signed_in_person_without_verification_cannot_submit(client, user, agency):
    client.force_login(user)
    assert client.get(BRIEF_URL).status_code == 403
    response = client.post(BRIEF_URL, brief_data())
    assert response.status_code == 403
    assert not ChallengePage.objects.exists()


@pytest.mark.parametrize(
    "status", [VerificationStatus.PENDING, VerificationStatus.DECLINED, VerificationStatus.REVOKED]
)
def test_unapproved_verification_cannot_submit(client, user, agency, status):
    PolicymakerVerification.objects.create(
        user=user, agency_name="X", position="Y", official_email="y@gov.pk", status=status
    )
    client.force_login(user)
    assert client.post(BRIEF_URL, brief_data()).status_code == 403
    assert not ChallengePage.objects.exists()


def test_profile_role_alone_is_not_verification(client, user, agency):
    user.profile.role = "policymaker"
    user.profile.save()
    client.force_login(user)
    assert client.get(BRIEF_URL).status_code == 403


def test_verified_policymaker_submits_draft_into_moderation(client, policymaker, agency):
    client.force_login(policymaker)
    assert client.get(BRIEF_URL).status_code == 200
    response = client.post(BRIEF_URL, brief_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ChallengePage.objects.get()
    assert not page.live
    assert page.workflow_in_progress
    assert page.status == "in_review"
    assert list(page.owners.all()) == [policymaker]
    assert [c.weight for c in page.judging_criteria.all()] == [60, 40]
    # Not public before approval.
    client.logout()
    assert client.get("/challenges/performance-based-promotion-metrics/").status_code == 404


def test_moderator_may_submit(client, moderator, agency):
    client.force_login(moderator)
    assert client.post(BRIEF_URL, brief_data()).status_code == 302
    assert ChallengePage.objects.count() == 1


def test_revoking_verification_takes_effect_on_next_request(client, policymaker, agency):
    client.force_login(policymaker)
    assert client.get(BRIEF_URL).status_code == 200
    PolicymakerVerification.objects.filter(user=policymaker).update(
        status=VerificationStatus.REVOKED
    )
    assert client.get(BRIEF_URL).status_code == 403


def test_weights_must_total_100(client, policymaker, agency):
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, brief_data(**{"criteria-1-weight": "30"}))
    assert response.status_code == 400
    assert "must add up to 100" in response.content.decode()
    # What the person typed is kept.
    assert "Performance-based promotion metrics" in response.content.decode()
    assert not ChallengePage.objects.exists()


def test_deadline_must_follow_opening(client, policymaker, agency):
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, brief_data(proposals_close_at="2025-12-01T09:00"))
    assert response.status_code == 400
    assert not ChallengePage.objects.exists()


def test_deadline_typed_in_the_form_is_pakistan_time(client, policymaker, agency):
    client.force_login(policymaker)
    client.post(BRIEF_URL, brief_data())
    page = ChallengePage.objects.get()
    assert page.proposals_close_at == factories.at_karachi(2027, 1, 15, 17, 0)
    assert page.proposals_close_at.astimezone(factories.ZoneInfo("UTC")).hour == 12


def test_deadline_is_pakistan_time_for_a_policymaker_in_kathmandu_too(client, policymaker, agency):
    """The reader's zone (core.middleware) changes how times are shown, not how the brief
    form, which says "Pakistan Standard Time", reads them."""
    policymaker.profile.country = factories.Country.objects.get(code="NP")
    policymaker.profile.save()
    client.force_login(policymaker)
    client.post(BRIEF_URL, brief_data())
    page = ChallengePage.objects.get()
    assert page.proposals_close_at == factories.at_karachi(2027, 1, 15, 17, 0)


def test_moderator_approval_publishes_and_emails_owner(client, policymaker, moderator, agency):
    client.force_login(policymaker)
    client.post(BRIEF_URL, brief_data())
    page = ChallengePage.objects.get()
    mail.outbox.clear()
    task_state = page.current_workflow_task_state
    task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    assert any(
        "is published" in message.subject and policymaker.email in message.to
        for message in mail.outbox
    )
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Fix it.</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_moderator_rejection_keeps_it_private(client, policymaker, moderator, agency):
    client.force_login(policymaker)
    client.post(BRIEF_URL, brief_data())
    page = ChallengePage.objects.get()
    page.current_workflow_task_state.reject(user=moderator)
    page.refresh_from_db()
    assert not page.live
    client.logout()
    assert client.get("/challenges/performance-based-promotion-metrics/").status_code == 404


# --- verification requests ----------------------------------------------------------------------


VERIFY_URL = reverse("challenges:verification_request")


def test_person_requests_verification_once(client, user, agency):
    client.force_login(user)
    data = {
        "agency_name": "Establishment Division",
        "position": "Section Officer",
        "official_email": "so@establishment.gov.pk",
    }
    assert client.post(VERIFY_URL, data).status_code == 302
    assert client.post(VERIFY_URL, data).status_code == 200  # shows "waiting", creates nothing
    assert PolicymakerVerification.objects.filter(user=user).count() == 1
    assert "waiting for a moderator" in client.get(VERIFY_URL).content.decode()


def test_moderator_approves_in_admin_and_person_is_emailed(
    client, user, moderator, agency, django_capture_on_commit_callbacks
):
    verification = PolicymakerVerification.objects.create(
        user=user, agency_name="Establishment Division", position="SO", official_email="so@gov.pk"
    )
    client.force_login(moderator)
    url = reverse("challenges_admin_verification_decide", args=[verification.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "note": "Welcome"})
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.APPROVED
    assert verification.decided_by == moderator
    assert mail.outbox[-1].to == [user.email]
    assert "verified policymaker" in mail.outbox[-1].subject
    client.force_login(user)
    assert client.get(BRIEF_URL).status_code == 200


def test_moderator_declines_with_message(
    client, user, moderator, agency, django_capture_on_commit_callbacks
):
    verification = PolicymakerVerification.objects.create(
        user=user, agency_name="X", position="SO", official_email="so@gmail.com"
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("challenges_admin_verification_decide", args=[verification.pk]),
            {"decision": "decline", "note": "Use your government address."},
        )
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.DECLINED
    assert "Use your government address." in mail.outbox[-1].body


def test_non_moderator_cannot_decide(client, user, other_user, agency):
    verification = PolicymakerVerification.objects.create(
        user=user, agency_name="X", position="SO", official_email="so@gov.pk"
    )
    other_user.is_staff = True
    other_user.save()
    client.force_login(other_user)
    response = client.post(
        reverse("challenges_admin_verification_decide", args=[verification.pk]),
        {"decision": "approve"},
    )
    assert response.status_code in (302, 403)
    verification.refresh_from_db()
    assert verification.status == VerificationStatus.PENDING


def test_changes_requested_then_resubmitted_then_approved(
    client, policymaker, moderator, agency, django_capture_on_commit_callbacks
):
    client.force_login(policymaker)
    client.post(BRIEF_URL, brief_data())
    page = ChallengePage.objects.get()
    edit_url = reverse("challenges:brief_edit", args=[page.pk])
    # While it waits for a moderator the owner cannot change it.
    assert client.get(edit_url).status_code == 302
    mail.outbox.clear()
    page.current_workflow_task_state.reject(user=moderator, comment="Add the affected groups.")
    assert any("Changes requested" in m.subject for m in mail.outbox)
    response = client.get(edit_url)
    assert response.status_code == 200
    assert "Add the affected groups." in response.content.decode()
    # Another person cannot open the edit form.
    client.force_login(PersonFactory(policymaker=True))
    assert client.get(edit_url).status_code == 404
    client.force_login(policymaker)
    response = client.post(
        edit_url,
        brief_data(
            **{"criteria-0-weight": "50", "criteria-1-weight": "50"},
            affected_groups="Officers in BPS-17 to 20.",
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    page.current_workflow_task_state.approve(user=moderator)
    page = ChallengePage.objects.get(pk=page.pk)
    assert page.live
    assert page.affected_groups == "Officers in BPS-17 to 20."
    assert [c.weight for c in page.judging_criteria.all()] == [50, 50]


def test_brief_country_choice_lists_the_region_first(client, policymaker, agency):
    client.force_login(policymaker)
    html = client.get(BRIEF_URL).content.decode()
    # Every ISO country is offered, but the network's eight come before the rest.
    assert html.index(">Sri Lanka<") < html.index(">Albania<")
