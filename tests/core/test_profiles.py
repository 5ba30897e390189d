"""Profile pages show only what the person chose; the editor validates ORCID iDs."""

import pytest
from django.urls import reverse

from core.models import Country, Profile, ProfileRole
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

VALID_ORCID = "0000-0002-1825-0097"


@pytest.fixture
def person():
    user = PersonFactory(
        username="sana-mir",
        display_name="Sana Mir",
        profile__institution="Institute of Administrative Sciences",
        profile__country=Country.objects.get(code="PK"),
        profile__role=ProfileRole.FACULTY,
        profile__languages="English, Urdu, Punjabi",
        profile__bio="Studies one-stop service centres.",
        profile__orcid=VALID_ORCID,
        profile__public_fields=["institution", "role"],
    )
    profile = user.profile
    profile.expertise.add("civil service reform")
    return user


def profile_url(user) -> str:
    return reverse("core:profile", kwargs={"username": user.username})


def test_public_profile_shows_only_chosen_fields_to_others(client, person, other_user):
    for viewer in (None, other_user):
        if viewer:
            client.force_login(viewer)
        response = client.get(profile_url(person))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Sana Mir" in html
        assert "Institute of Administrative Sciences" in html
        assert "Faculty" in html
        for hidden in ("Urdu", "one-stop service", VALID_ORCID, "civil service reform", "Pakistan"):
            assert hidden not in html, hidden
        assert "only you can see this" not in html


def test_owner_sees_every_field_marked_private(client, person):
    client.force_login(person)
    html = client.get(profile_url(person)).content.decode()
    for shown in ("Urdu", "one-stop service", f"https://orcid.org/{VALID_ORCID}", "Pakistan"):
        assert shown in html
    assert "civil service reform" in html
    assert "only you can see this" in html


def test_owner_can_preview_the_public_view(client, person):
    client.force_login(person)
    html = client.get(profile_url(person) + "?preview=public").content.decode()
    assert "This is how other people see your profile" in html
    assert "Urdu" not in html
    assert "Institute of Administrative Sciences" in html


def test_fields_made_public_are_shown_with_orcid_link(client, person):
    person.profile.public_fields = ["languages", "bio", "orcid", "expertise", "country"]
    person.profile.save()
    html = client.get(profile_url(person)).content.decode()
    assert f'href="https://orcid.org/{VALID_ORCID}"' in html
    for shown in ("Urdu", "one-stop service", "civil service reform", "Pakistan"):
        assert shown in html
    assert "Institute of Administrative Sciences" not in html


def test_private_profile_is_not_found_for_others(client, person, other_user):
    person.profile.is_public = False
    person.profile.save()

    assert client.get(profile_url(person)).status_code == 404
    client.force_login(other_user)
    assert client.get(profile_url(person)).status_code == 404


def test_private_profile_is_visible_to_its_owner_with_a_notice(client, person):
    person.profile.is_public = False
    person.profile.save()
    client.force_login(person)

    response = client.get(profile_url(person))

    assert response.status_code == 200
    assert b"only you can see this page" in response.content


def test_unknown_person_is_not_found(client, db):
    assert client.get(reverse("core:profile", kwargs={"username": "nobody"})).status_code == 404


def test_inactive_account_profile_is_not_found(client, person):
    person.is_active = False
    person.save()
    assert client.get(profile_url(person)).status_code == 404


def test_user_without_profile_gets_one_lazily(client, monkeypatch):
    monkeypatch.setattr("core.dashboard.DASHBOARD_PANEL_PROVIDERS", [])  # other apps' panels
    admin = PersonFactory(username="site-admin", superuser=True, profile=None)
    assert not Profile.objects.filter(user=admin).exists()

    # Others see "not found" rather than an error while no profile exists.
    assert client.get(profile_url(admin)).status_code == 404

    client.force_login(admin)
    for url in (
        profile_url(admin),
        reverse("core:profile_edit"),
        reverse("core:dashboard"),
        reverse("core:account_settings"),
        reverse("core:account_delete"),
    ):
        assert client.get(url).status_code == 200, url
    assert Profile.objects.filter(user=admin).exists()


