"""A reader clicks Pakistan on the network map, sees its divisions drawn and listed with their
counts, and clicks Punjab to reach its place page; on a 360 px phone the same page fits and its
list of divisions is reachable from the keyboard."""

import re

import pytest

from core.models import Place
from core.services import places_load
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.browser
def test_network_map_drills_down_from_pakistan_to_punjab(page, live_home):
    places_load(country_codes=["PK"])
    lahore = Place.objects.get(code="PK-PB-LAHORE")
    CaseStudyPageFactory(title="Lahore e-stamping", places=[lahore])

    page.goto("/network/")
    page.locator('svg a[href="/places/pk/"]').click()
    page.wait_for_url(re.compile(r"/places/pk/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Places in Pakistan"
    divisions = page.get_by_role("list", name="Divisions of Pakistan")
    assert divisions.get_by_role("listitem").count() == 7
    assert "do not imply endorsement" in page.locator("figcaption").inner_text()
    punjab_marker = page.locator('svg.division-map a[href="/places/pk/punjab/"]')
    assert punjab_marker.locator("text").text_content() == "1"

    punjab_marker.click()
    page.wait_for_url(re.compile(r"/places/pk/punjab/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Punjab"
    assert page.get_by_role("link", name="Lahore e-stamping").is_visible()

    # On a phone: nothing wider than the screen, and the keyboard reaches the division links.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/places/pk/")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    assert page.locator("svg.division-map").bounding_box()["width"] <= 360
    link = divisions.get_by_role("link", name="Punjab")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/places/pk/punjab/$"))


@pytest.mark.browser
def test_country_map_in_urdu_on_a_phone_fits_and_passes_axe(browser, live_server, live_home):
    from tests.browser.conftest import DEFAULT_TIMEOUT_MS
    from tests.browser.test_accessibility import RUN_AXE
    from tests.checkers import AXE_SCRIPT

    places_load(country_codes=["PK"])
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        extra_http_headers={"Accept-Language": "ur"},
        bypass_csp=True,  # the site's CSP rightly refuses axe's injected script
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto("/places/pk/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1]
        assert page.locator("svg.division-map a").count() == 7
        if AXE_SCRIPT.exists():
            page.add_script_tag(path=str(AXE_SCRIPT))
            assert page.evaluate(RUN_AXE) == []
    finally:
        context.close()
