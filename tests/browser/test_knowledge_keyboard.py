"""With the keyboard alone, a person filters the knowledge base, sorts it and reaches a result.

Arrow keys in the closed sort box only move the choice (WCAG 3.2.2: no change of context on
input); Enter or the Sort button applies it. After filtering or sorting, focus is on the results
heading, a few Tab presses from the first result; a "Skip to results" link jumps the filters.
"""

import pytest

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
    from tests.knowledge.factories import case_study

    for number, code in enumerate(["PK", "IN", "BD"]):
        case_study(title=f"Case study {number} on district courts", countries=(code,))
    return live_home


def tabs_until(page, condition: str) -> int:
    """Press Tab until ``condition`` (a JS function) holds; how many presses it took."""
    for presses in range(1, TAB_LIMIT + 1):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return presses
    raise AssertionError(
        f"{TAB_LIMIT} Tab presses did not reach it (at {page.evaluate(FOCUSED_TEXT)!r})"
    )


def test_filter_sort_and_reach_the_first_result_by_keyboard(page, knowledge):
    page.goto("/knowledge/")

    # The skip links: main content, then past the filters to the results.
    assert tabs_until(page, FOCUSED_TEXT + " === 'Skip to main content'") == 1
    page.keyboard.press("Enter")
    tabs_until(page, FOCUSED_TEXT + " === 'Skip to results'")
    page.keyboard.press("Enter")
    tabs_until(page, FOCUS_ON_FIRST_RESULT)

    # Filter: the page comes back with focus on the results heading.
    page.goto("/knowledge/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to main content
    tabs_until(page, "() => document.activeElement.matches('.facet__option')")
    while "Pakistan" not in page.evaluate(FOCUSED_TEXT):
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "country=PK" in page.url and page.url.endswith("#results")
    assert page.evaluate(FOCUS_ON_RESULTS)

    # Sort: an arrow key only moves the choice; Enter applies it.
    tabs_until(page, "() => document.activeElement.id === 'sort'")
    filtered_url = page.url
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert page.url == filtered_url
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=oldest" in page.url and "country=PK" in page.url
    assert page.evaluate(FOCUS_ON_RESULTS)
    assert "Oldest first" in page.locator("#results").inner_text()

    # The first result is a few Tab presses away.
    tabs_until(page, FOCUS_ON_FIRST_RESULT)


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
