"""Deleting an account: logged out, cannot log back in, profile gone, name shows "Former member"."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from core.models import Profile
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def delete(client, password=DEFAULT_PASSWORD, confirm="DELETE"):
    return client.post(reverse("core:account_delete"), {"password": password, "confirm": confirm})


def test_confirmation_page_explains_the_consequences(client, user):
    client.force_login(user)
    response = client.get(reverse("core:account_delete"))
    assert response.status_code == 200
    assert b"This cannot be undone." in response.content
    assert b"Former member" in response.content


def test_deleting_the_account(client, user, home):
    email, username = user.email, user.username
    client.force_login(user)

    response = delete(client)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    follow = client.get(response["Location"])
    assert b"Your account has been deleted." in follow.content

    # Cannot log in again.
    login = client.post(reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert login.status_code == 200

    # The profile is gone under the old handle and the new one.
    assert client.get(reverse("core:profile", kwargs={"username": username})).status_code == 404
    user.refresh_from_db()
    assert (
        client.get(reverse("core:profile", kwargs={"username": user.username})).status_code == 404
    )
    assert not Profile.objects.filter(user=user).exists()

    # The row stays for what others need, without personal data.
    assert user.email == ""
    assert user.display_name == ""
    assert not user.is_active
    assert user.public_name == "Former member"
    html = Template("{% load commons %}Posted by {{ author|person }}").render(
        Context({"author": user})
    )
    assert html == "Posted by Former member"


def test_other_sessions_of_a_deleted_account_end(client, user, django_user_model):
    from django.test import Client

    other_device = Client()
    other_device.force_login(user)
    client.force_login(user)

    delete(client)

    response = other_device.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("password", "confirm", "error"),
    [
        (DEFAULT_PASSWORD, "delete please", "Type the word DELETE"),
        ("not-my-password", "DELETE", "That is not your current password."),
    ],
)
def test_deletion_needs_password_and_confirmation(client, user, password, confirm, error):
    client.force_login(user)

    response = delete(client, password=password, confirm=confirm)

    assert response.status_code == 200
    assert error.encode() in response.content
    user.refresh_from_db()
    assert user.is_active
    assert user.deleted_at is None
    assert "_auth_user_id" in client.session


def test_get_does_not_delete(client, user):
    client.force_login(user)
    client.get(reverse("core:account_delete"), {"password": DEFAULT_PASSWORD, "confirm": "DELETE"})
    user.refresh_from_db()
    assert user.is_active
