"""A newcomer signs up, confirms their email from the message they receive, and sees their profile."""

import re

import pytest

from tests.browser.conftest import log_in

PASSWORD = "Lahore-policy-lab-2026"
CONFIRM_PATH = re.compile(r"/accounts/confirm-email/[^\s/<>\"']+/")


@pytest.mark.browser
def test_sign_up_confirm_email_log_in_and_see_profile(page, live_server, live_home, mailoutbox):
    email = "amina.siddiqui@example.org"
    display_name = "Amina Siddiqui"

    page.goto("/accounts/signup/")
    form = page.locator("form", has=page.locator("input[name='password1']")).first
    form.locator("input[name='email']").fill(email)
    form.locator("input[name='password1']").fill(PASSWORD)
    form.locator("input[name='password2']").fill(PASSWORD)
    form.locator("input[name='display_name']").fill(display_name)
    form.locator("select[name='role']").select_option("student")
    with page.expect_navigation():
        form.locator("button[type='submit'], input[type='submit']").first.click()

    assert "/accounts/signup/" not in page.url, "sign-up form was shown again: " + page.inner_text(
        "body"
    )
    assert len(mailoutbox) == 1, "expected exactly one confirmation email"
    message = mailoutbox[0]
    assert message.to == [email]
    match = CONFIRM_PATH.search(message.body)
    assert match, f"no confirmation link in the email:\n{message.body}"

    page.goto(match.group(0))
    confirm_form = page.locator("form[action*='confirm-email']").first
    with page.expect_navigation():
        confirm_form.locator("button[type='submit'], input[type='submit']").first.click()

    page.goto("/account/profile/")
    if "/accounts/login/" in page.url:
        log_in(page, live_server, email, PASSWORD)
        page.goto("/account/profile/")

    assert page.url.endswith("/account/profile/"), f"profile page redirected to {page.url}"
    assert page.locator("input[name='display_name']").input_value() == display_name

    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(email=email)
    assert person.emailaddress_set.get(email=email).verified

    response = page.goto(f"/people/{person.username}/")
    assert response.status == 200
    assert display_name in page.inner_text("body")
