"""Choosing a language: prefixed addresses, the switcher, first visits, profile, emails, admin."""

import pytest
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from core.addresses import absolute_url
from core.emails import email_send
from core.models import Profile

pytestmark = pytest.mark.django_db


def translated(code: str, text: str) -> str:
    with translation.override(code):
        return str(translation.gettext(text))


def test_prefixed_home_page_is_in_urdu_right_to_left(client, home):
    response = client.get("/ur/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl"' in html
    assert translated("ur", "Log in") in html
    assert translated("ur", "Log in") != "Log in"


@pytest.mark.parametrize("code", ["bn", "hi", "ne", "si", "ta"])
def test_each_language_has_its_own_address_left_to_right(client, home, code):
    html = client.get(f"/{code}/").content.decode()

    assert f'<html lang="{code}" dir="ltr"' in html
    assert translated(code, "Skip to main content") in html


def test_bare_address_stays_english_without_a_preference(client, home):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="en" dir="ltr"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_first_visit_follows_the_browser_language(client, home):
    response = client.get("/?page=2", HTTP_ACCEPT_LANGUAGE="bn-BD,bn;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/bn/?page=2"
    assert "Accept-Language" in response["Vary"]


def test_unsupported_browser_language_gets_english(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr")

    assert response.status_code == 200


def test_english_chosen_in_the_switcher_wins_over_the_browser(client, home):
    response = client.post("/ur/language/", {"language": "en", "next": "/ur/"})
    assert response.status_code == 404  # the switcher itself has one address

    response = client.post("/language/", {"language": "en", "next": "/ur/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ur").status_code == 200


def test_switcher_shows_the_same_page_in_the_chosen_language(client, home):
    response = client.post("/language/", {"language": "ta", "next": "/search/?q=water"})

    assert response["Location"] == "/ta/search/?q=water"
    assert response.cookies["django_language"].value == "ta"
    assert client.get("/search/").status_code == 302  # the cookie now sends bare addresses on


def test_switcher_refuses_an_unknown_language_and_a_foreign_next_address(client, home):
    assert client.post("/language/", {"language": "xx", "next": "/"}).status_code == 400

    response = client.post("/language/", {"language": "hi", "next": "https://evil.example/"})

    assert response["Location"] == "/hi/"


def test_switcher_names_every_language_in_its_own_script(client, home):
    html = client.get("/").content.decode()

    for code, name in [("ur", "اردو"), ("bn", "বাংলা"), ("hi", "हिन्दी"), ("si", "සිංහල")]:
        assert f'value="{code}" lang="{code}"' in html
        assert name in html


def test_every_language_version_is_announced_with_hreflang(client, home):
    html = client.get("/ne/search/").content.decode()

    for code in ["en", "ur", "bn", "hi", "ne", "si", "ta"]:
        prefix = "" if code == "en" else f"/{code}"
        assert f'hreflang="{code}" href="{absolute_url(prefix + "/search/")}"' in html
    assert f'hreflang="x-default" href="{absolute_url("/search/")}"' in html


def test_admin_and_documents_are_never_redirected_by_language(client, home):
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 302
    assert "/ur/" not in response["Location"]


def test_signed_in_person_reads_in_their_profile_language(client, home, user):
    Profile.objects.update_or_create(user=user, defaults={"language": "ne"})
    client.force_login(user)

    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/ne/dashboard/"


def test_switching_language_when_signed_in_saves_it_on_the_profile(client, home, user):
    client.force_login(user)

    client.post("/language/", {"language": "si", "next": "/"})

    assert Profile.objects.get(user=user).language == "si"
    # Wagtail 8 ships no Sinhala admin (nor any of the region's): its admin stays English.
    assert UserProfile.get_for_user(user).preferred_language == ""


def test_wagtail_admin_follows_the_profile_language_where_wagtail_ships_it(
    client, home, user, settings
):
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("bn", "Bengali")]
    client.force_login(user)

    client.post("/language/", {"language": "bn", "next": "/"})

    assert UserProfile.get_for_user(user).preferred_language == "bn"


def test_signup_in_urdu_keeps_urdu_for_the_account(client, home):
    client.post(
        "/ur/accounts/signup/",
        {
            "display_name": "Ayesha",
            "email": "ayesha@example.org",
            "role": "student",
            "password1": "a-long-enough-passphrase-2026",
            "password2": "a-long-enough-passphrase-2026",
        },
    )

    assert Profile.objects.get(user__email="ayesha@example.org").language == "ur"
    confirmation = mail.outbox[-1]
    assert translated("ur", "Confirm your email address") in confirmation.subject
    assert "/ur/accounts/confirm-email/" in confirmation.body


def test_each_recipient_gets_the_email_in_their_own_language(user, other_user, home):
    Profile.objects.update_or_create(user=user, defaults={"language": "bn"})
    Profile.objects.update_or_create(user=other_user, defaults={"language": ""})

    email_send(
        to=[user.email, other_user.email],
        template="labs/emails/membership_left",
        context={"person": user, "lab": home},
    )

    by_language = {message.extra_headers["Content-Language"]: message for message in mail.outbox}
    assert set(by_language) == {"bn", "en"}
    assert by_language["bn"].to == [user.email]
    assert by_language["en"].to == [other_user.email]


def test_profile_editor_shows_and_keeps_the_language(client, home, user):
    Profile.objects.update_or_create(user=user, defaults={"language": "ta"})
    client.force_login(user)

    html = client.get("/ta/account/profile/").content.decode()

    assert 'name="language"' in html
    assert '<option value="ta" selected>' in html


def test_language_switcher_adds_no_per_visitor_token_to_public_pages(client, home):
    first = client.get("/").content.decode()
    second = client.get("/").content.decode()

    assert "csrfmiddlewaretoken" not in first
    assert first == second
