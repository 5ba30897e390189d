"""The whole challenge story in a browser: a policymaker posts a brief, a moderator approves it,
a lab team submits a proposal, a reviewer scores it, the owner selects it, and the team lands
in its new project space."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.challenges.factories import GovernmentAgencyFactory
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.mark.browser
def test_challenge_story(page, live_server, live_home, mailoutbox):
    from challenges.models import ChallengePage, Proposal

    policymaker = PersonFactory(policymaker=True, username="bilal", email="bilal@example.org")
    PersonFactory(superuser=True, username="moderator", email="moderator@example.org")
    reviewer = PersonFactory(username="tashi", email="tashi@example.org")
    lab = LabPageFactory(title="Punjab Policy Lab")
    student = PersonFactory(username="hamza", email="hamza@example.org", member_of=lab)
    GovernmentAgencyFactory(title="Establishment Division")
    page.on("dialog", lambda dialog: dialog.accept())
    opens = timezone.localtime() - timedelta(hours=1)
    closes = timezone.localtime() + timedelta(days=7)

    # 1. The policymaker posts a brief from the front-end form.
    log_in(page, live_server, policymaker.email, DEFAULT_PASSWORD)
    page.goto("/briefs/new/")
    form = page.locator("form.form")
    form.locator("input[name='title']").fill("Performance-based promotion metrics")
    form.locator("textarea[name='summary']").fill(
        "Measurable, fair promotion criteria for officers."
    )
    form.locator("select[name='agency']").select_option(label="Establishment Division")
    form.locator("select[name='country']").select_option(label="Pakistan")
    form.locator("textarea[name='problem_statement']").fill(
        "Promotions follow **seniority**, not results."
    )
    form.locator("input[name='proposals_open_at']").fill(opens.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name='proposals_close_at']").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        form.get_by_role("button", name="Send for review").click()
    assert "with the moderators" in page.inner_text("body")
    challenge = ChallengePage.objects.get(title="Performance-based promotion metrics")
    assert not challenge.live

    # 2. A moderator approves it in the Wagtail admin.
    page.context.clear_cookies()
    log_in(page, live_server, "moderator@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{challenge.pk}/edit/")
    page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
    challenge.refresh_from_db()
    assert challenge.live
    assert any("is published" in message.subject for message in mailoutbox)

    # 3. A lab team submits a proposal.
    page.context.clear_cookies()
    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto(challenge.url)
    with page.expect_navigation():
        page.get_by_role("link", name="Start a team proposal").click()
    page.locator("select[name='lab']").select_option(label="Punjab Policy Lab")
    page.locator("input[name='title']").fill("Indicators officers can trust")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the draft").click()
    page.locator("textarea[name='summary']").fill(
        "Co-designed indicators tested in a shadow pilot."
    )
    page.locator("textarea[name='approach']").fill("Workshops with officers, then shadow scoring.")
    page.locator("textarea[name='work_plan']").fill("Three phases over nine months.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit").click()
    assert "Proposal submitted" in page.inner_text("body")
    proposal = Proposal.objects.get(title="Indicators officers can trust")
    assert proposal.status == "submitted"

    # 4. The owner invites a reviewer, who scores the proposal.
    page.context.clear_cookies()
    log_in(page, live_server, policymaker.email, DEFAULT_PASSWORD)
    page.goto(f"/challenge/{challenge.pk}/manage/")
    page.locator("input[name='person']").fill(reviewer.email)
    with page.expect_navigation():
        page.get_by_role("button", name="Invite reviewer").click()
    assert "invited to review" in page.inner_text("body")

    page.context.clear_cookies()
    log_in(page, live_server, reviewer.email, DEFAULT_PASSWORD)
    page.goto(f"/challenge/{challenge.pk}/review/")
    with page.expect_navigation():
        page.get_by_role("link", name="Score", exact=True).click()
    for select in page.locator("form select").all():
        select.select_option("8")
    page.locator("textarea[name='comments']").fill("Convincing pilot design.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save scores").click()
    assert "Your scores were saved" in page.inner_text("body")

    # 5. The deadline passes; the owner sees the ranked score and selects the proposal.
    ChallengePage.objects.filter(pk=challenge.pk).update(
        proposals_close_at=timezone.now() - timedelta(minutes=1)
    )
    page.context.clear_cookies()
    log_in(page, live_server, policymaker.email, DEFAULT_PASSWORD)
    page.goto(f"/challenge/{challenge.pk}/manage/")
    assert "80.00" in page.inner_text("table")
    with page.expect_navigation():
        page.get_by_role("button", name="Select", exact=True).click()
    assert "is selected" in page.inner_text("body")
    proposal.refresh_from_db()
    assert proposal.project_space is not None

    # 6. The team lands in its new project space.
    page.context.clear_cookies()
    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto(f"/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Go to your project space").click()
    assert page.url.endswith(proposal.project_space.get_absolute_url())
    assert "Indicators officers can trust" in page.inner_text("body")
