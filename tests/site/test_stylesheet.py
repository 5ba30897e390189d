"""Other apps' templates rely on the shared class vocabulary; none of it may silently go missing."""

import re

import pytest
from django.contrib.staticfiles import finders

VOCABULARY = [
    "container",
    "container--narrow",
    "page-header",
    "page-header__lede",
    "grid",
    "grid--2",
    "grid--3",
    "grid--4",
    "stack",
    "cluster",
    "sidebar-layout",
    "sidebar-layout__aside",
    "sidebar-layout__main",
    "section",
    "section__title",
    "card",
    "card__title",
    "card__meta",
    "card__body",
    "card__footer",
    "button",
    "button--secondary",
    "button--danger",
    "button--small",
    "link-button",
    "badge",
    "badge--open",
    "badge--closed",
    "badge--draft",
    "badge--private",
    "badge--public",
    "badge--warning",
    "badge--success",
    "tag",
    "empty-state",
    "table",
    "table-wrap",
    "pagination",
    "facets",
    "facet",
    "facet__title",
    "facet__option",
    "facet__count",
    "tabs",
    "timeline",
    "timeline__item",
    "timeline__item--current",
    "timeline__item--done",
    "stat",
    "stat__number",
    "stat__label",
    "notice",
    "notice--info",
    "notice--warning",
    "notice--danger",
    "notice--success",
    "prose",
    "meta-list",
    "visually-hidden",
    "form",
    "form__actions",
    "skip-link",
]


@pytest.fixture(scope="module")
def stylesheet() -> str:
    with open(finders.find("css/site.css"), encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("class_name", VOCABULARY)
def test_stylesheet_styles_every_shared_class(stylesheet, class_name):
    assert re.search(rf"\.{re.escape(class_name)}(?![\w-])", stylesheet)


def test_stylesheet_has_focus_reduced_motion_and_print_rules(stylesheet):
    assert ":focus-visible" in stylesheet
    assert "prefers-reduced-motion: reduce" in stylesheet
    assert "@media print" in stylesheet


def test_stylesheet_uses_logical_properties_for_rtl(stylesheet):
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)\s*:|\b(?:left|right)\s*:", stylesheet
    )
    assert physical == []
    # Sizes too (media queries aside: they measure the screen, not an element).
    declarations = re.sub(r"@media[^{]*\{", "{", stylesheet)
    sizes = re.findall(r"(?<![\w-])(?:(?:max|min)-)?(?:width|height)\s*:", declarations)
    assert sizes == []


def test_stylesheet_has_no_physical_alignment_floats_or_positions(stylesheet):
    """Right-to-left pages mirror only through logical values (start/end, inline-start…)."""
    physical = re.findall(
        r"(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
        r"|background-position[^;{]*\b(?:left|right)\b"
        r"|(?:border|padding|margin|inset)-(?:top|bottom)-(?:left|right)",
        stylesheet,
    )
    assert physical == []


def test_every_sideways_nudge_is_mirrored_for_rtl(stylesheet):
    """A translateX moves with the reading direction only if an [dir="rtl"] rule flips it."""
    for selector in re.findall(r"([^{}]+)\{[^}]*translateX\(", stylesheet):
        selector = selector.strip()
        if selector.startswith('[dir="rtl"]'):
            continue
        assert f'[dir="rtl"] {selector}' in stylesheet, selector


DIRECTIONAL_GLYPHS = "→←›‹»«⟶⟵➔"


def test_directional_arrows_in_templates_flip_in_rtl():
    """An arrow glyph in a template sits in a span.arrow, which [dir=rtl] mirrors (site.css)."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = re.sub(
            r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", template.read_text(), flags=re.S
        )
        text = re.sub(r"{#.*?#}", "", text)
        text = re.sub(r'<span class="arrow" aria-hidden="true">[^<]</span>', "", text)
        for number, line in enumerate(text.splitlines(), 1):
            if any(glyph in line for glyph in DIRECTIONAL_GLYPHS):
                offenders.append(f"{template.relative_to(root)}:{number}")
    assert offenders == []
