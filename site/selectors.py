"""Reads that assemble the home page. Each section degrades to an empty state."""

from challenges.selectors import featured_open_challenges
from knowledge.selectors import latest_knowledge
from labs.selectors import featured_labs
from network.selectors import network_numbers


def home_sections(*, request) -> dict:
    return {
        "featured_challenges": featured_open_challenges(),
        "featured_labs": featured_labs(),
        "latest_knowledge": latest_knowledge(),
        "network_numbers": network_numbers(),
    }
