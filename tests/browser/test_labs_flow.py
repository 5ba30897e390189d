"""Lab membership and a private project space, end to end in chromium.

A student asks to join a lab, the lead approves, creates a space and adds a policymaker,
the student posts with an attachment, the policymaker reads and downloads it, and an
outsider gets a 404 for the same thread.
"""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.mark.browser
def test_lab_membership_and_private_space(
    page, live_server, live_home, mailoutbox, settings, tmp_path
):
    from labs.models import LabMembership, ProjectSpace

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    lead = PersonFactory(username="ayesha", email="ayesha@example.org")
    student = PersonFactory(username="hamza", email="hamza@example.org")
    policymaker = PersonFactory(username="bilal", email="bilal@example.org")
    outsider = PersonFactory(username="outsider", email="outsider@example.org")
    lab = LabPageFactory(title="Punjab Policy Lab", lead=lead)
    attachment = tmp_path / "field-notes.pdf"
    attachment.write_bytes(b"%PDF-1.4 field notes from the district office")

    # 1. The student asks to join with a message.
    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto(lab.url)
    with page.expect_navigation():
        page.get_by_role("link", name="Ask to join").click()
    page.locator("textarea[name='message']").fill("I would like to work on civil service reform.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send request").click()
    assert "Your request was sent" in page.inner_text("body")

    # 2. The lead approves it from the lab dashboard.
    page.context.clear_cookies()
    log_in(page, live_server, lead.email, DEFAULT_PASSWORD)
    page.goto(f"/lab/{lab.pk}/manage/")
    assert "I would like to work on civil service reform." in page.inner_text("body")
    with page.expect_navigation():
        page.get_by_role("button", name="Approve").click()
    assert "is now a member" in page.inner_text("body")
    assert LabMembership.objects.filter(lab=lab, user=student).exists()

    # 3. The lead creates a space with the policymaker, then adds the student.
    page.goto(f"/lab/{lab.pk}/spaces/new/")
    page.locator("input[name='title']").fill("Promotion pilot")
    page.locator("textarea[name='goal']").fill("Design a **fair** promotion pilot.")
    page.locator("select[name='status']").select_option("active")
    page.locator("input[name='first-person']").fill("bilal")
    with page.expect_navigation():
        page.get_by_role("button", name="Create space").click()
    assert "Only its members can see it" in page.inner_text("body")
    space = ProjectSpace.objects.get(title="Promotion pilot")
    page.get_by_role("link", name="Members", exact=True).first.click()
    page.locator("input[name='person']").fill("hamza")
    with page.expect_navigation():
        page.get_by_role("button", name="Add member").click()
    assert "can now see this space" in page.inner_text("body")

    # 4. The student starts a thread with an attachment.
    page.context.clear_cookies()
    log_in(page, live_server, student.email, DEFAULT_PASSWORD)
    page.goto(f"/spaces/{space.pk}/threads/new/")
    page.locator("input[name='title']").fill("Field notes")
    page.locator("textarea[name='body']").fill("Notes from **Tuesday**, @bilal please check.")
    page.locator("input[name='attachments']").set_input_files(str(attachment))
    with page.expect_navigation():
        page.get_by_role("button", name="Post", exact=True).click()
    thread_url = page.url
    assert re.search(r"/spaces/\d+/threads/\d+/", thread_url)
    assert "field-notes.pdf" in page.inner_text("body")

    # 5. The policymaker reads it and downloads the file.
    page.context.clear_cookies()
    log_in(page, live_server, policymaker.email, DEFAULT_PASSWORD)
    page.goto(thread_url)
    body = page.inner_text("body")
    assert "Notes from Tuesday" in body
    with page.expect_download() as download_info:
        page.get_by_role("link", name="field-notes.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "field-notes.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF-1.4 field notes")
    assert any(policymaker.email in message.to for message in mailoutbox)

    # 6. An outsider gets the same 404 as for a page that does not exist.
    page.context.clear_cookies()
    log_in(page, live_server, outsider.email, DEFAULT_PASSWORD)
    response = page.goto(thread_url)
    assert response.status == 404
    assert "Field notes" not in page.inner_text("body")
    assert page.goto(f"/spaces/{space.pk}/").status == 404
