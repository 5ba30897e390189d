"""A lab invitation, end to end in a browser: the invited student signs up with the invited
address filled in and locked, accepts, is mentioned in a space thread (the mention links to
their profile), downloads a file, and the download shows in the space's activity."""

import pytest
from django.urls import reverse

from labs import services
from labs.models import LabMembership, LabRole, SpaceRole
from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.labs.factories import LabPageFactory, ProjectSpaceFactory, upload

INVITED = "nusrat@example.org"
PASSWORD = "Khulna-reform-2026!"


@pytest.mark.browser
def test_lab_invitation_story(page, live_server, live_home):
    lead = PersonFactory(username="rahim", email="rahim@example.org", faculty=True)
    lab = LabPageFactory(title="Khulna Urban Lab", lead=lead)
    invitation = services.lab_invitation_create(
        lab=lab, email=INVITED, role=LabRole.STUDENT, invited_by=lead
    )
    link = reverse(
        "labs:invitation_accept", kwargs={"token": services.invitation_token(invitation)}
    )

    # 1. The invited person follows the link and creates an account from it.
    page.goto(link)
    with page.expect_navigation():
        page.locator("#main").get_by_role("link", name="Create an account").click()
    email = page.locator("input[name='email']")
    assert email.input_value() == INVITED
    assert email.get_attribute("readonly") is not None
    form = page.locator("form", has=email)
    form.locator("input[name='display_name']").fill("Nusrat Jahan")
    form.locator("select[name='role']").select_option("student")
    form.locator("input[name='password1']").fill(PASSWORD)
    form.locator("input[name='password2']").fill(PASSWORD)
    with page.expect_navigation():
        form.get_by_role("button", name="Create account").click()

    # 2. Verified by the invitation itself, they are back on it and accept.
    assert link in page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Accept and join").click()
    person = LabMembership.objects.get(lab=lab, user__email=INVITED).user

    # 3. The lead adds them to a space and mentions them in a thread with a file.
    space = ProjectSpaceFactory(lab=lab, created_by=lead, members=[(person, SpaceRole.MEMBER)])
    thread = services.thread_create(
        space=space,
        author=lead,
        title="Drainage survey",
        body=f"@{person.username} could you read the survey first?",
        attachments=[upload("survey.pdf")],
    )

    # 4. The mention links to their profile; the file downloads; the activity shows it.
    page.goto(thread.get_absolute_url())
    mention = page.get_by_role("link", name=f"@{person.username}")
    with page.expect_navigation():
        mention.click()
    assert person.get_absolute_url() in page.url
    file = space.files.get()
    page.goto(file.get_absolute_url())
    with page.expect_download():
        page.locator(f"a[href$='/files/{file.pk}/download/']").first.click()

    page.context.clear_cookies()
    log_in(page, live_server, lead.email, DEFAULT_PASSWORD)
    page.goto(reverse("labs:space_activity", kwargs={"space_id": space.pk}))
    body = page.inner_text("body")
    assert "Nusrat Jahan" in body
    assert "downloaded a file" in body
    assert "survey.pdf (v1)" in body
