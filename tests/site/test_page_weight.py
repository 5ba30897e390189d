"""The issue's budgets: the English home page without images stays under 100 KB of
HTML+CSS+JS; the Urdu one under 250 KB with its Nastaliq font."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import translate_url

BUDGET_BYTES = 100 * 1024
URDU_BUDGET_BYTES = 250 * 1024


def static_bytes(name: str) -> bytes:
    path = finders.find(name)
    assert path, f"{name!r} is linked but not found"
    return Path(path).read_bytes()


def page_weight(html: bytes) -> tuple[int, list[bytes]]:
    """The HTML, every stylesheet and script it links, and every font those stylesheets use."""
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    total = len(html)
    for asset in assets:
        content = static_bytes(asset.decode())
        total += len(content)
        if asset.endswith(b".css"):
            folder = Path(asset.decode()).parent
            for font in re.findall(rb'url\("?([^")]+\.woff2)"?\)', content):
                total += len(static_bytes((folder / font.decode()).as_posix()))
    return total, assets


@pytest.mark.django_db
def test_home_page_html_css_and_js_fit_the_budget(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content

    total, assets = page_weight(html)

    assert b"css/site.css" in assets and b"js/site.js" in assets
    assert b"css/fonts-urdu.css" not in assets
    assert total < BUDGET_BYTES


@pytest.mark.django_db
def test_urdu_home_page_with_its_font_fits_the_budget(client, home):
    # Accept-Language picks Urdu today; translate_url gives /ur/ once addresses are prefixed.
    response = client.get(translate_url("/", "ur"), HTTP_ACCEPT_LANGUAGE="ur", follow=True)

    total, assets = page_weight(response.content)

    assert b"css/fonts-urdu.css" in assets
    assert BUDGET_BYTES < total < URDU_BUDGET_BYTES, total
