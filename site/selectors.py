"""Reads that assemble the home page. Each section degrades to an empty state."""

from django.utils.translation import gettext_lazy as _

from challenges.selectors import featured_open_challenges, uptake_figures
from core.models import Country, Region
from core.page_cache import cached_until_content_changes
from knowledge.selectors import latest_knowledge
from labs.selectors import featured_labs
from network.selectors import network_numbers

from .navigation import section_urls


def home_hero_actions(*, page, request, urls: dict[str, str]) -> list[dict]:
    """The hero's buttons: the editor's choices, else sensible defaults to the main sections."""
    actions = []
    for label, target, variant in (
        (page.primary_action_label, page.primary_action_page, "primary"),
        (page.secondary_action_label, page.secondary_action_page, "secondary"),
    ):
        if label and target is not None and target.live:
            url = target.get_url(request=request)
            if url:
                actions.append({"label": label, "url": url, "variant": variant})
    if actions:
        return actions
    defaults = (
        ("challenges", _("See open challenges"), "primary"),
        ("labs", _("Find a policy lab"), "secondary"),
    )
    return [
        {"label": label, "url": urls[key], "variant": variant}
        for key, label, variant in defaults
        if key in urls
    ]


def home_network_countries() -> list[str]:
    """Names of the South Asian countries the network spans, for the hero's side panel."""

    return list(
        Country.objects.filter(region=Region.SOUTH_ASIA)
        .order_by("name")
        .values_list("name", flat=True)
    )


def home_network_sections() -> dict:
    """What the home page shows of the whole network: the same for every reader, and what
    costs it queries in proportion to the content (counts over every published page)."""
    return {
        "network_countries": home_network_countries(),
        "featured_challenges": featured_open_challenges(),
        "featured_labs": featured_labs(),
        "latest_knowledge": latest_knowledge(),
        "network_numbers": network_numbers(),
        "uptake": uptake_figures(),
    }


def home_sections(*, page, request) -> dict:
    urls = section_urls(request)
    return {
        "section_urls": urls,
        "hero_actions": home_hero_actions(page=page, request=request, urls=urls),
        # Computed once per change of the content, not per request (public pages only).
        **cached_until_content_changes("home-network-sections", home_network_sections),
    }
