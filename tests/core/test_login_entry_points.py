"""One login: every sign-in form on the site is allauth's, with its rate limit and its rule
that the email address must be verified first.

Testers found that /admin/login/ (Wagtail), /django-admin/login/ (Django admin) and
/_util/login/ (Wagtail's front-end login for login-restricted pages) each accepted 12 wrong
passwords and then the right one, and that an unconfirmed account signed in through
/_util/login/.
"""

import base64

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

OTHER_LOGIN_FORMS = ["/admin/login/", "/django-admin/login/", "/_util/login/"]


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def credentials(user, password):
    return {"username": user.username, "login": user.email, "email": user.email,
            "password": password}  # fmt: skip


@pytest.fixture
def staff(db):
    person = PersonFactory(superuser=True)
    return person


@pytest.mark.parametrize("url", OTHER_LOGIN_FORMS)
def test_twelve_wrong_passwords_then_the_right_one_is_refused(client, staff, url):
    for _attempt in range(12):
        client.post(url, credentials(staff, "wrong-password"))
        assert not is_logged_in(client)

    response = client.post(url, credentials(staff, DEFAULT_PASSWORD))

    assert not is_logged_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")


def test_allauths_throttle_counts_every_try_at_the_one_login(client, staff):
    for _attempt in range(12):
        client.post(reverse("account_login"), {"login": staff.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.parametrize("url", OTHER_LOGIN_FORMS)
def test_other_login_forms_send_people_to_the_one_login(client, url):
    response = client.get(url + "?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("url", OTHER_LOGIN_FORMS)
def test_an_unverified_account_cannot_sign_in_anywhere(client, url):
    person = PersonFactory(verified=False, superuser=True)

    client.post(url, credentials(person, DEFAULT_PASSWORD))
    assert not is_logged_in(client)

    response = client.post(
        reverse("account_login"), {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    assert not is_logged_in(client)
    assert response["Location"] == reverse("account_email_verification_sent")


def test_the_api_accepts_no_passwords(client, staff):
    """HTTP Basic on the read-only API would be a fourth, unthrottled way to try a password."""
    token = base64.b64encode(f"{staff.username}:{DEFAULT_PASSWORD}".encode()).decode()
    for _attempt in range(6):
        client.get("/api/v2/knowledge/", HTTP_AUTHORIZATION="Basic " + token + "x")
    response = client.get("/api/v2/knowledge/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code in (200, 404)
    assert "_auth_user_id" not in client.session
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_AUTHENTICATION_CLASSES == []


def test_admin_pages_ask_anonymous_people_to_use_the_one_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"].startswith(reverse("account_login"))
