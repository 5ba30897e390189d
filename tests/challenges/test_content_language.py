"""A brief written in Urdu is marked Urdu; questions and answers people type read in their own
direction, with the asker's name isolated inside the interface sentence around it."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from challenges.models import ChallengeQuestion
from tests.challenges.factories import ChallengePageFactory
from tests.languages import language_around

pytestmark = pytest.mark.django_db


def test_an_urdu_brief_and_its_questions(client, home, policymaker):
    brief = ChallengePageFactory(
        title="سرکاری بھرتی میں میرٹ",
        owners=[policymaker],
        problem_statement="بھرتی کے امتحانات میں شفافیت نہیں۔",
        locale=Locale.objects.get_or_create(language_code="ur")[0],
    )
    ChallengeQuestion.objects.create(
        challenge=brief,
        asked_by=policymaker,
        body="کیا ضلعی ڈیٹا دستیاب ہے؟ Is district data available?",
        answer="جی ہاں، **monthly** data.",
        answered_by=policymaker,
        answered_at=timezone.now(),
    )

    html = client.get(brief.url).content.decode()

    assert language_around(html, "سرکاری بھرتی میں میرٹ") == ("ur", "rtl")
    assert language_around(html, "بھرتی کے امتحانات") == ("ur", "rtl")
    assert language_around(html, "Is district data available?")[1] == "auto"
    assert language_around(html, "جی ہاں")[1] == "auto"
    assert f"<bdi>{policymaker.public_name}</bdi> asked on" in html
