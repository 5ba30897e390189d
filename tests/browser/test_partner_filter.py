"""The partner directory's filters sit in one row, left-aligned, their selects level."""

import pytest

from tests.network.factories import PartnerPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_partner_filter_selects_line_up(page, live_home):
    PartnerPageFactory(title="Lahore University")
    page.goto("/network/partners/")
    form = page.locator("form", has=page.locator("select[name='type']")).bounding_box()
    kinds = page.locator("select[name='type']").bounding_box()
    countries = page.locator("select[name='country']").bounding_box()
    button = page.get_by_role("button", name="Filter").bounding_box()

    assert kinds["y"] == countries["y"]  # side by side, not staggered
    assert abs(kinds["x"] - form["x"]) < 1  # starting at the left, not centred
    assert abs((button["y"] + button["height"]) - (kinds["y"] + kinds["height"])) < 2
