"""On a phone the filter panels fold so results come first; on a wide screen they stay open."""

import pytest

from tests.search.factories import publish_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def searchable(live_home):
    publish_page(live_home, title="Water governance in Sindh")
    return live_home


def panel_is_open(page) -> bool:
    return page.locator("details[data-collapse-on-mobile]").evaluate("panel => panel.open")


def test_a_phone_sees_results_before_the_folded_filters(page, searchable):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?q=water")
    assert not panel_is_open(page)
    assert page.get_by_text("1 result").is_visible()
    assert not page.get_by_role("link", name="Filter by: Page").is_visible()
    page.get_by_text("Filter results").click()
    assert page.get_by_role("link", name="Filter by: Page").is_visible()


def test_a_wide_screen_shows_the_filters_open(page, searchable):
    page.goto("/search/?q=water")
    assert panel_is_open(page)
    assert page.get_by_role("link", name="Filter by: Page").is_visible()
