"""Sign-up with email verification, login/logout, rate limits and password reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from core.models import ProfileRole
from tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Lahore-reform-2026!"


def sign_up(client, email="ayesha@example.org", name="Ayesha Khan", role="faculty"):
    return client.post(
        reverse("account_signup"),
        {
            "display_name": name,
            "email": email,
            "role": role,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def link_in(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signup_page_asks_for_name_and_role(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="display_name"' in html
    assert 'name="role"' in html
    assert "Partner representative" in html
    assert html.index('name="display_name"') < html.index('name="email"')


def test_signup_sends_verification_email_and_creates_profile(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayesha@example.org"]
    assert "Confirm your email address" in message.subject
    assert "/accounts/confirm-email/" in message.body
    user = User.objects.get(email="ayesha@example.org")
    assert user.display_name == "Ayesha Khan"
    assert user.username == "ayesha-khan"
    assert user.profile.role == ProfileRole.FACULTY
    assert not EmailAddress.objects.get(user=user).verified
    assert not is_logged_in(client)
    page = client.get(response["Location"])
    assert b"Check your email" in page.content


def test_signup_errors_keep_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Bilal Ahmed",
            "email": "bilal@example.org",
            "role": "student",
            "password1": NEW_PASSWORD,
            "password2": "something-else-entirely",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "You must type the same password each time." in html
    assert 'value="Bilal Ahmed"' in html
    assert 'value="bilal@example.org"' in html
    assert not User.objects.filter(email="bilal@example.org").exists()


def test_same_handle_gets_a_suffix(client):
    PersonFactory(username="ayesha-khan")
    sign_up(client)
    assert User.objects.get(email="ayesha@example.org").username == "ayesha-khan-2"


def test_login_is_refused_before_the_email_is_verified(client):
    sign_up(client)
    mail.outbox.clear()

    response = client.post(
        reverse("account_login"), {"login": "ayesha@example.org", "password": NEW_PASSWORD}
    )

    assert not is_logged_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_confirmation_link_from_the_email_verifies_and_logs_in(client):
    sign_up(client)
    confirm_url = link_in(mail.outbox[0])

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert b"Confirm my email address" in page.content
    assert not is_logged_in(client)  # confirming needs a POST (ACCOUNT_CONFIRM_EMAIL_ON_GET off)

    response = client.post(confirm_url)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="ayesha@example.org").verified
    assert is_logged_in(client)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_confirmed_person_can_log_in_from_another_browser(client, django_user_model):
    sign_up(client)
    client.post(link_in(mail.outbox[0]))
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "ayesha@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert is_logged_in(client)


def test_invalid_confirmation_link_explains_what_to_do(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert b"expired or is not valid" in response.content


def test_login_and_logout(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert is_logged_in(client)

    confirm = client.get(reverse("account_logout"))
    assert confirm.status_code == 200
    assert b"Log out" in confirm.content

    client.post(reverse("account_logout"))
    assert not is_logged_in(client)


def test_wrong_password_shows_an_error_and_keeps_the_email(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert not is_logged_in(client)
    html = response.content.decode()
    assert "not correct" in html
    assert f'value="{user.email}"' in html


def test_repeated_failed_logins_answer_429(client, user):
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert response.status_code == 200

    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    # Even the right password is refused while the limit lasts.
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_password_reset_by_email(client, user):
    page = client.get(reverse("account_reset_password"))
    assert page.status_code == 200

    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "Reset your password" in mail.outbox[0].subject

    key_page = client.get(link_in(mail.outbox[0]), follow=True)
    assert key_page.status_code == 200
    assert b"Choose a new password" in key_page.content
    form_url = key_page.redirect_chain[-1][0]

    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    login = client.post(reverse("account_login"), {"login": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert is_logged_in(client)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_used_reset_link_is_refused(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = link_in(mail.outbox[0])
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(link, follow=True)

    assert b"Reset link not valid" in again.content


def test_password_change(client, user):
    client.force_login(user)
    page = client.get(reverse("account_change_password"))
    assert page.status_code == 200
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_email_change_sends_confirmation_to_the_new_address(client, user):
    client.force_login(user)
    page = client.get(reverse("account_email"))
    assert page.status_code == 200
    assert user.email.encode() in page.content

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new-address@example.org"}
    )

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new-address@example.org"]
    page = client.get(reverse("account_email"))
    assert b"new-address@example.org" in page.content
    # The login address only changes once the new one is confirmed.
    client.post(link_in(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "new-address@example.org"


@pytest.mark.parametrize(
    "url_name", ["account_email", "account_change_password", "core:account_settings"]
)
def test_account_management_needs_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_signup_with_a_taken_email_does_not_reveal_the_account(client, user):
    response = sign_up(client, email=user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=user.email).count() == 1
    assert mail.outbox[0].to == [user.email]
    assert "already exists" in mail.outbox[0].body


def test_signup_needs_a_role(client):
    response = sign_up(client, role="")
    assert response.status_code == 200
    assert b"This field is required." in response.content
    assert not User.objects.filter(email="ayesha@example.org").exists()


def test_login_greets_by_display_name(client, user):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": DEFAULT_PASSWORD},
        follow=True,
    )
    assert f"Welcome back, {user.public_name}.".encode() in response.content.replace(
        b"&#x27;", b"'"
    )
