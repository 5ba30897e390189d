"""On a phone the filter panels fold so results come first; on a wide screen they stay open."""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory
from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def searchable(live_home):
    StandardPageFactory(parent=live_home, title="Water governance in Sindh")
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


# Layout shifts since navigation (buffered), without those that follow a person's input.
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture
def knowledge_base(live_home):
    """Case studies across many countries, themes and goals: a long filter panel."""
    from network.models import Theme

    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    for number, code in enumerate(["PK", "IN", "BD", "NP", "LK", "BT", "MV", "AF"]):
        CaseStudyPageFactory(
            title=f"Water governance in district {number}",
            countries=(code,),
            themes=themes[number : number + 3],
            sdgs=(number + 1, number + 6),
        )
    return live_home


@pytest.mark.parametrize("path", ["/knowledge/", "/search/?q=water"])
def test_the_folded_filter_panel_does_not_shift_a_phone_page(page, knowledge_base, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    assert page.evaluate(CUMULATIVE_LAYOUT_SHIFT) < 0.1
    assert not panel_is_open(page)
