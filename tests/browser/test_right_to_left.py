"""In Urdu the layout mirrors: navigation, breadcrumbs and pagination run right to left and the
"more" arrows point left, all from the one stylesheet's logical properties.

One page load per page type: the home page (navigation, arrows), a case study (breadcrumbs)
and the second page of the knowledge base (pagination).
"""

import pytest
from django.urls import translate_url

from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"


@pytest.fixture
def urdu_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Accept-Language": "ur"},
    )
    page = context.new_page()
    yield page
    context.close()


def urdu(path: str) -> str:
    """The Urdu address: Accept-Language picks Urdu today; /ur/… once addresses are prefixed."""
    return translate_url(path, "ur")


def boxes(locator) -> list[dict]:
    return [locator.nth(index).bounding_box() for index in range(locator.count())]


def runs_right_to_left(locator) -> bool:
    found = boxes(locator)
    assert len(found) >= 2, "need two items to compare"
    return all(earlier["x"] > later["x"] for earlier, later in zip(found, found[1:], strict=False))


def test_urdu_pages_mirror_navigation_breadcrumbs_pagination_and_arrows(urdu_page, live_home):
    studies = [CaseStudyPageFactory(title=f"ضلعی اصلاحات {number}") for number in range(13)]
    page = urdu_page

    page.goto(urdu("/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert runs_right_to_left(page.locator(".site-nav__list .site-nav__link"))
    brand, nav = (
        page.locator(".brand").bounding_box(),
        page.locator(".site-nav__list").bounding_box(),
    )
    assert brand["x"] > nav["x"]  # the brand starts the header: on the right
    arrow = page.locator(".section__more .arrow").first
    assert arrow.evaluate("element => getComputedStyle(element).transform") == MIRRORED

    page.goto(urdu(studies[0].url))
    assert runs_right_to_left(page.locator(".breadcrumbs__list li"))

    page.goto(urdu("/knowledge/") + "?page=2")
    previous, current = (
        page.locator(".pagination__link--prev"),
        page.locator(".pagination__link--current"),
    )
    assert previous.bounding_box()["x"] > current.bounding_box()["x"]
