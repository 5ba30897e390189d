"""The header search box suggests published pages as you type and is usable from the keyboard."""

import os

import pytest

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = pytest.mark.browser

SCREENSHOT_DIR = os.environ.get("SEARCH_BOX_SCREENSHOTS")  # set to a folder to keep screenshots


@pytest.fixture
def about_page(live_home):
    """The seeded About page, published through Wagtail so the search index picks it up."""
    from policylab_site.models import StandardPage

    about = StandardPage.objects.get(slug="about")
    about.save_revision().publish()
    return about


def type_in_header_search(page, text: str):
    box = page.locator("header #site-search-q")
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially(text, delay=40)
    listbox = page.locator("#site-search-q-listbox")
    expect(listbox).to_be_visible()
    return box, listbox


def test_suggestions_appear_and_arrow_down_enter_opens_the_page(page, about_page):
    page.goto("/")
    box, listbox = type_in_header_search(page, "Policy Lab Com")

    option = listbox.get_by_role("option", name="About Policy Lab Commons")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    if SCREENSHOT_DIR:
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, "search-box-1280.png"))

    box.press("ArrowDown")
    expect(listbox.locator("[role=option]").first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-option-0")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.rstrip("/").endswith("/about")
    expect(page.get_by_role("heading", level=1)).to_have_text("About Policy Lab Commons")


def test_escape_closes_the_suggestions(page, about_page):
    page.goto("/")
    box, listbox = type_in_header_search(page, "About")

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_be_focused()


def test_on_a_phone_the_search_box_is_in_the_menu_and_escape_keeps_the_menu_open(page, about_page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    box = page.locator("header #site-search-q")
    expect(box).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    box, listbox = type_in_header_search(page, "Policy Lab")
    expect(listbox.get_by_role("option", name="About Policy Lab Commons")).to_be_visible()

    # Full width of the menu, and the suggestions stay on screen.
    box_width = box.bounding_box()["width"]
    list_box = listbox.bounding_box()
    assert box_width > 390 * 0.6
    assert list_box["x"] >= 0 and list_box["x"] + list_box["width"] <= 390
    if SCREENSHOT_DIR:
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, "search-box-390.png"))

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "true")
