"""Tampered ids in choice fields (30 digits, unicode digits) are form errors, never a 500.

Pages key on a one-to-one to their parent, which Django's integer overflow guard skips; the
value used to reach SQLite/PostgreSQL and fail.
"""

import pytest

from labs.models import LabMembership
from tests.challenges.factories import ChallengePageFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize("value", [HUGE, "²"])
def test_verification_request_with_tampered_agency_shows_the_form_again(client, user, home, value):
    client.force_login(user)
    response = client.post(
        "/policymakers/verify/",
        {"agency": value, "agency_name": "Establishment Division", "position": "Deputy Secretary",
         "official_email": "officer@example.gov.pk"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Establishment Division" in response.content.decode()  # what they typed is kept


def test_brief_with_tampered_agency_and_themes_shows_the_form_again(client, policymaker):
    client.force_login(policymaker)
    response = client.post(
        "/briefs/new/",
        {"title": "Kept title", "agency": HUGE, "themes": [HUGE], "sdgs": ["²"], "country": "PK"},
    )
    assert response.status_code == 400  # the brief form answers invalid input with 400
    assert "Kept title" in response.content.decode()


def test_proposal_start_with_tampered_lab_shows_the_form_again(client, user, lab_page):
    from datetime import timedelta

    from django.utils import timezone

    LabMembership.objects.create(lab=lab_page, user=user)
    challenge = ChallengePageFactory(closes=timezone.now() + timedelta(days=20))
    client.force_login(user)
    response = client.post(
        f"/challenge/{challenge.pk}/propose/", {"lab": HUGE, "title": "Kept title", "role": "Lead"}
    )
    assert response.status_code == 200
    assert "Kept title" in response.content.decode()
