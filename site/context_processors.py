"""Template context every page needs: the main navigation (cached, see navigation.py)."""

from .navigation import main_navigation


def site_navigation(request) -> dict:
    return {"main_navigation": main_navigation(request)}
