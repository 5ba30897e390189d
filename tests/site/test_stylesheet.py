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
