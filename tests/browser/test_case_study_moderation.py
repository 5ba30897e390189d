"""A partner submits a case study on the site; a moderator approves it in the Wagtail admin;
it becomes public."""

import re

import pytest

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory


@pytest.mark.browser
def test_partner_submits_and_moderator_approves(page, live_server, live_home, mailoutbox):
    from knowledge.models import CaseStudyPage

    partner = PersonFactory(partner=True, username="priya", email="priya@example.org")
    PersonFactory(moderator=True, username="moderator", email="moderator@example.org")

    log_in(page, live_server, partner.email, DEFAULT_PASSWORD)
    page.goto("/contribute/case-study/")
    form = page.locator("form.form")
    form.locator("input[name='title']").fill("Help desks for land registration")
    form.locator("textarea[name='summary']").fill(
        "Village officers check land documents before families travel to the divisional office."
    )
    form.locator("textarea[name='problem']").fill("Families made **several** trips.")
    form.locator("textarea[name='what_was_done']").fill("Weekly help desks in two divisions.")
    form.get_by_label("Sri Lanka").check()
    form.get_by_text("Themes and Sustainable Development Goals (optional)").click()  # folded
    form.get_by_label("Service delivery").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Send to the moderators").click()
    assert "was sent to the moderators" in page.inner_text("body")
    assert "Waiting for a moderator" in page.inner_text("body")

    case = CaseStudyPage.objects.get(title="Help desks for land registration")
    anonymous = page.context.browser.new_context(base_url=live_server.url)
    public_url = f"/knowledge/{case.slug}/"
    assert anonymous.new_page().goto(public_url).status == 404

    page.context.clear_cookies()
    log_in(page, live_server, "moderator@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{case.pk}/edit/")
    page.get_by_role("button", name=re.compile("More actions", re.I)).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()

    case.refresh_from_db()
    assert case.live, "the case study should be live after approval"
    public = anonymous.new_page()
    assert public.goto(public_url).status == 200
    assert "Help desks for land registration" in public.inner_text("h1")
    assert any("is published" in message.subject for message in mailoutbox)
    anonymous.close()
