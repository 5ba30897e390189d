"""Joining a lab: requests, decisions, invitations, roles, leaving, removal, audit and emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from labs import services
from labs.models import (
    InvitationStatus,
    JoinPolicy,
    JoinRequestStatus,
    LabAuditAction,
    LabAuditEntry,
    LabInvitation,
    LabJoinRequest,
    LabMembership,
    LabRole,
)
from tests.factories import PersonFactory
from tests.labs.factories import LabMembershipFactory, LabPageFactory


@pytest.fixture
def lead(home):
    return PersonFactory(username="the-lead")


@pytest.fixture
def lab(lead):
    return LabPageFactory(title="Punjab Governance Lab", lead=lead)


def ask(client, lab, message="I study civil service reform.", role="student"):
    return client.post(
        reverse("labs:join_request", kwargs={"lab_id": lab.pk}),
        {"message": message, "role": role},
    )


@pytest.mark.django_db
def test_request_to_join_notifies_person_and_leads_and_is_audited(client, lab, lead, user):
    client.force_login(user)
    response = ask(client, lab)
    assert response.status_code == 302
    join_request = LabJoinRequest.objects.get(lab=lab, user=user)
    assert join_request.status == JoinRequestStatus.PENDING
    assert join_request.message == "I study civil service reform."
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([user.email, lead.email])
    lead_email = next(m for m in mail.outbox if lead.email in m.to)
    assert "I study civil service reform." in lead_email.body
    assert reverse("labs:lab_manage", kwargs={"lab_id": lab.pk}) in lead_email.body
    assert LabAuditEntry.objects.filter(
        lab=lab, action=LabAuditAction.REQUESTED, actor=user
    ).exists()


@pytest.mark.django_db
def test_second_request_while_pending_is_refused_with_a_message(client, lab, user):
    client.force_login(user)
    ask(client, lab)
    response = ask(client, lab, message="again")
    assert response.status_code == 302
    assert LabJoinRequest.objects.filter(lab=lab, user=user).count() == 1
    page = client.get(response["Location"])
    assert "already asked to join" in page.content.decode()


@pytest.mark.django_db
def test_database_refuses_two_pending_requests(lab, user):
    from django.db import IntegrityError, transaction

    LabJoinRequest.objects.create(lab=lab, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        LabJoinRequest.objects.create(lab=lab, user=user)


@pytest.mark.django_db
def test_cannot_ask_to_join_as_lead(lab, user):
    with pytest.raises(services.MembershipError):
        services.lab_join_request_create(lab=lab, user=user, role=LabRole.LEAD)


@pytest.mark.django_db
def test_open_lab_admits_at_once(client, home, user):
    lab = LabPageFactory(title="Open Lab", join_policy=JoinPolicy.OPEN)
    client.force_login(user)
    ask(client, lab)
    assert LabMembership.objects.filter(lab=lab, user=user, role=LabRole.STUDENT).exists()
    assert not LabJoinRequest.objects.exists()
    assert any("Welcome" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_invitation_only_lab_refuses_requests(client, home, user):
    lab = LabPageFactory(title="Closed Lab", join_policy=JoinPolicy.INVITATION)
    client.force_login(user)
    ask(client, lab)
    assert not LabJoinRequest.objects.exists()
    assert not LabMembership.objects.filter(lab=lab, user=user).exists()


@pytest.mark.django_db
def test_lead_approves_with_reason_from_dashboard(client, lab, lead, user):
    join_request = services.lab_join_request_create(lab=lab, user=user, message="hi")
    mail.outbox.clear()
    client.force_login(lead)
    dashboard = client.get(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk}))
    assert dashboard.status_code == 200
    assert user.public_name in dashboard.content.decode()
    response = client.post(
        reverse(
            "labs:join_request_decide", kwargs={"lab_id": lab.pk, "request_id": join_request.pk}
        ),
        {"decision": "approve", "reason": "Welcome aboard"},
    )
    assert response.status_code == 302
    assert LabMembership.objects.filter(lab=lab, user=user, role=LabRole.STUDENT).exists()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.APPROVED
    assert join_request.decided_by == lead
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Welcome aboard" in mail.outbox[0].body
    assert LabAuditEntry.objects.filter(
        lab=lab, action=LabAuditAction.APPROVED, actor=lead, subject=user
    ).exists()


@pytest.mark.django_db
def test_lead_declines_with_reason(client, lab, lead, user):
    join_request = services.lab_join_request_create(lab=lab, user=user)
    mail.outbox.clear()
    client.force_login(lead)
    client.post(
        reverse(
            "labs:join_request_decide", kwargs={"lab_id": lab.pk, "request_id": join_request.pk}
        ),
        {"decision": "decline", "reason": "We are full this term."},
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert not LabMembership.objects.filter(lab=lab, user=user).exists()
    assert "We are full this term." in mail.outbox[0].body
    assert LabAuditEntry.objects.filter(action=LabAuditAction.DECLINED, subject=user).exists()


@pytest.mark.django_db
def test_a_request_is_answered_only_once(lab, lead, user):
    join_request = services.lab_join_request_create(lab=lab, user=user)
    services.lab_join_request_decide(join_request=join_request, decided_by=lead, approve=False)
    with pytest.raises(services.MembershipError):
        services.lab_join_request_decide(join_request=join_request, decided_by=lead, approve=True)
    assert not LabMembership.objects.filter(lab=lab, user=user).exists()


@pytest.mark.django_db
def test_requester_can_withdraw(client, lab, user):
    services.lab_join_request_create(lab=lab, user=user)
    client.force_login(user)
    client.post(reverse("labs:join_request_withdraw", kwargs={"lab_id": lab.pk}))
    assert LabJoinRequest.objects.get().status == JoinRequestStatus.WITHDRAWN
    # …and may ask again afterwards.
    services.lab_join_request_create(lab=lab, user=user)
    assert LabJoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count() == 1


# --- lead-only actions --------------------------------------------------------------------

LEAD_ONLY = [
    ("get", "labs:lab_manage", {}),
    ("post", "labs:invitation_create", {"email": "x@example.org", "role": "student"}),
    ("get", "labs:space_create", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("method,name,data", LEAD_ONLY)
def test_lead_only_pages_are_404_for_ordinary_members(client, lab, user, method, name, data):
    LabMembershipFactory(lab=lab, user=user, role=LabRole.FACULTY)
    client.force_login(user)
    url = reverse(name, kwargs={"lab_id": lab.pk})
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    assert not LabInvitation.objects.exists()


@pytest.mark.django_db
def test_lead_of_another_lab_cannot_decide_here(client, lab, user, home):
    other_lead = PersonFactory(username="other-lead")
    LabPageFactory(title="Another Lab", lead=other_lead)
    join_request = services.lab_join_request_create(lab=lab, user=user)
    client.force_login(other_lead)
    response = client.post(
        reverse(
            "labs:join_request_decide", kwargs={"lab_id": lab.pk, "request_id": join_request.pk}
        ),
        {"decision": "approve"},
    )
    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING


@pytest.mark.django_db
def test_moderator_may_manage_any_lab(client, lab):
    admin = PersonFactory(superuser=True, profile=None, username="mod", email="m@example.org")
    client.force_login(admin)
    assert client.get(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk})).status_code == 200


@pytest.mark.django_db
def test_anonymous_cannot_ask_to_join(client, lab):
    response = ask(client, lab)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not LabJoinRequest.objects.exists()


# --- invitations ----------------------------------------------------------------------------


def invitation_link(message) -> str:
    for line in message.body.splitlines():
        if "/invitations/" in line:
            return line.strip().split("testserver", 1)[-1].split("8000", 1)[-1]
    raise AssertionError("no invitation link in the email")


@pytest.fixture
def invitee(home):
    return PersonFactory(username="invitee", email="invitee@example.org")


@pytest.mark.django_db
def test_lead_invites_by_email_and_link_works_once(client, lab, lead, invitee):
    client.force_login(lead)
    response = client.post(
        reverse("labs:invitation_create", kwargs={"lab_id": lab.pk}),
        {"email": "Invitee@Example.org", "role": "policymaker", "message": "Join us"},
    )
    assert response.status_code == 302
    invitation = LabInvitation.objects.get()
    assert invitation.email == "invitee@example.org"
    assert mail.outbox[-1].to == ["invitee@example.org"]
    link = invitation_link(mail.outbox[-1])

    client.force_login(invitee)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    membership = LabMembership.objects.get(lab=lab, user=invitee)
    assert membership.role == LabRole.POLICYMAKER
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED

    # Single use: the same link cannot be used again, not even after leaving.
    membership.delete()
    response = client.post(link)
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert not LabMembership.objects.filter(lab=lab, user=invitee).exists()


@pytest.mark.django_db
def test_expired_invitation_is_refused(client, lab, lead, invitee):
    invitation = services.lab_invitation_create(
        lab=lab, email=invitee.email, role=LabRole.STUDENT, invited_by=lead
    )
    LabInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    token = services.invitation_token(invitation)
    client.force_login(invitee)
    response = client.post(reverse("labs:invitation_accept", kwargs={"token": token}))
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not LabMembership.objects.filter(lab=lab, user=invitee).exists()


@pytest.mark.django_db
def test_link_older_than_the_signature_age_is_invalid(client, lab, lead, invitee, settings):
    invitation = services.lab_invitation_create(
        lab=lab, email=invitee.email, role=LabRole.STUDENT, invited_by=lead
    )
    token = services.invitation_token(invitation)
    settings.LABS_INVITATION_DAYS = -1
    client.force_login(invitee)
    response = client.post(reverse("labs:invitation_accept", kwargs={"token": token}))
    assert response.status_code == 404
    assert not LabMembership.objects.filter(lab=lab, user=invitee).exists()


@pytest.mark.django_db
def test_tampered_token_is_404(client, lab, lead, invitee):
    invitation = services.lab_invitation_create(
        lab=lab, email=invitee.email, role=LabRole.STUDENT, invited_by=lead
    )
    token = services.invitation_token(invitation)
    client.force_login(invitee)
    assert (
        client.get(
            reverse("labs:invitation_accept", kwargs={"token": token[:-2] + "xx"})
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_invitation_cannot_be_used_by_someone_else(client, lab, lead, invitee, user):
    invitation = services.lab_invitation_create(
        lab=lab, email=invitee.email, role=LabRole.STUDENT, invited_by=lead
    )
    client.force_login(user)
    response = client.post(
        reverse("labs:invitation_accept", kwargs={"token": services.invitation_token(invitation)})
    )
    assert response.status_code == 400
    assert not LabMembership.objects.filter(lab=lab, user=user).exists()


@pytest.mark.django_db
def test_revoked_invitation_no_longer_works(client, lab, lead, invitee):
    invitation = services.lab_invitation_create(
        lab=lab, email=invitee.email, role=LabRole.STUDENT, invited_by=lead
    )
    client.force_login(lead)
    client.post(
        reverse("labs:invitation_revoke", kwargs={"lab_id": lab.pk, "invitation_id": invitation.pk})
    )
    client.force_login(invitee)
    response = client.post(
        reverse("labs:invitation_accept", kwargs={"token": services.invitation_token(invitation)})
    )
    assert response.status_code == 400
    assert not LabMembership.objects.filter(lab=lab, user=invitee).exists()


@pytest.mark.django_db
def test_reinviting_renews_instead_of_duplicating(lab, lead):
    services.lab_invitation_create(lab=lab, email="a@example.org", role="student", invited_by=lead)
    services.lab_invitation_create(lab=lab, email="a@example.org", role="faculty", invited_by=lead)
    invitation = LabInvitation.objects.get()
    assert invitation.role == "faculty"


# --- roles, leaving, removal --------------------------------------------------------------


@pytest.mark.django_db
def test_member_leaves_and_is_told(client, lab, user):
    LabMembershipFactory(lab=lab, user=user)
    client.force_login(user)
    response = client.post(reverse("labs:leave", kwargs={"lab_id": lab.pk}))
    assert response.status_code == 302
    assert not LabMembership.objects.filter(lab=lab, user=user).exists()
    assert mail.outbox[-1].to == [user.email]
    assert LabAuditEntry.objects.filter(action=LabAuditAction.LEFT, subject=user).exists()


@pytest.mark.django_db
def test_last_lead_cannot_leave(client, lab, lead):
    client.force_login(lead)
    client.post(reverse("labs:leave", kwargs={"lab_id": lab.pk}))
    assert LabMembership.objects.filter(lab=lab, user=lead, role=LabRole.LEAD).exists()


@pytest.mark.django_db
def test_lead_removes_member_with_reason(client, lab, lead, user):
    membership = LabMembershipFactory(lab=lab, user=user)
    client.force_login(lead)
    client.post(
        reverse("labs:member_remove", kwargs={"lab_id": lab.pk, "membership_id": membership.pk}),
        {"reason": "Programme finished"},
    )
    assert not LabMembership.objects.filter(pk=membership.pk).exists()
    assert "Programme finished" in mail.outbox[-1].body
    entry = LabAuditEntry.objects.get(action=LabAuditAction.REMOVED)
    assert (entry.actor, entry.subject, entry.detail) == (lead, user, "Programme finished")


@pytest.mark.django_db
def test_member_cannot_remove_others(client, lab, user, other_user):
    LabMembershipFactory(lab=lab, user=user)
    target = LabMembershipFactory(lab=lab, user=other_user)
    client.force_login(user)
    response = client.post(
        reverse("labs:member_remove", kwargs={"lab_id": lab.pk, "membership_id": target.pk})
    )
    assert response.status_code == 404
    assert LabMembership.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_role_change_is_audited_and_emailed(client, lab, lead, user):
    membership = LabMembershipFactory(lab=lab, user=user)
    client.force_login(lead)
    client.post(
        reverse(
            "labs:member_role_change", kwargs={"lab_id": lab.pk, "membership_id": membership.pk}
        ),
        {"role": "faculty"},
    )
    membership.refresh_from_db()
    assert membership.role == LabRole.FACULTY
    assert mail.outbox[-1].to == [user.email]
    assert LabAuditEntry.objects.filter(action=LabAuditAction.ROLE_CHANGED, subject=user).exists()


@pytest.mark.django_db
def test_member_chooses_not_to_be_listed(client, lab, user):
    membership = LabMembershipFactory(lab=lab, user=user)
    client.force_login(user)
    assert user.public_name in client.get(lab.url).content.decode()
    client.post(reverse("labs:membership_settings", kwargs={"lab_id": lab.pk}), {})
    membership.refresh_from_db()
    assert membership.is_listed is False
    client.logout()
    assert user.public_name not in client.get(lab.url).content.decode()


@pytest.mark.django_db
def test_invalid_invitation_keeps_what_was_typed(client, lab, lead):
    client.force_login(lead)
    response = client.post(
        reverse("labs:invitation_create", kwargs={"lab_id": lab.pk}),
        {"email": "not-an-email", "role": "student", "message": "Please join us"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid email address" in body
    assert "Please join us" in body
    assert not LabInvitation.objects.exists()


@pytest.mark.django_db
def test_lead_dashboard_does_not_show_member_emails(client, lab, lead, user):
    LabMembershipFactory(lab=lab, user=user)
    client.force_login(lead)
    page = client.get(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk})).content.decode()
    assert user.public_name in page
    assert user.email not in page
