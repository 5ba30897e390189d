"""Cohort, supervision and clearance in one story, in a browser.

A lab lead opens a cohort, enrols the students of a project space that answers a governance
challenge (the space of a selected proposal) and names the team's supervisor; a member marks a
deliverable ready; the supervisor asks for changes, then approves it with a comment; the space's
owner proposes it as a finding, which goes to the challenge's owner for clearance; the owner sees
the supervisor's sign-off and clears it with an embargo date; a moderator approves it; nobody
outside sees it before the embargo day; on that day the scheduled publishing the task worker runs
makes it public, linked on the challenge page and counted in the uptake figures.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import log_in_as, wait_for_mail
from tests.factories import PersonFactory

TITLE = "Desk tokens end the second queue"
DELIVERABLE = "Desk observation report"


def _no_mail(mailoutbox, to: str, subject_part: str) -> None:
    assert not [m for m in mailoutbox if to in m.to and subject_part in m.subject]


@pytest.mark.browser
def test_supervised_finding_from_a_cohort_to_embargoed_publication(
    page, live_server, live_home, mailoutbox
):
    from challenges.models import FindingClearance
    from challenges.services import proposal_select
    from challenges.services.clearance import embargo_go_live_at
    from knowledge.models import FindingPage
    from labs.models import LabMembership, LabRole
    from tests.challenges.factories import ChallengePageFactory, ProposalFactory
    from tests.labs.factories import LabPageFactory

    lead = PersonFactory(username="ayesha", email="ayesha@example.org", display_name="Ayesha R")
    lab = LabPageFactory(title="Punjab Policy Lab", lead=lead)
    supervisor = PersonFactory(
        username="imran", email="imran@example.org", display_name="Imran Q", faculty=True
    )
    LabMembership.objects.create(lab=lab, user=supervisor, role=LabRole.FACULTY)
    owner = PersonFactory(username="hamza", email="hamza@example.org", display_name="Hamza T")
    member = PersonFactory(username="nusrat", email="nusrat@example.org", display_name="Nusrat J")
    policymaker = PersonFactory(
        policymaker=True, username="bilal", email="bilal@example.org", display_name="Bilal K"
    )
    moderator = PersonFactory(superuser=True, username="moderator", email="moderator@example.org")
    challenge = ChallengePageFactory(
        title="Queues at tax facilitation desks",
        owners=[policymaker],
        closes=timezone.now() - timedelta(days=1),
    )
    proposal = ProposalFactory(
        challenge=challenge, lab=lab, title="Tax facilitation desks", members=[owner, member]
    )
    # The challenge's owner selects the proposal: its team gets a project space that answers it.
    space = proposal_select(proposal=proposal, selected_by=policymaker)
    assert space.challenge == challenge
    embargo = timezone.localdate() + timedelta(days=14)
    mailoutbox.clear()

    # 1. The lead opens a cohort, enrols the team, adds the space and names its supervisor.
    log_in_as(page, live_server, lead)
    page.goto(reverse("labs:lab_manage", kwargs={"lab_id": lab.pk}))
    with page.expect_navigation():
        page.get_by_role("link", name="Open a cohort").click()
    page.locator("input[name='name']").fill("Spring 2027")
    page.locator("input[name='term_start']").fill("2027-01-15")
    page.locator("input[name='term_end']").fill("2027-05-30")
    page.get_by_label("Imran Q").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Open the cohort").click()
    assert "The cohort “Spring 2027” is open." in page.inner_text("body")
    for username, name in (("hamza", "Hamza T"), ("nusrat", "Nusrat J")):
        enrol = page.locator("form", has=page.get_by_role("button", name="Enrol", exact=True))
        enrol.locator("input[name='person']").fill(username)
        with page.expect_navigation():
            enrol.get_by_role("button", name="Enrol", exact=True).click()
        assert f"{name} is enrolled." in page.inner_text("body")
    page.locator("select[name='space']").select_option(label="Tax facilitation desks")
    with page.expect_navigation():
        page.get_by_role("button", name="Add team").click()
    page.get_by_label("Supervisor of Tax facilitation desks").select_option(label="Imran Q")
    with page.expect_navigation():
        page.get_by_role("button", name="Assign").click()
    assert "Imran Q supervises “Tax facilitation desks”." in page.inner_text("body")
    wait_for_mail(
        mailoutbox, supervisor.email, "You supervise “Tax facilitation desks” in the cohort"
    )

    # 2. A member writes a deliverable and marks it ready: the supervisor is emailed.
    log_in_as(page, live_server, member)
    page.goto(reverse("labs:deliverable_list", kwargs={"space_id": space.pk}))
    with page.expect_navigation():
        page.get_by_role("link", name="New deliverable").first.click()
    page.locator("input[name='title']").fill(DELIVERABLE)
    page.locator("textarea[name='summary']").fill("A week at two desks.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark ready for sign-off").click()
    deliverable_url = page.url
    assert len(wait_for_mail(mailoutbox, supervisor.email, "Ready for your sign-off")) == 1

    # The owner cannot propose a finding before the supervisor approves, challenge or not.
    log_in_as(page, live_server, owner)
    page.goto(reverse("labs:finding_propose", kwargs={"space_id": space.pk}))
    assert "none is approved yet" in page.inner_text("#finding-blocked")

    # 3. The supervisor asks for changes; the team is emailed the comment.
    log_in_as(page, live_server, supervisor)
    page.goto(deliverable_url)
    page.get_by_label("Request changes").check()
    page.locator("textarea[name='comment']").fill("Name the two desks.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record my decision").click()
    assert "Changes requested" in page.inner_text("#deliverable-status")
    for person in (owner, member):
        (changes,) = wait_for_mail(mailoutbox, person.email, "Changes requested")
        assert "Name the two desks." in changes.body

    # 4. The member marks it ready again; the supervisor approves it with a comment.
    log_in_as(page, live_server, member)
    page.goto(deliverable_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Mark ready for sign-off").click()
    assert len(wait_for_mail(mailoutbox, supervisor.email, "Ready for your sign-off")) == 2
    log_in_as(page, live_server, supervisor)
    page.goto(deliverable_url)
    page.get_by_label("Approve").check()
    page.locator("textarea[name='comment']").fill("Well sourced; ready to go out.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record my decision").click()
    assert "Approved" in page.inner_text("#deliverable-status")
    for person in (owner, member):
        (approved,) = wait_for_mail(mailoutbox, person.email, "Approved")
        assert "Well sourced; ready to go out." in approved.body

    # 5. The owner proposes the approved deliverable as a finding: the space answers a
    #    challenge, so it goes to the challenge's owner first, not to the moderators.
    mailoutbox.clear()
    log_in_as(page, live_server, owner)
    page.goto(deliverable_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Propose as a finding").click()
    page.locator("input[name='title']").fill(TITLE)
    page.locator("select[name='deliverable']").select_option(label=DELIVERABLE)
    page.locator("textarea[name='abstract']").fill("Traders queue twice because of a form.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send for clearance").click()
    assert "sent to the challenge's owners for clearance" in page.inner_text("body")
    finding = FindingPage.objects.get(title=TITLE)
    assert finding.source_challenge_id == challenge.pk
    assert not finding.workflow_in_progress
    assert len(wait_for_mail(mailoutbox, policymaker.email, "awaits your clearance")) == 1
    _no_mail(mailoutbox, moderator.email, TITLE)

    # 6. The challenge's owner sees the supervisor's sign-off and clears it with an embargo.
    log_in_as(page, live_server, policymaker)
    page.goto(reverse("challenges:manage", kwargs={"challenge_id": challenge.pk}))
    with page.expect_navigation():
        page.get_by_role("link", name="findings awaiting your clearance").click()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    sign_off = page.inner_text("#supervisor-sign-off")
    assert "Imran Q" in sign_off
    assert DELIVERABLE in sign_off
    assert "Well sourced; ready to go out." in sign_off
    page.get_by_label("Clear for publication").check()
    page.locator("input[name='embargo_until']").fill(embargo.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Record decision").click()
    assert "Your decision was recorded" in page.inner_text("body")
    for person in (owner, member):
        assert len(wait_for_mail(mailoutbox, person.email, "cleared for publication")) == 1
    # The owner who decided is not told of their own decision; the supervisor hears of it.
    _no_mail(mailoutbox, policymaker.email, "cleared for publication")
    assert len(wait_for_mail(mailoutbox, supervisor.email, "cleared for publication")) == 1
    # Now, and only now, the moderators are asked to review it.
    assert len(wait_for_mail(mailoutbox, moderator.email, "submitted for approval")) == 1
    assert FindingClearance.objects.get(finding=finding).embargo_until == embargo
    finding.refresh_from_db()
    assert finding.workflow_in_progress

    # 7. A moderator approves it in the Wagtail admin: it is scheduled, not published.
    log_in_as(page, live_server, moderator)
    page.goto(f"/admin/pages/{finding.pk}/edit/")
    page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
    finding.refresh_from_db()
    assert not finding.live
    assert finding.get_latest_revision().approved_go_live_at == embargo_go_live_at(embargo)
    wait_for_mail(mailoutbox, owner.email, TITLE)

    # 8. Before the embargo day nobody outside sees it.
    page.context.clear_cookies()
    assert page.goto(finding.url).status == 404
    page.goto("/knowledge/")
    assert TITLE not in page.inner_text("body")
    page.goto("/search/?q=desk+tokens")
    assert TITLE not in page.inner_text("body")
    page.goto(challenge.url)
    assert TITLE not in page.inner_text("body")
    page.goto("/challenges/")
    assert "0 findings published from the work" in _squeezed(page.inner_text("#uptake-title + *"))

    # 9. The clock reaches the embargo day: the task the approval queued for that moment runs
    #    Wagtail's scheduled publishing in the worker.
    from tests.browser.task_worker import WorkedDatabaseBackend

    with mock.patch(
        "django.utils.timezone.now", return_value=embargo_go_live_at(embargo) + timedelta(hours=1)
    ):
        WorkedDatabaseBackend.work(_worked_backend())
    finding.refresh_from_db()
    assert finding.live

    # 10. It is public, found, linked on the challenge page and counted in the uptake figures.
    response = page.goto(finding.url)
    assert response.status == 200
    assert TITLE in page.inner_text("h1")
    page.goto("/knowledge/")
    assert TITLE in page.inner_text("body")
    page.goto("/search/?q=desk+tokens")
    assert TITLE in page.inner_text("body")
    page.goto(challenge.url)
    assert "Published findings" in page.inner_text("body")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).first.click()
    assert TITLE in page.inner_text("h1")
    page.goto("/challenges/")
    assert "1 findings published from the work" in _squeezed(page.inner_text("#uptake-title + *"))

    # 11. The space's activity record tells the whole chain, in order.
    log_in_as(page, live_server, owner)
    page.goto(reverse("labs:space_activity", kwargs={"space_id": space.pk}))
    activity = page.inner_text("main")
    steps = [
        "assigned a supervisor",
        "marked a deliverable ready for sign-off",
        "requested changes to a deliverable",
        "approved a deliverable",
        "proposed a finding for publication",
        "cleared a finding for publication",
    ]
    for step in steps:
        assert step in activity, step
    assert f"embargoed until {embargo.isoformat()}" in activity


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _worked_backend():
    from django_tasks import task_backends

    return task_backends["default"]
