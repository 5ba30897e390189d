"""The issue's budget: the home page without images stays under ~100 KB of HTML+CSS+JS."""

import re

import pytest
from django.contrib.staticfiles import finders

BUDGET_BYTES = 100 * 1024


@pytest.mark.django_db
def test_home_page_html_css_and_js_fit_the_budget(client, home):
    response = client.get("/")
    html = response.content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)

    assert b"css/site.css" in assets and b"js/site.js" in assets
    asset_bytes = 0
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, f"{asset!r} is linked but not found"
        with open(path, "rb") as handle:
            asset_bytes += len(handle.read())
    assert len(html) + asset_bytes < BUDGET_BYTES
