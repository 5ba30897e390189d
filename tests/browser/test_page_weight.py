"""An editor's or a lab lead's /knowledge/ weighs what a student's does.

Wagtail's userbar (its admin stylesheet, vendor and userbar scripts, and the accessibility
checker that paints markers over the page) made /knowledge/ 1.35 MB for anyone with admin
access against 94 KB for a student. The page weight here is what the browser downloads from
the site itself: the HTML and every stylesheet, script, font and image it loads.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUDGET_BYTES = 150 * 1024


def same_origin_bytes(page, live_server, path: str) -> tuple[int, list[str]]:
    """Bytes of every same-origin response while ``path`` loads, and their addresses.

    The browser cache is off, as on a first visit: a stylesheet cached from the login page
    would otherwise weigh nothing.
    """
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    total = 0
    urls = []
    for response in responses:
        if not response.url.startswith(live_server.url) or 300 <= response.status < 400:
            continue
        try:
            total += len(response.body())
        except PlaywrightError:  # Chromium keeps no body for the favicon: count it as sent.
            total += response.request.sizes()["responseBodySize"]
        urls.append(response.url)
    return total, urls


@pytest.fixture
def people(live_home):
    for number in range(5):
        CaseStudyPageFactory(title=f"Water governance {number}")
    student = PersonFactory()
    editor = PersonFactory(moderator=True)
    lead = PersonFactory()
    LabPageFactory(title="Weighing Lab", lead=lead)
    return {"student": student, "editor": editor, "lab lead": lead}


def test_knowledge_weighs_the_same_for_students_editors_and_lab_leads(page, live_server, people):
    weights, admin_assets, userbars, edit_links = {}, {}, {}, {}
    for role, user in people.items():
        page.context.clear_cookies()
        log_in(page, live_server, user.email, DEFAULT_PASSWORD)
        weights[role], urls = same_origin_bytes(page, live_server, "/knowledge/")
        print(f"/knowledge/ for a {role}: {weights[role]} bytes from {len(urls)} responses")
        admin_assets[role] = [url for url in urls if "/static/wagtailadmin/" in url]
        userbars[role] = page.locator("wagtail-userbar").count()
        edit_links[role] = page.get_by_role("link", name="Edit this page").count()
    assert admin_assets == {role: [] for role in people}
    assert userbars == {role: 0 for role in people}
    assert all(weight <= BUDGET_BYTES for weight in weights.values()), weights
    # The editor still gets a way into the editor; the lab lead may not edit /knowledge/.
    assert edit_links == {"student": 0, "editor": 1, "lab lead": 0}


HOME_BUDGET_BYTES = 100 * 1024
URDU_HOME_BUDGET_BYTES = 250 * 1024


def test_home_page_weighs_under_budget_in_english_and_in_urdu_with_its_font(
    browser, live_server, live_home
):
    """What a first visit downloads from the site: HTML, CSS, JS, fonts and images."""
    from django.urls import translate_url

    weights, fonts = {}, {}
    for language, path in [("en", "/"), ("ur", translate_url("/", "ur"))]:
        context = browser.new_context(
            base_url=live_server.url, extra_http_headers={"Accept-Language": language}
        )
        page = context.new_page()
        weights[language], urls = same_origin_bytes(page, live_server, path)
        fonts[language] = [url for url in urls if url.endswith(".woff2")]
        context.close()
    print(f"home page weight: {weights}; fonts: {fonts}")
    assert fonts["en"] == [] and len(fonts["ur"]) == 1
    assert weights["en"] < HOME_BUDGET_BYTES, weights
    assert weights["ur"] < URDU_HOME_BUDGET_BYTES, weights
