"""With the keyboard alone, a person filters the knowledge base, sorts it and reaches a result.

Arrow keys in the closed sort box only move the choice (WCAG 3.2.2: no change of context on
input); Enter or the Sort button applies it. After filtering or sorting, focus is on the results
heading, a few Tab presses from the first result; a "Skip to results" link jumps the filters.
The whole journey takes fewer than ten Tab presses.
"""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TAB_LIMIT = 10
FOCUSED_TEXT = "() => (document.activeElement.textContent || '').trim()"
FOCUS_ON_RESULTS = "() => document.activeElement.id === 'results'"
FOCUS_ON_FIRST_RESULT = (
    "() => document.activeElement === document.querySelector('#results ~ * .card__title a')"
    " || document.activeElement === document.querySelector('.sidebar-layout__main .card__title a')"
)


@pytest.fixture
def knowledge(live_home):
    for number, code in enumerate(["PK", "IN", "BD"]):
        CaseStudyPageFactory(title=f"Case study {number} on district courts", countries=(code,))
    return live_home


class Keyboard:
    """Presses keys on ``page`` and counts the Tab presses of the whole journey."""

    def __init__(self, page):
        self.page = page
        self.tabs = 0

    def tab_until(self, condition: str) -> None:
        """Press Tab until ``condition`` (a JS function) holds."""
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press("Tab")
            self.tabs += 1
            if self.page.evaluate(condition):
                return
        raise AssertionError(f"Tab did not reach it (at {self.page.evaluate(FOCUSED_TEXT)!r})")


def test_filter_sort_and_reach_the_first_result_in_under_ten_tab_presses(page, knowledge):
    keyboard = Keyboard(page)
    page.goto("/knowledge/")
    keyboard.tab_until(FOCUSED_TEXT + " === 'Skip to main content'")
    page.keyboard.press("Enter")

    # Filter by the first option: the page comes back with focus on the results heading.
    keyboard.tab_until("() => document.activeElement.matches('.facet__option')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("#results")
    assert page.evaluate(FOCUS_ON_RESULTS)

    # Sort: an arrow key only moves the choice; Enter applies it.
    keyboard.tab_until("() => document.activeElement.id === 'sort'")
    filtered_url = page.url
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert page.url == filtered_url
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=oldest" in page.url
    assert page.evaluate(FOCUS_ON_RESULTS)
    assert "Oldest first" in page.locator("#results").inner_text()

    keyboard.tab_until(FOCUS_ON_FIRST_RESULT)
    assert keyboard.tabs < TAB_LIMIT


def test_skip_to_results_jumps_the_filters(page, knowledge):
    keyboard = Keyboard(page)
    page.goto("/knowledge/?country=PK")
    keyboard.tab_until(FOCUSED_TEXT + " === 'Skip to main content'")
    page.keyboard.press("Enter")
    keyboard.tab_until(FOCUSED_TEXT + " === 'Skip to results'")
    page.keyboard.press("Enter")
    keyboard.tab_until(FOCUS_ON_FIRST_RESULT)
    assert keyboard.tabs < TAB_LIMIT


def test_without_javascript_the_sort_button_applies_the_sort(browser, live_server, knowledge):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/knowledge/")
    page.locator("select#sort").select_option("title")
    assert page.url.endswith("/knowledge/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sort").click()
    assert "sort=title" in page.url and page.url.endswith("#results")
    context.close()
