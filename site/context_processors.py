"""Template context every page needs: the main navigation (cached, see navigation.py)."""

from .navigation import main_navigation, section_urls


def site_navigation(request) -> dict:
    """main_navigation: menu items; site_urls: {labs, challenges, knowledge, network, about}."""
    return {"main_navigation": main_navigation(request), "site_urls": section_urls(request)}
