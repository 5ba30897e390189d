"""The self-hosted Nastaliq font: linked only where Urdu is shown, swapped in, licensed.

Before, site.css named "Noto Nastaliq Urdu" but nothing served it, so phones without it
showed Urdu in Naskh.
"""

import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import translate_url

from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

URDU_FONT_CSS = "css/fonts-urdu.css"


def urdu(client, path: str):
    """``path`` with the interface in Urdu: by Accept-Language today, by /ur/ once prefixed."""
    return client.get(translate_url(path, "ur"), HTTP_ACCEPT_LANGUAGE="ur", follow=True)


def read_static(name: str, mode: str = "r"):
    path = finders.find(name)
    assert path, f"{name} is not a static file"
    with open(path, mode) as handle:
        return handle.read()


def test_the_english_home_page_does_not_load_the_urdu_font(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert URDU_FONT_CSS not in html


def test_the_urdu_home_page_loads_it_and_reads_right_to_left(client, home):
    html = urdu(client, "/").content.decode()

    assert '<html lang="ur" dir="rtl"' in html
    assert f'<link rel="stylesheet" href="/static/{URDU_FONT_CSS}">' in html


def test_an_urdu_case_study_loads_it_in_any_interface_language(client, home):
    page = CaseStudyPageFactory(title="ضلعی حکومت")
    page.original_language = "ur"
    page.save_revision().publish()

    assert URDU_FONT_CSS in client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_template_can_ask_for_it():
    assert URDU_FONT_CSS in render_to_string("includes/fonts.html", {"needs_urdu_font": True})
    assert URDU_FONT_CSS not in render_to_string("includes/fonts.html", {})


def test_the_font_is_woff2_swapped_in_and_ships_with_its_licence():
    css = read_static(URDU_FONT_CSS)
    assert "font-display: swap" in css
    (font_url,) = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)
    font = read_static(font_url, "rb")
    assert font[:4] == b"wOF2"
    assert len(font) < 110 * 1024
    assert "SIL Open Font License" in read_static("fonts/noto-nastaliq-urdu-OFL.txt")
    # Only Urdu's letters make the browser fetch it (not Latin ones).
    (unicode_range,) = re.findall(r"unicode-range: ([^;]+);", css)
    assert "U+0041" not in unicode_range and "U+06CC" in unicode_range


def test_nastaliq_lines_get_room_for_its_tall_letters():
    css = read_static(URDU_FONT_CSS)
    heights = re.findall(r":lang\(ur\)\s*\{\s*line-height:\s*([\d.]+)", css)
    assert heights and float(heights[0]) >= 2.2
