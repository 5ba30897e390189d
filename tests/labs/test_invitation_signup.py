"""Signing up from a lab invitation: the invited address is filled in and locked.

The link in the invitation email proves the address, so the account is verified at once and
the person lands back on the invitation to accept it.
"""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from labs import services
from labs.models import LabInvitation, LabMembership, LabRole
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
INVITED = "farah.invited@example.org"
PASSWORD = "Dhaka-reform-2026!"


@pytest.fixture
def lead(home):
    return PersonFactory(username="khulna-lead")


@pytest.fixture
def lab(lead):
    return LabPageFactory(title="Khulna Urban Lab", lead=lead)


@pytest.fixture
def invitation(lab, lead):
    return services.lab_invitation_create(
        lab=lab, email=INVITED, role=LabRole.STUDENT, invited_by=lead
    )


@pytest.fixture
def token(invitation):
    """One link per test: tokens are signed with a timestamp, so each call makes another."""
    return services.invitation_token(invitation)


def invitation_url(token):
    return reverse("labs:invitation_accept", kwargs={"token": token})


def signup_url(token):
    return reverse("labs:invitation_signup", kwargs={"token": token})


def sign_up(client, email, next_url=""):
    return client.post(
        reverse("account_signup"),
        {
            "display_name": "Farah Hossain",
            "email": email,
            "role": "student",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": next_url,
        },
    )


def email_input(html: str) -> str:
    start = html.index('name="email"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_the_invitation_offers_a_sign_up_for_the_invited_address(client, token):
    page = client.get(invitation_url(token)).content.decode()
    assert signup_url(token) in page


def test_sign_up_from_the_invitation_is_prefilled_and_locked(client, invitation, token):
    response = client.get(signup_url(token))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_signup"))
    page = client.get(response["Location"]).content.decode()
    field = email_input(page)
    assert f'value="{INVITED}"' in field
    assert "readonly" in field


def test_the_server_refuses_another_address_with_a_clear_message(client, invitation, token):
    client.get(signup_url(token))
    response = sign_up(client, "someone.else@example.org", invitation_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "invitation was sent to" in html
    assert INVITED in html
    assert not User.objects.filter(email="someone.else@example.org").exists()


def test_the_invited_address_signs_up_verified_and_can_accept(client, invitation, token, lab):
    client.get(signup_url(token))
    mail.outbox.clear()
    response = sign_up(client, INVITED.upper(), invitation_url(token))
    assert response.status_code == 302
    assert response["Location"] == invitation_url(token)
    person = User.objects.get(email__iexact=INVITED)
    assert EmailAddress.objects.get(user=person, email__iexact=INVITED).verified
    assert not [m for m in mail.outbox if "Confirm your email" in m.subject]
    accepted = client.post(invitation_url(token))
    assert accepted.status_code == 302
    membership = LabMembership.objects.get(lab=lab, user=person)
    assert membership.role == LabRole.STUDENT


def test_an_unusable_invitation_does_not_lock_the_sign_up(client, invitation, token, lead):
    services.lab_invitation_revoke(invitation=invitation, revoked_by=lead)
    response = client.get(signup_url(token))
    assert response.status_code == 302
    assert response["Location"] == invitation_url(token)
    page = client.get(reverse("account_signup")).content.decode()
    assert "readonly" not in email_input(page)


def test_an_expired_invitation_does_not_lock_the_sign_up(client, invitation, token):
    LabInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client.get(signup_url(token))
    page = client.get(reverse("account_signup")).content.decode()
    assert "readonly" not in email_input(page)


def test_an_altered_link_answers_404(client):
    assert (
        client.get(reverse("labs:invitation_signup", kwargs={"token": "nope"})).status_code == 404
    )


def test_a_signed_in_person_goes_straight_to_the_invitation(client, invitation, token, user):
    client.force_login(user)
    response = client.get(signup_url(token))
    assert response.status_code == 302
    assert response["Location"] == invitation_url(token)


def test_an_ordinary_sign_up_is_not_locked(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "readonly" not in email_input(page)
