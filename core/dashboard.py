"""The personal dashboard is assembled from panels that higher apps register.

Core cannot import the apps above it, so each of them appends a callable to
``DASHBOARD_PANEL_PROVIDERS`` from its ``AppConfig.ready``. A provider takes the request
and returns a dict with ``title``, ``template`` and context, or None to stay hidden.
"""

from collections.abc import Callable

DASHBOARD_PANEL_PROVIDERS: list[Callable] = []


def register_dashboard_panel(provider: Callable) -> Callable:
    if provider not in DASHBOARD_PANEL_PROVIDERS:
        DASHBOARD_PANEL_PROVIDERS.append(provider)
    return provider


def dashboard_panels(request) -> list[dict]:
    panels = []
    for provider in DASHBOARD_PANEL_PROVIDERS:
        panel = provider(request)
        if panel:
            panels.append(panel)
    return panels
