"""One way to make a demo login (core.demo), used by the site's people and the labs' leads."""

import pytest
from allauth.account.models import EmailAddress

from core.demo import DEMO_PASSWORD, demo_person_ensure
from core.models import ProfileRole


def ensure(**overrides):
    values = {
        "username": "lead-dhaka",
        "display_name": "Dr. Farhana Kabir",
        "email": "lead-dhaka@demo.policylab.example",
        "role": ProfileRole.FACULTY,
        "institution": "University of Dhaka",
        "country_code": "BD",
        "public_fields": ["institution", "country", "role"],
    }
    return demo_person_ensure(**{**values, **overrides})


@pytest.mark.django_db
def test_a_demo_person_can_log_in_with_a_verified_address_and_a_profile(client):
    person = ensure()

    assert client.login(username="lead-dhaka", password=DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=person).verified
    assert person.profile.institution == "University of Dhaka"
    assert person.profile.country.code == "BD"
    assert person.profile.public_fields == ["institution", "country", "role"]
    assert not person.is_staff


@pytest.mark.django_db
def test_seeding_again_keeps_one_person_and_a_changed_password(client):
    person = ensure()
    person.set_password("changed by the visitor")
    person.save()

    again = ensure(is_superuser=True)

    assert again.pk == person.pk
    assert EmailAddress.objects.filter(user=person).count() == 1
    assert again.is_staff and again.is_superuser
    assert client.login(username="lead-dhaka", password="changed by the visitor")
