"""axe-core finds no serious or critical accessibility violation on any page type.

One page of each type, public and for each kind of signed-in person (a space member, a lab
lead, a policymaker who owns a challenge, a partner representative, an editor), opened in
chromium at desktop width; axe-core (node_modules, see package.json) runs on each.
"""

import pytest

from tests.browser.conftest import DEFAULT_TIMEOUT_MS, log_in
from tests.challenges.factories import ChallengePageFactory
from tests.checkers import AXE_SCRIPT, INSTALL_HINT
from tests.factories import DEFAULT_PASSWORD, PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SERIOUS = ("serious", "critical")
# Violations as text a person can act on: rule, impact, what it means, where (first three).
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => %s.includes(violation.impact))
    .map((violation) => violation.id + " (" + violation.impact + "): " + violation.help + " at "
      + violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", "));
}""" % list(SERIOUS)  # noqa: UP031 - a JavaScript template with braces of its own


@pytest.fixture
def axe_page(browser, live_server):
    """A page whose context bypasses the site's CSP, which rightly refuses axe's injected script."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"axe-core is not installed at {AXE_SCRIPT}: {INSTALL_HINT}.")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def site(live_home):
    from policylab_site.models import StandardPage
    from tests.labs.factories import SpaceWorld

    StandardPage.objects.get(slug="about").save_revision().publish()
    world = SpaceWorld()
    partner = PartnerPageFactory(title="Punjab University")
    policymaker = PersonFactory(policymaker=True, username="policymaker-person")
    return {
        "world": world,
        "partner": partner,
        "study": CaseStudyPageFactory(
            title="Open budgets in Lahore", themes=["service-delivery"], sdgs=[16]
        ),
        "finding": FindingPageFactory(title="Citizen feedback loops"),
        "challenge": ChallengePageFactory(owners=[policymaker]),
        "policymaker": policymaker,
        "partner_user": PersonFactory(partner=True, username="partner-person"),
        "editor": PersonFactory(superuser=True, username="editor-person"),
    }


def serious_violations(page, path: str) -> list[str]:
    response = page.goto(path)
    assert response.status < 500, (path, response.status)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE_SCRIPT))
    return [f"{path}: {violation}" for violation in page.evaluate(RUN_AXE)]


def test_no_page_type_has_a_serious_accessibility_violation(axe_page, live_server, site):
    page = axe_page
    world = site["world"]
    space = f"/spaces/{world.space.pk}/"
    challenge = site["challenge"]
    visits = {
        None: [
            "/",
            "/about/",
            "/knowledge/",
            site["study"].url,
            site["finding"].url,
            "/challenges/",
            challenge.url,
            "/labs/",
            world.lab.url,
            "/network/",
            "/network/partners/",
            site["partner"].url,
            "/network/events/",
            "/search/?q=budgets",
            "/accounts/login/",
            "/accounts/signup/",
            "/no-such-page/",
        ],
        world.member: [
            "/dashboard/",
            space,
            f"{space}threads/",
            f"{space}threads/{world.thread.pk}/",
            f"{space}tasks/",
            f"{space}files/",
            f"{space}members/",
            "/accounts/email/",
        ],
        world.lead: [world.lab.url, f"/lab/{world.lab.pk}/manage/"],
        site["policymaker"]: [challenge.url, f"/challenge/{challenge.pk}/manage/"],
        site["partner_user"]: ["/contribute/case-study/", "/contribute/case-studies/"],
        site["editor"]: [site["study"].url, "/knowledge/"],
    }
    found = []
    for person, paths in visits.items():
        page.context.clear_cookies()
        if person is not None:
            log_in(page, live_server, person.email, DEFAULT_PASSWORD)
        found += [violation for path in paths for violation in serious_violations(page, path)]

    assert found == [], f"{len(found)} serious or critical axe violations:\n" + "\n".join(found)
