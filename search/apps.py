from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"

    def ready(self):
        from core.search_port import register_deferred_pages_writer, register_search_provider

        from . import indexing, service, signals
        from .adapters import register_default_adapters

        register_default_adapters()
        signals.connect()
        register_search_provider(service.facet_search, matching=service.matching_pages)
        register_deferred_pages_writer(indexing.pages_sync)
