from django.apps import AppConfig


class PolicyLabSiteConfig(AppConfig):
    name = "policylab_site"
    label = "policylab_site"
    verbose_name = "Site"

    def ready(self):
        from .navigation import navigation_connect_signals

        navigation_connect_signals()
