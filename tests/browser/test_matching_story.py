"""Matchmaking in a browser: a student signs in, sees a challenge suggested with its reasons,
turns suggestions off on their profile, and the suggestion is gone."""

import pytest

from core.models import Country
from tests.browser.conftest import log_in
from tests.challenges.factories import ChallengePageFactory
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.mark.browser
def test_student_sees_a_matched_challenge_and_turns_matching_off(page, live_server, live_home):
    lab = LabPageFactory(title="Punjab Policy Lab")
    student = PersonFactory(username="hamza", email="hamza@example.org", member_of=lab)
    profile = student.profile
    profile.expertise.set(["procurement"])
    profile.languages = "Urdu, English"
    profile.country = Country.objects.get(code="PK")
    profile.save()
    ChallengePageFactory(
        title="Cleaning up district procurement",
        summary="Procurement delays in district hospitals.",
        province="Punjab",
    )

    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto("/dashboard/")
    panel = page.locator("section.dashboard-panel", has_text="Challenges for you")
    suggestion = panel.locator("li", has_text="Cleaning up district procurement")
    reasons = suggestion.locator(".match-reasons").inner_text()
    assert "procurement" in reasons
    assert "Punjab" in reasons

    page.goto("/account/profile/")
    page.get_by_label("Suggest challenges to me").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save profile").click()

    page.goto("/dashboard/")
    body = page.inner_text("body")
    assert "Challenges for you" not in body
    assert "Cleaning up district procurement" not in body
