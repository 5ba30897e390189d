from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyLabSiteConfig(AppConfig):
    name = "policylab_site"
    label = "policylab_site"
    verbose_name = _("Site")

    def ready(self):
        # navigation imports Wagtail's models, which apps.py may not do while the registry fills.
        from .navigation import navigation_connect_signals

        navigation_connect_signals()
