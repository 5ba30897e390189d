from django.apps import AppConfig
from django.conf import settings


class SearchConfig(AppConfig):
    name = "search"
    label = "search"

    def ready(self):
        # Imported when the registry is ready: apps.py itself is imported before any model is.
        from core.search_port import register_deferred_pages_writer, register_search_provider

        from . import indexing, service, signals
        from .adapters import register_default_adapters

        register_default_adapters()
        signals.connect()
        register_search_provider(service.facet_search, matching=service.matching_pages)
        register_deferred_pages_writer(indexing.pages_sync)
        wagtail_index_updates_stop()


def wagtail_index_updates_stop() -> None:
    """When this project's engine is Wagtail's search backend (``search.backend``), Wagtail's
    own signal handlers would only queue a task per save of every indexed model (pages, images,
    documents, users) to write into an index that no longer exists. Wagtail's documented switch
    for that is ``search_auto_update = False`` on the model; its handlers are connected after
    this app is ready (``wagtail.search`` comes later in INSTALLED_APPS) and read it then."""
    # Imported when called (from ready): modelsearch.index imports models.
    from modelsearch.index import get_indexed_models

    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    if any(conf.get("BACKEND") != "search.backend" for conf in backends.values()) or not backends:
        return
    for model in get_indexed_models():
        model.search_auto_update = False