@pytest.mark.parametrize("url_name", ["core:profile_edit", "core:account_delete", "core:dashboard"])
def test_anonymous_visitors_are_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def edit_data(**overrides) -> dict:
    data = {
        "display_name": "Sana Mir",
        "institution": "University of the Punjab",
        "country": "",
        "role": "faculty",
        "expertise": "e-governance, service delivery",
        "languages": "English,  Urdu, English",
        "bio": "Works on Smart Civil Service reform.",
        "orcid": "",
        "is_public": "on",
        "public_fields": ["institution", "bio"],
    }
    data.update(overrides)
    return data


def test_profile_editor_saves_everything(client, person):
    client.force_login(person)
    page = client.get(reverse("core:profile_edit"))
    assert page.status_code == 200
    assert b"Show Institution on my public profile" in page.content

    response = client.post(
        reverse("core:profile_edit"),
        edit_data(display_name="Dr Sana Mir", orcid=f"https://orcid.org/{VALID_ORCID}"),
        follow=True,
    )

    assert response.status_code == 200
    assert b"Your profile has been saved." in response.content
    person.refresh_from_db()
    profile = Profile.objects.get(user=person)
    assert person.display_name == "Dr Sana Mir"
    assert profile.institution == "University of the Punjab"
    assert profile.languages == "English, Urdu"
    assert profile.orcid == VALID_ORCID
    assert sorted(profile.public_fields) == ["bio", "institution"]
    assert sorted(profile.expertise.names()) == ["e-governance", "service delivery"]


def test_unticking_a_field_hides_it_from_others(client, person, other_user):
    client.force_login(person)
    client.post(reverse("core:profile_edit"), edit_data(public_fields=["bio"]))
    client.force_login(other_user)
    html = client.get(profile_url(person)).content.decode()
    assert "Works on Smart Civil Service reform." in html
    assert "University of the Punjab" not in html


def test_making_the_profile_private_from_the_editor(client, person):
    client.force_login(person)
    data = edit_data()
    del data["is_public"]
    client.post(reverse("core:profile_edit"), data)
    client.logout()
    assert client.get(profile_url(person)).status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0000-0002-1825", "Enter an ORCID iD in the form 0000-0002-1825-0097."),
        ("orcid-please", "Enter an ORCID iD in the form 0000-0002-1825-0097."),
        ("0000-0002-1825-0098", "check digit is wrong"),
    ],
)
def test_bad_orcid_is_explained_and_typed_input_kept(client, person, typed, message):
    client.force_login(person)
    response = client.post(
        reverse("core:profile_edit"),
        edit_data(orcid=typed, institution="Typed but not yet saved"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert f'value="{typed}"' in html
    assert 'value="Typed but not yet saved"' in html
    assert "nothing was saved yet" in html
    profile = Profile.objects.get(user=person)
    assert profile.orcid == VALID_ORCID
    assert profile.institution == "Institute of Administrative Sciences"


def test_orcid_with_lower_case_x_and_spaces_is_normalised(client, person):
    client.force_login(person)
    client.post(reverse("core:profile_edit"), edit_data(orcid=" 0000-0002-9079-593x "))
    assert Profile.objects.get(user=person).orcid == "0000-0002-9079-593X"


def test_missing_display_name_is_an_error(client, person):
    client.force_login(person)
    response = client.post(reverse("core:profile_edit"), edit_data(display_name=""))
    assert response.status_code == 200
    assert b"This field is required." in response.content


def test_editor_only_edits_your_own_profile(client, person, other_user):
    client.force_login(other_user)
    client.post(reverse("core:profile_edit"), edit_data(institution="Hijacked"))
    assert Profile.objects.get(user=person).institution == "Institute of Administrative Sciences"
    assert Profile.objects.get(user=other_user).institution == "Hijacked"


def test_profile_with_nothing_shared_says_so(client, person):
    person.profile.public_fields = []
    person.profile.save()
    html = client.get(profile_url(person)).content.decode()
    assert "<bdi>Sana Mir</bdi> has not shared any profile details." in html
    assert "Institute of Administrative Sciences" not in html
