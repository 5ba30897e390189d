"""Clearance and embargo in a browser: a space owner proposes a finding, the challenge's owner
clears it with an embargo date, a moderator approves it, it stays private until the date, and
once the clock reaches the date Wagtail's scheduled publishing makes it public and linked on the
challenge page."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.labs.factories import LabPageFactory, ProjectSpaceFactory

TITLE = "Bundled counters halve the queues"


@pytest.mark.browser
def test_finding_clearance_and_embargo_story(page, live_server, live_home, mailoutbox):
    from challenges.models import ProposalStatus
    from challenges.services.clearance import embargo_go_live_at
    from knowledge.models import FindingPage

    owner = PersonFactory(policymaker=True, username="bilal", email="bilal@example.org")
    PersonFactory(superuser=True, username="moderator", email="moderator@example.org")
    lab = LabPageFactory(title="Punjab Policy Lab")
    student = PersonFactory(username="hamza", email="hamza@example.org", member_of=lab)
    challenge = ChallengePageFactory(
        title="One-stop service centres", owners=[owner], closes=timezone.now() - timedelta(days=1)
    )
    space = ProjectSpaceFactory(lab=lab, created_by=student, title="Service centres study")
    proposal = ProposalFactory(
        challenge=challenge, lab=lab, members=[student], status=ProposalStatus.SELECTED
    )
    proposal.project_space = space
    proposal.save()
    embargo = timezone.localdate() + timedelta(days=14)

    # 1. The space owner proposes a finding: it goes to the challenge's owners first.
    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto(f"/spaces/{space.pk}/publish/")
    page.locator("input[name='title']").fill(TITLE)
    page.locator("textarea[name='abstract']").fill("Bundling services by demand halves waits.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send for clearance").click()
    assert "sent to the challenge's owners for clearance" in page.inner_text("body")
    assert any("awaits your clearance" in m.subject for m in mailoutbox)

    # 2. The challenge's owner clears it with an embargo date.
    page.context.clear_cookies()
    log_in(page, live_server, owner.email, DEFAULT_PASSWORD)
    page.goto(f"/challenge/{challenge.pk}/manage/")
    with page.expect_navigation():
        page.get_by_role("link", name="findings awaiting your clearance").click()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Clear for publication").check()
    page.locator("input[name='embargo_until']").fill(embargo.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    assert "Your decision was recorded" in page.inner_text("body")
    assert any("cleared for publication" in m.subject for m in mailoutbox)

    # 3. A moderator approves it in the Wagtail admin: it is scheduled, not published.
    finding = FindingPage.objects.get(title=TITLE)
    page.context.clear_cookies()
    log_in(page, live_server, "moderator@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{finding.pk}/edit/")
    page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
    finding.refresh_from_db()
    assert not finding.live
    assert finding.get_latest_revision().approved_go_live_at == embargo_go_live_at(embargo)

    # 4. Before the date nobody outside sees it: not on the challenge page, not at its address.
    page.context.clear_cookies()
    page.goto(challenge.url)
    assert TITLE not in page.inner_text("body")
    response = page.goto(finding.url)
    assert response.status == 404

    # 5. The clock reaches the embargo date; Wagtail's scheduled publishing publishes it.
    with mock.patch(
        "django.utils.timezone.now", return_value=embargo_go_live_at(embargo) + timedelta(hours=1)
    ):
        call_command("publish_scheduled")
    finding.refresh_from_db()
    assert finding.live

    # 6. It is public and linked on the challenge page.
    page.goto(challenge.url)
    assert "Published findings" in page.inner_text("body")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).first.click()
    assert TITLE in page.inner_text("h1")
