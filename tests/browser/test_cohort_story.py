"""The cohort story in a browser: a lead opens a cohort, enrols a student, adds a team and
names its supervisor; a member marks a deliverable ready; the supervisor asks for changes and
then approves; the space's owner can then propose it as a finding."""

import re

import pytest
from django.urls import reverse

from labs.models import LabMembership, LabRole, SpaceRole
from labs.services import project_space_create
from tests.browser.conftest import log_in_as, wait_for_mail
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.mark.browser
def test_cohort_story(page, live_server, live_home, mailoutbox):
    lead = PersonFactory(username="ayesha", email="ayesha@example.org", display_name="Ayesha R")
    lab = LabPageFactory(title="Punjab Policy Lab", lead=lead)
    supervisor = PersonFactory(
        username="imran", email="imran@example.org", display_name="Imran Q", faculty=True
    )
    LabMembership.objects.create(lab=lab, user=supervisor, role=LabRole.FACULTY)
    owner = PersonFactory(
        username="hamza", email="hamza@example.org", display_name="Hamza T", member_of=lab
    )
    member = PersonFactory(
        username="nusrat", email="nusrat@example.org", display_name="Nusrat J", member_of=lab
    )
    space = project_space_create(
        lab=lab,
        title="Tax facilitation desks",
        goal="Why traders queue twice.",
        created_by=owner,
        members=[(member, SpaceRole.MEMBER)],
    )

    # 1. The lead opens a cohort from the lab's manage page.
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

    # 2. … enrols a student, adds the space as a team and names its supervisor.
    enrol = page.locator("form", has=page.get_by_role("button", name="Enrol"))
    enrol.locator("input[name='person']").fill("nusrat")
    with page.expect_navigation():
        enrol.get_by_role("button", name="Enrol").click()
    assert "Nusrat J is enrolled." in page.inner_text("body")
    page.locator("select[name='space']").select_option(label="Tax facilitation desks")
    with page.expect_navigation():
        page.get_by_role("button", name="Add team").click()
    page.get_by_label("Supervisor of Tax facilitation desks").select_option(label="Imran Q")
    with page.expect_navigation():
        page.get_by_role("button", name="Assign").click()
    assert "Imran Q supervises “Tax facilitation desks”." in page.inner_text("body")

    # 3. A member writes a deliverable and marks it ready; the supervisor is emailed.
    log_in_as(page, live_server, member)
    page.goto(reverse("labs:deliverable_list", kwargs={"space_id": space.pk}))
    with page.expect_navigation():
        page.get_by_role("link", name="New deliverable").first.click()
    page.locator("input[name='title']").fill("Desk observation report")
    page.locator("textarea[name='summary']").fill("A week at two desks.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark ready for sign-off").click()
    assert "Ready for sign-off" in page.inner_text("#deliverable-status")
    deliverable_url = page.url
    wait_for_mail(mailoutbox, supervisor.email, "Ready for your sign-off")

    # The owner cannot propose a finding yet, and the page says why.
    log_in_as(page, live_server, owner)
    page.goto(reverse("labs:finding_propose", kwargs={"space_id": space.pk}))
    assert "none is approved yet" in page.inner_text("#finding-blocked")

    # 4. The supervisor asks for changes; the team is emailed the comments.
    log_in_as(page, live_server, supervisor)
    page.goto(deliverable_url)
    page.get_by_label("Request changes").check()
    page.locator("textarea[name='comment']").fill("Name the two desks.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record my decision").click()
    assert "Changes requested" in page.inner_text("#deliverable-status")
    assert (
        "Name the two desks."
        in wait_for_mail(mailoutbox, member.email, "Changes requested")[0].body
    )

    # 5. The member marks it ready again; the supervisor approves.
    log_in_as(page, live_server, member)
    page.goto(deliverable_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Mark ready for sign-off").click()
    log_in_as(page, live_server, supervisor)
    page.goto(deliverable_url)
    page.get_by_label("Approve").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record my decision").click()
    assert "Approved" in page.inner_text("#deliverable-status")
    wait_for_mail(mailoutbox, owner.email, "Approved")

    # The activity record shows every step.
    page.goto(reverse("labs:space_activity", kwargs={"space_id": space.pk}))
    activity = page.inner_text("main")
    for step in ("marked a deliverable ready", "requested changes", "approved a deliverable"):
        assert step in activity

    # 6. The owner proposes the approved deliverable as a finding.
    log_in_as(page, live_server, owner)
    page.goto(deliverable_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Propose as a finding").click()
    page.locator("select[name='deliverable']").select_option(label="Desk observation report")
    page.locator("textarea[name='abstract']").fill("Traders queue twice because of a form.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send to moderators").click()
    assert re.search(r"sent to the moderators", page.inner_text("body"))
