"""The site in all seven languages, switched the way a reader does it: the header's switcher.

On each of the home page, a case study, the knowledge index with its filters, a challenge, the
sign-up form and a project-space thread, every language shows its own text, with `lang` and
`dir` on <html>; Urdu mirrors the layout. axe-core finds nothing serious in Urdu and Bengali.
"""

import pytest
from django.utils import translation

from tests.browser.conftest import log_in
from tests.challenges.factories import ChallengePageFactory
from tests.checkers import AXE_SCRIPT
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["en", "ur", "bn", "hi", "ne", "si", "ta"]
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => ["serious", "critical"].includes(violation.impact))
    .map((violation) => violation.id + ": " + violation.help + " at "
      + violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", "));
}"""


def in_language(code: str, text: str) -> str:
    with translation.override(code):
        return str(translation.gettext(text))


def prefixed(code: str, path: str) -> str:
    return path if code == "en" else f"/{code}{path}"


@pytest.fixture
def site(live_home):
    from tests.labs.factories import SpaceWorld

    world = SpaceWorld()
    policymaker = PersonFactory(policymaker=True, username="policymaker-person")
    return {
        "world": world,
        "study": CaseStudyPageFactory(title="Open budgets in Lahore", themes=["service-delivery"]),
        "challenge": ChallengePageFactory(owners=[policymaker]),
    }


def switch_to(page, code: str) -> None:
    """Choose a language in the header, as a reader does (the menu is open on wide screens)."""
    page.locator(".language-switcher__summary").click()
    page.locator(f'.language-switcher button[value="{code}"]').click()
    page.wait_for_load_state("load")


def assert_page_in(page, code: str, expected_text: str) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == code, page.url
    assert html.get_attribute("dir") == ("rtl" if code == "ur" else "ltr"), page.url
    assert in_language(code, expected_text) in page.locator("body").inner_text(), (
        page.url,
        code,
        expected_text,
    )


def test_every_language_reads_through_the_main_pages(page, live_server, site):
    world, study, challenge = site["world"], site["study"], site["challenge"]
    public_pages = [
        ("/", "How it works"),
        (study.url, "Case study"),
        ("/knowledge/?theme=service-delivery", "Clear all filters"),
        (challenge.url, "Deadline"),
        ("/accounts/signup/", "Create your account"),
    ]
    previous = "en"
    for code in LANGUAGES:
        page.goto(prefixed(previous, "/"))
        switch_to(page, code)
        assert_page_in(page, code, "How it works")
        previous = code
        for path, text in public_pages:
            page.goto(prefixed(code, path))
            assert_page_in(page, code, text)

    log_in(page, live_server, world.member.email, DEFAULT_PASSWORD)
    thread = f"/spaces/{world.space.pk}/threads/{world.thread.pk}/"
    for code in LANGUAGES:
        page.goto(prefixed(previous, thread))
        switch_to(page, code)
        assert page.url.endswith(prefixed(code, thread))
        assert_page_in(page, code, "Post reply")
        previous = code
        assert page.get_by_text("interview guide").is_visible()


def test_urdu_mirrors_the_header(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/ur/")

    brand = page.locator(".brand").bounding_box()
    navigation = page.locator(".site-nav__list").bounding_box()
    # Right to left: the brand starts the header on the right, the menu follows to its left.
    assert brand["x"] > navigation["x"]


def test_urdu_and_bengali_pages_have_no_serious_accessibility_violation(browser, live_server, site):
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core is not installed at {AXE_SCRIPT}")
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    study, challenge = site["study"], site["challenge"]
    found = []
    for code in ["ur", "bn"]:
        for path in ["/", study.url, "/knowledge/?theme=service-delivery", challenge.url]:
            page.goto(prefixed(code, path))
            page.add_script_tag(path=str(AXE_SCRIPT))
            found += [f"{code} {path}: {v}" for v in page.evaluate(RUN_AXE)]
    context.close()

    assert found == [], "\n".join(found)
