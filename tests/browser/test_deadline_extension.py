"""A policymaker moves a challenge's deadline in the browser; the team with a proposal gets the
email through the real task queue, and the brief's timeline and updates show the change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.challenges.factories import KARACHI, ChallengePageFactory, ProposalFactory
from tests.factories import DEFAULT_PASSWORD, PersonFactory


@pytest.mark.browser
def test_policymaker_extends_deadline_and_team_is_emailed(page, live_server, live_home, mailoutbox):
    from challenges.models import ChallengePage

    policymaker = PersonFactory(policymaker=True, username="bilal", email="bilal@example.org")
    student = PersonFactory(username="hamza", email="hamza@example.org")
    challenge = ChallengePageFactory(
        title="Performance-based promotion metrics",
        owners=[policymaker],
        closes=timezone.now() + timedelta(days=5),
    )
    ProposalFactory(challenge=challenge, members=[student])
    new_deadline = timezone.localtime(challenge.proposals_close_at, KARACHI).replace(
        second=0, microsecond=0
    ) + timedelta(days=14)

    log_in(page, live_server, policymaker.email, DEFAULT_PASSWORD)
    page.goto(challenge.url)
    with page.expect_navigation():
        page.get_by_role("link", name="Move the deadline").click()
    page.locator("input[name='new_deadline']").fill(new_deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("textarea[name='note']").fill("Departments need another fortnight for data.")
    with page.expect_navigation():
        page.get_by_role("button", name="Move the deadline").click()

    body = page.inner_text("body")
    assert "teams with proposals and followers were emailed" in body
    assert "Deadline moved to" in body
    assert "extended from" in page.inner_text(".timeline")
    assert ChallengePage.objects.get(pk=challenge.pk).proposals_close_at == new_deadline

    to_team = [message for message in mailoutbox if message.to == [student.email]]
    assert len(to_team) == 1
    assert "New deadline" in to_team[0].subject
    assert "Departments need another fortnight for data." in to_team[0].body
    assert all(policymaker.email not in message.to for message in mailoutbox)
