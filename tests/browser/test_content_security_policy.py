"""Under the strict Content-Security-Policy no page logs a violation and the scripts still work.

Every page type a visitor, a space member and an editor sees is opened in chromium with a
listener for ``securitypolicyviolation`` events (installed by Playwright before any page
script, so the policy cannot block it), and the behaviours that used to be inline — time
zones on challenges, submit-on-change sorting, filter panels, autocomplete — are exercised.
"""

import pytest

from tests.browser.conftest import DEFAULT_TIMEOUT_MS, log_in
from tests.challenges.factories import ChallengePageFactory
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.network.factories import PartnerPageFactory

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture
def visitor_page(browser, live_server):
    """A page in a browser that lives in Europe/London, so challenge deadlines get a local line."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        timezone_id="Europe/London",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_messages_about_csp = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.console_messages_about_csp.append(message.text)
        ),
    )
    yield page
    context.close()


@pytest.fixture
def site(live_home):
    from policylab_site.models import StandardPage
    from tests.labs.factories import SpaceWorld

    StandardPage.objects.get(slug="about").save_revision().publish()  # for the autocomplete
    study = CaseStudyPageFactory(
        title="Open budgets in Lahore", themes=["service-delivery"], sdgs=[16]
    )
    challenge = ChallengePageFactory(title="Merit-based recruitment")
    world = SpaceWorld()
    return {
        "partner": PartnerPageFactory(title="Punjab University"),
        "study": study,
        "challenge": challenge,
        "world": world,
    }


def assert_no_violation(page, path: str) -> None:
    response = page.goto(path)
    assert response.status < 500, (path, response.status)
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), path
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], (path, violations)
    assert page.console_messages_about_csp == [], (path, page.console_messages_about_csp)


def test_public_pages_run_without_a_policy_violation(visitor_page, site):
    page = visitor_page
    for path in [
        "/",
        "/knowledge/",
        site["study"].url,
        site["study"].url + "print/",
        "/challenges/",
        "/labs/",
        site["world"].lab.url,
        "/network/",
        "/network/partners/",
        site["partner"].url,
        "/search/?q=budgets",
        "/accounts/login/",
        "/no-such-page/",
    ]:
        assert_no_violation(page, path)


def test_the_challenge_page_shows_deadlines_in_the_visitors_time_zone(visitor_page, site):
    page = visitor_page
    assert_no_violation(page, site["challenge"].url)
    local = page.locator("[data-local-time]").first
    expect(local).to_contain_text("Europe/London")


def test_sorting_the_knowledge_base_submits_on_change(visitor_page, site):
    page = visitor_page
    assert_no_violation(page, "/knowledge/")
    with page.expect_navigation():
        page.locator("select#sort").select_option("title")
    assert "sort=title" in page.url
    assert page.evaluate("window.__cspViolations") == []


def test_filter_panels_fold_on_a_phone_and_autocomplete_suggests(visitor_page, site):
    page = visitor_page
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_violation(page, "/search/?q=budgets")
    panel = page.locator("details[data-collapse-on-mobile]").first
    assert panel.evaluate("panel => panel.open") is False
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_no_violation(page, "/")
    box = page.locator("header #site-search-q")
    box.click()
    box.press_sequentially("Policy Lab Com", delay=40)
    expect(page.locator("#site-search-q-listbox").get_by_role("option").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


def test_a_space_member_and_an_editor_see_no_violation(visitor_page, live_server, site, settings):
    page = visitor_page
    world = site["world"]
    log_in(page, live_server, world.member.email, DEFAULT_PASSWORD)
    space = f"/spaces/{world.space.pk}/"
    for path in [space, space + "tasks/", space + "threads/", f"{space}threads/{world.thread.pk}/"]:
        assert_no_violation(page, path)
    assert_no_violation(page, "/dashboard/")

    # Wagtail's userbar (in previews) loads its assets from WAGTAILADMIN_BASE_URL, the site's own origin.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    editor = PersonFactory(superuser=True)
    page.context.clear_cookies()
    log_in(page, live_server, editor.email, DEFAULT_PASSWORD)
    assert_no_violation(page, site["study"].url)  # with the "Edit this page" link


def test_the_wagtail_admin_works_under_its_own_policy(visitor_page, live_server, site):
    page = visitor_page
    editor = PersonFactory(superuser=True)
    log_in(page, live_server, editor.email, DEFAULT_PASSWORD)
    for path in [
        "/admin/",
        f"/admin/pages/{site['study'].pk}/edit/",
        "/admin/reports/aging-pages/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert page.evaluate("window.__cspViolations") == [], path
